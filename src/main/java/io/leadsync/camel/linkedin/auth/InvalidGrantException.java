package io.leadsync.camel.linkedin.auth;

/**
 * LinkedIn answered {@code invalid_grant}: the refresh token is expired or revoked, or the authorization code was
 * reused or expired. Only a new authorization by the member helps.
 */
public class InvalidGrantException extends OAuthException {

    /** LinkedIn's {@code error} value for a dead grant. */
    public static final String INVALID_GRANT = "invalid_grant";

    /** See {@link OAuthException#OAuthException(String, int, String, String, Throwable)}. */
    public InvalidGrantException(String operation, int status, String errorDescription) {
        super(operation, status, INVALID_GRANT, errorDescription, null);
    }

    @Override
    public boolean isInvalidGrant() {
        return true;
    }
}
