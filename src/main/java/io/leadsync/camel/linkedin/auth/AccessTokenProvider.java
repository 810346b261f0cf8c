package io.leadsync.camel.linkedin.auth;

/**
 * Supplies the bearer token of every {@code /rest} and {@code /v2} call. The API client asks for {@link #accessToken()}
 * before a call and, when LinkedIn answers 401, for {@link #renewAfterUnauthorized(String)} before replaying the call
 * exactly once.
 */
public interface AccessTokenProvider {

    /**
     * A token that is valid now, refreshed first when it expires within the configured margin.
     *
     * @throws ReauthorizationRequiredException when no usable token exists and none can be minted
     */
    String accessToken();

    /**
     * LinkedIn rejected {@code rejectedToken} (401). Returns a different token to replay the call with; concurrent
     * callers that saw the same rejected token share one refresh.
     *
     * @throws ReauthorizationRequiredException when refreshing is impossible (no refresh token, invalid_grant, expired or
     *                                          revoked grant)
     */
    String renewAfterUnauthorized(String rejectedToken);
}
