package io.leadsync.camel.linkedin.access;

import java.util.Optional;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.auth.OAuthClient;
import io.leadsync.camel.linkedin.auth.TokenIntrospection;

/**
 * Asks LinkedIn's introspection endpoint about the token the endpoint calls with. Introspection needs the app's client
 * id and secret (no scope), so it is available whenever the endpoint (or component) has {@code clientId} and
 * {@code clientSecret}, whatever the token provider is.
 */
public final class TokenIntrospector {

    private final AccessTokenProvider tokenProvider;
    private final OAuthClient oauthClient;

    public TokenIntrospector(AccessTokenProvider tokenProvider, LinkedInLeadSyncConfiguration config) {
        this.tokenProvider = tokenProvider;
        this.oauthClient = available(config)
                ? OAuthClient.builder().clientId(config.getClientId()).clientSecret(config.getClientSecret())
                        .redirectUri(config.getRedirectUri() != null ? config.getRedirectUri() : "http://localhost/oauth/callback")
                        .scopes(config.getScopes().trim().split("[,\\s]+")).oauthBaseUrl(config.getOauthBaseUrl()).build()
                : null;
    }

    private static boolean available(LinkedInLeadSyncConfiguration config) {
        return config.getClientId() != null && !config.getClientId().isBlank() && config.getClientSecret() != null
                && !config.getClientSecret().isBlank();
    }

    /** Whether introspection can be used (clientId and clientSecret are configured). */
    public boolean available() {
        return oauthClient != null;
    }

    /**
     * Introspects the current access token.
     *
     * @throws IllegalStateException when clientId and clientSecret are not configured
     */
    public TokenIntrospection introspect() {
        if (oauthClient == null) {
            throw new IllegalStateException("Token introspection needs the app's clientId and clientSecret options");
        }
        return oauthClient.introspect(tokenProvider.accessToken());
    }

    /** The token's scopes from introspection, or empty when introspection is not available. */
    public Optional<java.util.Set<String>> scopes() {
        return oauthClient == null ? Optional.empty() : Optional.of(introspect().scopes());
    }
}
