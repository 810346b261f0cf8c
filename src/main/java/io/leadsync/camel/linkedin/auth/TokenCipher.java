package io.leadsync.camel.linkedin.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of token material at rest, with a random 12-byte IV per encryption and an optional context
 * (bound as associated data, so a ciphertext cannot be moved to another row or column unnoticed).
 * <p>
 * The key comes either as 32 random bytes in base64 ({@code openssl rand -base64 32}) or as a passphrase, stretched
 * with PBKDF2-HMAC-SHA256 and a random salt stored with each ciphertext. By convention the key material is read from
 * the environment variable {@value #KEY_ENVIRONMENT_VARIABLE} ({@link #fromEnvironment()}).
 * <p>
 * Layout: {@code version(1) | keyKind(1) | [salt(16) if passphrase] | iv(12) | ciphertext+tag(16)}.
 */
public final class TokenCipher {

    /** The environment variable that conventionally holds the key material. */
    public static final String KEY_ENVIRONMENT_VARIABLE = "LEADSYNC_TOKEN_KEY";

    private static final byte VERSION = 1;
    private static final byte RAW_KEY = 0;
    private static final byte PASSPHRASE = 1;
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final int PBKDF2_ITERATIONS = 600_000;
    private static final int MIN_PASSPHRASE_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();
    private final byte[] rawKey;
    private final char[] passphrase;
    private final byte[] writeSalt;
    private final Map<String, SecretKeySpec> derivedKeys = new ConcurrentHashMap<>();

    private TokenCipher(byte[] rawKey, char[] passphrase) {
        this.rawKey = rawKey;
        this.passphrase = passphrase;
        if (passphrase != null) {
            // one salt per cipher instance: a fresh salt per write would cost a 600k-round derivation per write
            this.writeSalt = new byte[SALT_BYTES];
            random.nextBytes(writeSalt);
        } else {
            this.writeSalt = null;
        }
    }

    /** A cipher with a 256-bit key given in base64 (standard or URL-safe alphabet). */
    public static TokenCipher fromBase64Key(String base64Key) {
        byte[] key = decodeKey(base64Key);
        if (key == null) {
            throw new IllegalArgumentException("The token key must be 32 bytes in base64 (e.g. openssl rand -base64 32)");
        }
        return new TokenCipher(key, null);
    }

    /** A cipher whose key is derived from a passphrase of at least 12 characters. */
    public static TokenCipher fromPassphrase(String passphrase) {
        if (passphrase == null || passphrase.length() < MIN_PASSPHRASE_LENGTH) {
            throw new IllegalArgumentException(
                    "The token passphrase must have at least " + MIN_PASSPHRASE_LENGTH + " characters");
        }
        return new TokenCipher(null, passphrase.toCharArray());
    }

    /**
     * A cipher from key material as found in configuration: a value that decodes from base64 to exactly 32 bytes is
     * used as the key itself, anything else as a passphrase.
     */
    public static TokenCipher fromKeyMaterial(String keyMaterial) {
        if (keyMaterial == null || keyMaterial.isBlank()) {
            throw new IllegalArgumentException("No token key given: set " + KEY_ENVIRONMENT_VARIABLE
                    + " to a base64 32-byte key or a passphrase");
        }
        byte[] key = decodeKey(keyMaterial.trim());
        return key != null ? new TokenCipher(key, null) : fromPassphrase(keyMaterial);
    }

    /** A cipher from the environment variable {@value #KEY_ENVIRONMENT_VARIABLE}. */
    public static TokenCipher fromEnvironment() {
        return fromKeyMaterial(System.getenv(KEY_ENVIRONMENT_VARIABLE));
    }

    /** Encrypts {@code plaintext} bound to {@code context} (may be empty, never secret). */
    public byte[] encrypt(byte[] plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] header = passphrase == null ? new byte[] {VERSION, RAW_KEY}
                : ByteBuffer.allocate(2 + SALT_BYTES).put(VERSION).put(PASSPHRASE).put(writeSalt).array();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(passphrase == null ? null : writeSalt), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(header, context));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(header.length + IV_BYTES + sealed.length).put(header).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new TokenStoreException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt(byte[], String)} produced with the same key and context.
     *
     * @throws TokenStoreException when the key is wrong, the data was altered, or it is not in this format
     */
    public byte[] decrypt(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 2 || sealed[0] != VERSION || (sealed[1] != RAW_KEY && sealed[1] != PASSPHRASE)) {
            throw new TokenStoreException("The stored token is not in the expected encrypted format (version "
                    + VERSION + "); was it written by another tool?");
        }
        boolean derived = sealed[1] == PASSPHRASE;
        int headerLength = derived ? 2 + SALT_BYTES : 2;
        if (sealed.length < headerLength + IV_BYTES + TAG_BITS / 8) {
            throw new TokenStoreException("The stored token is truncated");
        }
        if (derived != (passphrase != null)) {
            throw new TokenStoreException("The stored token was encrypted with a "
                    + (derived ? "passphrase" : "base64 key") + " but " + KEY_ENVIRONMENT_VARIABLE + " holds a "
                    + (derived ? "base64 key" : "passphrase"));
        }
        byte[] header = Arrays.copyOfRange(sealed, 0, headerLength);
        byte[] salt = derived ? Arrays.copyOfRange(sealed, 2, headerLength) : null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(salt),
                    new GCMParameterSpec(TAG_BITS, sealed, headerLength, IV_BYTES));
            cipher.updateAAD(aad(header, context));
            return cipher.doFinal(sealed, headerLength + IV_BYTES, sealed.length - headerLength - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new TokenStoreException("Cannot decrypt the stored LinkedIn token: the key (" + KEY_ENVIRONMENT_VARIABLE
                    + ") is not the one it was written with, or the stored data was altered");
        } catch (GeneralSecurityException e) {
            throw new TokenStoreException("AES-256-GCM decryption failed: " + e.getClass().getSimpleName(), null);
        }
    }

    /** Encrypts a string to base64 text, for text columns. */
    public String encryptToBase64(String plaintext, String context) {
        return Base64.getEncoder().encodeToString(encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context));
    }

    /** Reverses {@link #encryptToBase64(String, String)}. */
    public String decryptFromBase64(String base64, String context) {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new TokenStoreException("The stored token is not base64: it was not written by this store");
        }
        return new String(decrypt(sealed, context), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TokenCipher[AES-256-GCM, key from " + (passphrase == null ? "base64 key" : "passphrase") + "]";
    }

    private SecretKeySpec key(byte[] salt) throws GeneralSecurityException {
        if (salt == null) {
            return new SecretKeySpec(rawKey, "AES");
        }
        String cacheKey = Base64.getEncoder().encodeToString(salt);
        SecretKeySpec cached = derivedKeys.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, PBKDF2_ITERATIONS, KEY_BYTES * 8);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            SecretKeySpec derived = new SecretKeySpec(key, "AES");
            derivedKeys.put(cacheKey, derived);
            return derived;
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] aad(byte[] header, String context) {
        byte[] ctx = (context == null ? "" : context).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + ctx.length).put(header).put(ctx).array();
    }

    private static byte[] decodeKey(String base64Key) {
        if (base64Key == null) {
            return null;
        }
        String trimmed = base64Key.trim();
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
            try {
                byte[] key = decoder.decode(trimmed);
                if (key.length == KEY_BYTES) {
                    return key;
                }
            } catch (IllegalArgumentException notThisAlphabet) {
                // try the other alphabet
            }
        }
        return null;
    }
}
