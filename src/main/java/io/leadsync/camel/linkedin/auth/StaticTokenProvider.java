package io.leadsync.camel.linkedin.auth;

import java.util.Objects;

/**
 * A fixed access token, e.g. one made with the LinkedIn developer portal's token generator (60 days, no refresh
 * token). When LinkedIn rejects it, nothing can renew it: the caller gets a {@link ReauthorizationRequiredException}.
 */
public final class StaticTokenProvider implements AccessTokenProvider {

    private final String accessToken;

    /** A provider that always answers {@code accessToken}. */
    public StaticTokenProvider(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        this.accessToken = accessToken;
    }

    @Override
    public String accessToken() {
        return accessToken;
    }

    @Override
    public String renewAfterUnauthorized(String rejectedToken) {
        if (!Objects.equals(rejectedToken, accessToken)) {
            return accessToken;
        }
        throw new ReauthorizationRequiredException("LinkedIn rejected the configured access token, which cannot be"
                + " refreshed: generate a new one", null);
    }

    @Override
    public String toString() {
        return "StaticTokenProvider[sha256:" + OAuthToken.fingerprint(accessToken) + "]";
    }
}
