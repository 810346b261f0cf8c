package io.leadsync.sandbox;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** The HMAC-SHA256 values LinkedIn uses for webhook challenges and the {@code X-LI-Signature} header. */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    /** {@code challengeResponse}: hex HMAC-SHA256 of the challenge code, keyed with the client secret. */
    public static String challengeResponse(String clientSecret, String challengeCode) {
        return hmacHex(clientSecret, challengeCode.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code X-LI-Signature} as documented: hex HMAC-SHA256 of {@code "hmacsha256=" + rawBody}. */
    public static String signature(String clientSecret, byte[] rawBody) {
        byte[] prefix = "hmacsha256=".getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(rawBody, 0, message, prefix.length, rawBody.length);
        return hmacHex(clientSecret, message);
    }

    static String hmacHex(String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
