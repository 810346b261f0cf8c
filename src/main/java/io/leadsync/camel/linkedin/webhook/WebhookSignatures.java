package io.leadsync.camel.linkedin.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LinkedIn's webhook HMACs: the challenge answer and the {@code X-LI-Signature} check (linkedin-api.md §9). The key is
 * the app's client secret; it never leaves this class.
 * <p>
 * <b>Why a challenge answer can never sign a delivery.</b> Both use the same key, so the webhook must never compute
 * {@code HMAC(secret, m)} for a caller-chosen {@code m} that is also the MAC input of some body. The two input domains
 * are kept disjoint:
 * <ul>
 * <li>A delivery is accepted only with the documented {@code hex(HMAC(secret, "hmacsha256=" + rawBody))} (the header
 * may carry an optional {@code hmacsha256=} label in front of the 64 hex digits). Its MAC input therefore always starts
 * with the 11 bytes {@code hmacsha256=}: its first byte is {@code 'h'}.</li>
 * <li>A challenge is answered only for a code shaped like LinkedIn's, a canonical UUID ({@link #isChallengeCode}):
 * exactly 36 characters over {@code [0-9a-fA-F-]}. Its MAC input never contains {@code 'h'} or {@code '='}.</li>
 * </ul>
 * No byte string is in both domains, so a challenge answer that validates a delivery would be two different messages
 * with one HMAC-SHA256 value: a collision, which is infeasible. Integrators also report {@code hex(HMAC(secret, rawBody))}
 * with or without the label (UNSURE in §9). That digest is refused: its MAC input is the bare body, and a body that is a
 * UUID string (or any string the challenge answers) would turn the challenge into a signing oracle for it; it was how
 * {@code challengeCode=hmacsha256=<json>} used to sign forged notifications. The sandbox, like LinkedIn's documentation,
 * sends the documented form. Every comparison is constant-time over the raw bytes as received.
 */
public final class WebhookSignatures {

    static final String HEADER = "X-LI-Signature";
    /** The label LinkedIn puts in front of the body it signs (and that may prefix the header value). */
    static final String PREFIX = "hmacsha256=";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;

    public WebhookSignatures(String clientSecret) {
        if (clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientSecret is required to answer LinkedIn's webhook challenge and check X-LI-Signature");
        }
        this.key = clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code code} is shaped like the challenge codes LinkedIn sends: a canonical 8-4-4-4-12 hex UUID. */
    public static boolean isChallengeCode(String code) {
        return code != null && code.length() == 36 && UUID.matcher(code).matches();
    }

    /** The bytes a challenge answer is the HMAC of (the code itself). */
    public static byte[] challengeMacInput(String challengeCode) {
        if (!isChallengeCode(challengeCode)) {
            throw new IllegalArgumentException("a challenge code must be a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        return challengeCode.getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes a delivery's signature is the HMAC of: {@code "hmacsha256=" + rawBody}. */
    public static byte[] deliveryMacInput(byte[] rawBody) {
        byte[] input = new byte[PREFIX_BYTES.length + rawBody.length];
        System.arraycopy(PREFIX_BYTES, 0, input, 0, PREFIX_BYTES.length);
        System.arraycopy(rawBody, 0, input, PREFIX_BYTES.length, rawBody.length);
        return input;
    }

    /**
     * {@code challengeResponse}: hex HMAC-SHA256 of the challenge code.
     *
     * @throws IllegalArgumentException when the code is not a UUID ({@link #isChallengeCode}); no HMAC is computed
     */
    public String challengeResponse(String challengeCode) {
        return HEX.formatHex(hmac(challengeMacInput(challengeCode)));
    }

    /**
     * Whether {@code signature} is the documented {@code hex(HMAC("hmacsha256=" + rawBody))}, with or without a leading
     * {@code hmacsha256=} label and in either hex case. Anything else (the bare-body digest included) is refused.
     */
    public boolean verify(byte[] rawBody, String signature) {
        if (signature == null || rawBody == null) {
            return false;
        }
        String value = signature.trim();
        if (value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            value = value.substring(PREFIX.length());
        }
        if (!HEX_DIGEST.matcher(value).matches()) {
            return false;
        }
        byte[] given = value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = HEX.formatHex(hmac(deliveryMacInput(rawBody))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected);
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignatures[key=***]";
    }
}
