package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OAuthToken: expiry arithmetic, LinkedIn's fixed refresh-token expiry, masking. */
class OAuthTokenTest {

    private static final Instant FIRST_GRANT = Instant.parse("2026-01-01T00:00:00Z");

    private final OAuthToken first = OAuthToken.fromTokenResponse("AQX-first-access", 5_184_000, "AQW-refresh-token",
            31_536_000L, "r_ads,r_marketing_leadgen_automation", FIRST_GRANT);

    @Test
    void afterRefreshKeepsTheFirstGrantsRefreshExpiry() {
        Instant day200 = FIRST_GRANT.plus(Duration.ofDays(200));
        OAuthToken answer = OAuthToken.fromTokenResponse("AQX-second-access", 5_184_000, "AQW-refresh-token",
                31_536_000L, "r_ads,r_marketing_leadgen_automation", day200);

        OAuthToken kept = OAuthToken.afterRefresh(first, answer);

        assertThat(kept.accessToken()).isEqualTo("AQX-second-access");
        assertThat(kept.accessTokenExpiresAt()).isEqualTo(day200.plus(Duration.ofDays(60)));
        assertThat(kept.refreshTokenExpiresAt()).isEqualTo(FIRST_GRANT.plus(Duration.ofDays(365)));
        assertThat(kept.grantedAt()).isEqualTo(day200);
    }

    @Test
    void afterRefreshTakesAnEarlierExpiryAndKeepsTheRefreshTokenWhenTheAnswerHasNone() {
        Instant day10 = FIRST_GRANT.plus(Duration.ofDays(10));
        OAuthToken shorter = OAuthToken.fromTokenResponse("AQX-2", 5_184_000, "AQW-refresh-token", 86_400L, "", day10);
        assertThat(OAuthToken.afterRefresh(first, shorter).refreshTokenExpiresAt()).isEqualTo(day10.plusSeconds(86_400));
        assertThat(OAuthToken.afterRefresh(first, shorter).scopes()).containsExactly("r_ads",
                "r_marketing_leadgen_automation");

        OAuthToken bare = OAuthToken.fromTokenResponse("AQX-3", 3600, null, null, "r_ads", day10);
        OAuthToken kept = OAuthToken.afterRefresh(first, bare);
        assertThat(kept.refreshToken()).isEqualTo("AQW-refresh-token");
        assertThat(kept.refreshTokenExpiresAt()).isEqualTo(first.refreshTokenExpiresAt());
    }

    @Test
    void expiryHelpers() {
        Instant expiry = first.accessTokenExpiresAt();
        assertThat(first.isAccessTokenExpiring(expiry.minus(Duration.ofMinutes(6)), Duration.ofMinutes(5))).isFalse();
        assertThat(first.isAccessTokenExpiring(expiry.minus(Duration.ofMinutes(5)), Duration.ofMinutes(5))).isTrue();
        assertThat(first.isAccessTokenExpired(expiry.minusMillis(1))).isFalse();
        assertThat(first.isAccessTokenExpired(expiry)).isTrue();
        assertThat(first.accessTokenDaysLeft(FIRST_GRANT)).isEqualTo(60);
        assertThat(first.accessTokenDaysLeft(expiry.plusSeconds(1))).isZero();
        assertThat(first.refreshTokenDaysLeft(FIRST_GRANT.plus(Duration.ofDays(100)).plusSeconds(1))).hasValue(264);
        assertThat(first.isRefreshTokenExpired(FIRST_GRANT.plus(Duration.ofDays(365)))).isTrue();
        OAuthToken noRefresh = new OAuthToken("AQX", FIRST_GRANT.plusSeconds(60), null, null, Set.of(), FIRST_GRANT);
        assertThat(noRefresh.refreshTokenDaysLeft(FIRST_GRANT)).isEmpty();
        assertThat(noRefresh.isRefreshTokenExpired(FIRST_GRANT)).as("no refresh token means no refresh").isTrue();
    }

    @Test
    void scopesAcceptCommasAndSpaces() {
        assertThat(OAuthToken.parseScopes("r_ads,rw_dmp_segments")).containsExactly("r_ads", "rw_dmp_segments");
        assertThat(OAuthToken.parseScopes(" r_ads rw_dmp_segments, r_events ")).containsExactly("r_ads",
                "rw_dmp_segments", "r_events");
        assertThat(OAuthToken.parseScopes(null)).isEmpty();
    }

    @Test
    void toStringMasksBothTokens() {
        assertThat(first.toString()).doesNotContain("AQX-first-access").doesNotContain("AQW-refresh-token")
                .contains("sha256:" + first.accessTokenFingerprint()).contains("r_ads");
        assertThat(first.accessTokenFingerprint()).hasSize(8).isNotEqualTo(OAuthToken.fingerprint("AQW-refresh-token"));
    }
}
