package io.leadsync.camel.linkedin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LinkedIn's webhook HMACs: the challenge answer and the {@code X-LI-Signature} check (linkedin-api.md §9). The key is
 * the app's client secret; it never leaves this class.
 */
final class WebhookSignatures {

    static final String HEADER = "X-LI-Signature";
    private static final String PREFIX = "hmacsha256=";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;

    WebhookSignatures(String clientSecret) {
        if (clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("clientSecret is required to answer LinkedIn's webhook challenge and check X-LI-Signature");
        }
        this.key = clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code challengeResponse}: hex HMAC-SHA256 of the challenge code. */
    String challengeResponse(String challengeCode) {
        return HEX.formatHex(hmac(challengeCode.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code signature} signs {@code rawBody}. LinkedIn documents hex(HMAC("hmacsha256=" + body)); integrators
     * also report hex(HMAC(body)), with or without a "hmacsha256=" prefix on the header (UNSURE in the contract), so
     * an optional prefix is stripped and either digest is accepted. Comparisons are constant-time.
     */
    boolean verify(byte[] rawBody, String signature) {
        if (signature == null) {
            return false;
        }
        String value = signature.trim();
        if (value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            value = value.substring(PREFIX.length());
        }
        byte[] given = value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = new byte[PREFIX.length() + rawBody.length];
        System.arraycopy(PREFIX.getBytes(StandardCharsets.US_ASCII), 0, prefixed, 0, PREFIX.length());
        System.arraycopy(rawBody, 0, prefixed, PREFIX.length(), rawBody.length);
        boolean documented = MessageDigest.isEqual(given, hexBytes(hmac(prefixed)));
        boolean plain = MessageDigest.isEqual(given, hexBytes(hmac(rawBody)));
        return documented | plain;
    }

    private static byte[] hexBytes(byte[] digest) {
        return HEX.formatHex(digest).getBytes(StandardCharsets.US_ASCII);
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
