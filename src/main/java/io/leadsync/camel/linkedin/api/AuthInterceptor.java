package io.leadsync.camel.linkedin.api;

import java.util.Objects;

import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds {@code Authorization: Bearer …} to every {@code /rest} and {@code /v2} call. On a 401 it asks the provider to
 * renew the rejected token and replays the call exactly once; a second 401 surfaces as {@link UnauthorizedException},
 * and a renewal that is impossible surfaces as the provider's re-authorization exception.
 */
public final class AuthInterceptor implements ApiInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(AuthInterceptor.class);

    private final AccessTokenProvider tokens;

    public AuthInterceptor(AccessTokenProvider tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens == null");
    }

    @Override
    public ApiResponse intercept(Chain chain) {
        ApiRequest request = chain.request();
        if (request.base() == ApiBase.OAUTH) {
            return chain.proceed(request);
        }
        String token = tokens.accessToken();
        try {
            return chain.proceed(withBearer(request, token));
        } catch (UnauthorizedException rejected) {
            LOG.debug("{} answered 401 ({}); renewing the access token and replaying once", request.describe(), rejected.code());
            String renewed = tokens.renewAfterUnauthorized(token);
            return chain.proceed(withBearer(request, renewed));
        }
    }

    private static ApiRequest withBearer(ApiRequest request, String token) {
        if (token == null || token.isBlank()) {
            // LinkedIn would answer "Empty oauth2_access_token"; say it here without a round trip
            throw new IllegalStateException("The access token provider returned no token for " + request.describe());
        }
        return request.toBuilder().header("Authorization", "Bearer " + token).build();
    }
}
