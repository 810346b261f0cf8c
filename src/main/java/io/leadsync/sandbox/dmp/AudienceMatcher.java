package io.leadsync.sandbox.dmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides whether an uploaded identity "matches" a LinkedIn member. LinkedIn matches about three in four hashed
 * emails; the sandbox makes the same decision for the same identity on every run: the identity matches when the
 * first hex digit of SHA-256(identity) is below {@code c} (12 of 16 values, so 75 %).
 */
final class AudienceMatcher {

    private AudienceMatcher() {
    }

    static boolean matches(String identity) {
        return (digest(identity)[0] & 0xF0) < 0xC0;
    }

    private static byte[] digest(String identity) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
