package io.leadsync.camel.linkedin.auth;

/**
 * A token store could not read, decrypt or write the token. Messages say what to check (the key, the file, the
 * table) and never contain token material.
 */
public class TokenStoreException extends RuntimeException {

    /** A failure with its cause. */
    public TokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without an underlying exception. */
    public TokenStoreException(String message) {
        super(message);
    }
}
