package io.leadsync.camel.linkedin.auth;

/**
 * The member must go through LinkedIn's consent screen again: the refresh token is missing, expired (365 days after
 * the first grant) or revoked. Carries a fresh authorization URL; never a token.
 */
public class ReauthorizationRequiredException extends RuntimeException {

    private final String authorizationUrl;

    public ReauthorizationRequiredException(String reason, String authorizationUrl) {
        super("LinkedIn re-authorization required: " + reason
                + (authorizationUrl == null ? "" : ". Open " + authorizationUrl + " to connect again"));
        this.authorizationUrl = authorizationUrl;
    }

    /**
     * Where to send the member to grant access again: an app's connect page when the token manager has one, else
     * LinkedIn's authorization URL with a new one-time state; {@code null} if unknown.
     */
    public String authorizationUrl() {
        return authorizationUrl;
    }
}
