package io.leadsync.camel.linkedin.audience;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns emails into the digests Matched Audiences takes, inside the process: LinkedIn must never receive a plain
 * email. An email is trimmed, lower-cased and SHA-256 hashed (64 hex characters); a value that already is a 64- or
 * 128-character hex digest is passed on as it is, only lower-cased (LinkedIn compares hex digests in lower case).
 */
public final class AudienceHashing {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SHA512_HEX = Pattern.compile("[0-9a-fA-F]{128}");

    private AudienceHashing() {
    }

    /** The email as LinkedIn hashes it: trimmed and lower-cased. */
    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** SHA-256 of the normalized email, or the value itself when it already is a SHA-256 hex digest. */
    public static String sha256Email(String emailOrDigest) {
        String value = emailOrDigest.trim();
        if (isSha256(value)) {
            return value.toLowerCase(Locale.ROOT);
        }
        return hex("SHA-256", normalizeEmail(value));
    }

    /** SHA-512 of the normalized email, or the value itself when it already is a SHA-512 hex digest. */
    public static String sha512Email(String emailOrDigest) {
        String value = emailOrDigest.trim();
        if (isSha512(value)) {
            return value.toLowerCase(Locale.ROOT);
        }
        return hex("SHA-512", normalizeEmail(value));
    }

    /** Whether {@code value} is a SHA-256 hex digest (64 hex characters). */
    public static boolean isSha256(String value) {
        return value != null && SHA256_HEX.matcher(value).matches();
    }

    /** Whether {@code value} is a SHA-512 hex digest (128 hex characters). */
    public static boolean isSha512(String value) {
        return value != null && SHA512_HEX.matcher(value).matches();
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }
}
