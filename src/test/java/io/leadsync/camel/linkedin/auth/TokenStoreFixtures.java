package io.leadsync.camel.linkedin.auth;

import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Tokens and keys shared by the store tests. */
final class TokenStoreFixtures {

    static final String ACCESS = "AQXstoreAccessTokenValue0123456789abcdef";
    static final String REFRESH = "AQWstoreRefreshTokenValue0123456789abcdef";
    static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});
    static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private TokenStoreFixtures() {
    }

    static OAuthToken token() {
        return new OAuthToken(ACCESS, Instant.parse("2026-04-01T10:00:00Z"), REFRESH,
                Instant.parse("2027-01-30T10:00:00Z"), Set.of("r_ads", "r_marketing_leadgen_automation"),
                Instant.parse("2026-01-30T10:00:00.123Z"));
    }

    static OAuthToken tokenWithoutRefresh() {
        return new OAuthToken("AQXsecondAccessTokenWithoutRefresh", Instant.parse("2026-05-01T10:00:00Z"), null, null,
                Set.of("r_ads"), Instant.parse("2026-03-01T10:00:00Z"));
    }
}
