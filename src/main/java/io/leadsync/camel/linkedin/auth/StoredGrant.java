package io.leadsync.camel.linkedin.auth;

/**
 * A connection's grant as a {@link TokenStore} holds it: the token, and whether LinkedIn refused to refresh it.
 * Keeping the refusal next to the token lets every replica sharing the store see a revoked grant without each
 * asking LinkedIn again.
 *
 * @param token         the stored token, {@code null} when none is stored
 * @param revokedReason why LinkedIn refused this token's refresh (invalid_grant), {@code null} while it is usable
 */
public record StoredGrant(OAuthToken token, String revokedReason) {

    private static final StoredGrant NONE = new StoredGrant(null, null);

    public StoredGrant {
        if (token == null && revokedReason != null) {
            throw new IllegalArgumentException("only a stored token can be revoked");
        }
    }

    /** No token stored. */
    public static StoredGrant none() {
        return NONE;
    }

    /** {@code token} (may be {@code null}), not revoked. */
    public static StoredGrant of(OAuthToken token) {
        return token == null ? NONE : new StoredGrant(token, null);
    }

    /** {@code token}, which LinkedIn refused to refresh for {@code reason}. */
    public static StoredGrant revoked(OAuthToken token, String reason) {
        return new StoredGrant(java.util.Objects.requireNonNull(token, "token == null"),
                java.util.Objects.requireNonNull(reason, "reason == null"));
    }

    /** Whether a token is stored. */
    public boolean present() {
        return token != null;
    }

    /** Whether LinkedIn refused to refresh the stored token. */
    public boolean revoked() {
        return revokedReason != null;
    }

    @Override
    public String toString() {
        return "StoredGrant[" + (token == null ? "none" : "sha256:" + token.accessTokenFingerprint())
                + (revoked() ? ", revoked" : "") + "]";
    }
}
