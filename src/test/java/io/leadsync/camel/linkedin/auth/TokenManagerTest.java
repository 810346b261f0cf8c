package io.leadsync.camel.linkedin.auth;

import static io.leadsync.camel.linkedin.auth.FakeLinkedInOAuth.ACCESS_TOKEN;
import static io.leadsync.camel.linkedin.auth.FakeLinkedInOAuth.INTROSPECT;
import static io.leadsync.camel.linkedin.auth.FakeLinkedInOAuth.accessTokenNumber;
import static io.leadsync.camel.linkedin.auth.FakeLinkedInOAuth.refreshTokenNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TokenManager's lifecycle: refresh ahead of expiry and after 401, re-authorization, heartbeat, callback. */
class TokenManagerTest {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private static final Set<String> SCOPES = Set.of("r_ads", "r_marketing_leadgen_automation");

    private final FakeLinkedInOAuth linkedIn = FakeLinkedInOAuth.start();
    private final MutableClock clock = new MutableClock(T0);
    private final OAuthClient oauth = OAuthClient.builder().clientId("app-42").clientSecret("s3cr3t-value")
            .redirectUri("https://leads.example.com/cb").scopes("r_marketing_leadgen_automation", "r_ads")
            .oauthBaseUrl(linkedIn.baseUrl()).clock(clock).build();
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final List<ReauthorizationRequiredException> told = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        linkedIn.close();
    }

    private TokenManager manager() {
        TokenManager manager = TokenManager.builder().oauthClient(oauth).tokenStore(store).clock(clock).build();
        manager.addReauthorizationListener(told::add);
        return manager;
    }

    private OAuthToken stored(String access, Duration accessLeft, String refresh, Instant refreshExpiry) {
        OAuthToken token = new OAuthToken(access, clock.instant().plus(accessLeft), refresh, refreshExpiry, SCOPES,
                clock.instant().minus(Duration.ofDays(1)));
        store.save(token);
        return token;
    }

    @Test
    void servesTheStoredTokenWithoutCallingLinkedInWhileFarFromExpiry() {
        stored("AQX-current", Duration.ofDays(30), "AQW-r", T0.plus(Duration.ofDays(300)));
        TokenManager manager = manager();

        assertThat(manager.accessToken()).isEqualTo("AQX-current");
        clock.advance(Duration.ofDays(30).minus(Duration.ofMinutes(6)));
        assertThat(manager.accessToken()).isEqualTo("AQX-current");
        assertThat(linkedIn.requests()).isEmpty();
    }

    @Test
    void refreshesAheadOfExpiryAndKeepsTheRefreshTokenExpiry() {
        Instant refreshExpiry = T0.plus(Duration.ofDays(300));
        stored("AQX-current", Duration.ofDays(30), "AQW-r", refreshExpiry);
        TokenManager manager = manager();

        clock.advance(Duration.ofDays(30).minus(Duration.ofMinutes(4)));
        String renewed = manager.accessToken();

        assertThat(renewed).isEqualTo(accessTokenNumber(1));
        assertThat(linkedIn.requests(ACCESS_TOKEN)).singleElement().satisfies(r -> assertThat(r.form())
                .containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "AQW-r"));
        OAuthToken saved = store.load().orElseThrow();
        assertThat(saved.accessToken()).isEqualTo(renewed);
        assertThat(saved.accessTokenExpiresAt()).isEqualTo(clock.instant().plusSeconds(5_184_000));
        assertThat(saved.refreshTokenExpiresAt()).as("LinkedIn's 365 days do not restart").isEqualTo(refreshExpiry);
        assertThat(manager.accessToken()).isEqualTo(renewed);
        assertThat(linkedIn.count(ACCESS_TOKEN)).isEqualTo(1);
    }

    @Test
    void renewAfterUnauthorizedRefreshesOnceAndAStaleRejectionReusesTheNewToken() {
        stored("AQX-current", Duration.ofDays(30), "AQW-r", T0.plus(Duration.ofDays(300)));
        TokenManager manager = manager();

        String renewed = manager.renewAfterUnauthorized("AQX-current");
        assertThat(renewed).isEqualTo(accessTokenNumber(1));

        // a second caller that was still using the old token gets the renewed one, without another refresh
        assertThat(manager.renewAfterUnauthorized("AQX-current")).isEqualTo(renewed);
        assertThat(linkedIn.count(ACCESS_TOKEN)).isEqualTo(1);

        // if LinkedIn then rejects the renewed token too, that is a new refresh
        assertThat(manager.renewAfterUnauthorized(renewed)).isEqualTo(accessTokenNumber(2));
        assertThat(linkedIn.count(ACCESS_TOKEN)).isEqualTo(2);
    }

    @Test
    void renewAfterUnauthorizedPicksUpATokenAnotherNodeSavedInTheSharedStore() {
        stored("AQX-current", Duration.ofDays(30), "AQW-r", T0.plus(Duration.ofDays(300)));
        TokenManager manager = manager();
        assertThat(manager.accessToken()).isEqualTo("AQX-current");

        clock.advance(Duration.ofHours(1));
        stored("AQX-from-other-node", Duration.ofDays(60), "AQW-r", T0.plus(Duration.ofDays(300)));

        assertThat(manager.renewAfterUnauthorized("AQX-current")).isEqualTo("AQX-from-other-node");
        assertThat(linkedIn.requests()).isEmpty();
    }

    @Test
    void noRefreshTokenMeansReauthorizationWithAUsableUrl() {
        stored("AQX-current", Duration.ofDays(1), null, null);
        TokenManager manager = manager();
        clock.advance(Duration.ofDays(1));

        assertThatThrownBy(manager::accessToken).isInstanceOfSatisfying(ReauthorizationRequiredException.class, e -> {
            assertThat(e.getMessage()).contains("no refresh token").doesNotContain("AQX-current");
            Map<String, String> query = OAuthClientTest.query(e.authorizationUrl());
            assertThat(e.authorizationUrl()).startsWith(linkedIn.baseUrl() + "/authorization?");
            assertThat(query).containsEntry("client_id", "app-42").containsEntry("response_type", "code")
                    .containsEntry("redirect_uri", "https://leads.example.com/cb")
                    .containsEntry("scope", "r_marketing_leadgen_automation r_ads");
            assertThat(query.get("state")).isNotBlank();
            assertThat(oauth.consumeState(query.get("state"))).as("the URL's state is live").isTrue();
        });
        assertThat(linkedIn.requests()).isEmpty();
        assertThat(told).hasSize(1);
        assertThat(manager.status().reauthorizationRequired()).isTrue();
        assertThat(manager.status().connected()).isFalse();
    }

    @Test
    void withoutRefreshTokenAnExpiringButValidTokenIsStillServed() {
        stored("AQX-current", Duration.ofMinutes(3), null, null);
        TokenManager manager = manager();

        assertThat(manager.accessToken()).isEqualTo("AQX-current");
        assertThat(linkedIn.requests()).isEmpty();
    }

    @Test
    void invalidGrantMeansReauthorizationAndListenersAreToldOnce() {
        stored("AQX-current", Duration.ofDays(30), "AQW-revoked", T0.plus(Duration.ofDays(300)));
        linkedIn.enqueue(ACCESS_TOKEN, 400, FakeLinkedInOAuth.fixture("token-error-invalid-grant.json"));
        TokenManager manager = manager();

        assertThatThrownBy(() -> manager.renewAfterUnauthorized("AQX-current"))
                .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("invalid_grant");
        assertThatThrownBy(() -> manager.renewAfterUnauthorized("AQX-current"))
                .isInstanceOf(ReauthorizationRequiredException.class);
        clock.advance(Duration.ofDays(31));
        assertThatThrownBy(manager::accessToken).isInstanceOfSatisfying(ReauthorizationRequiredException.class,
                e -> assertThat(e.authorizationUrl()).contains("client_id=app-42").contains("state="));

        assertThat(linkedIn.count(ACCESS_TOKEN)).as("a dead grant is not retried").isEqualTo(1);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).getMessage()).contains("invalid_grant");
        TokenStatus status = manager.status();
        assertThat(status.reauthorizationRequired()).isTrue();
        assertThat(status.reason()).contains("invalid_grant");
        assertThat(status.authorizationUrl()).contains("state=");
    }

    @Test
    void refreshTokenPast365DaysMeansReauthorizationWithoutCallingLinkedIn() {
        Instant refreshExpiry = T0.plus(Duration.ofDays(2));
        stored("AQX-current", Duration.ofDays(3), "AQW-r", refreshExpiry);
        TokenManager manager = manager();

        clock.advance(Duration.ofDays(3));
        assertThatThrownBy(manager::accessToken).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("refresh token expired at " + refreshExpiry);
        assertThatThrownBy(() -> manager.renewAfterUnauthorized("AQX-current"))
                .isInstanceOf(ReauthorizationRequiredException.class);

        assertThat(linkedIn.requests()).isEmpty();
        assertThat(told).hasSize(1);
    }

    @Test
    void noStoredTokenMeansReauthorization() {
        TokenManager manager = manager();

        assertThatThrownBy(manager::accessToken).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("no LinkedIn token is stored");
        assertThatThrownBy(manager::heartbeat).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(told).hasSize(1);
        assertThat(manager.status().connected()).isFalse();
    }

    @Test
    void callbackWithIssuedStateConnectsAndClearsTheReauthorization() {
        TokenManager manager = manager();
        assertThatThrownBy(manager::accessToken).isInstanceOf(ReauthorizationRequiredException.class);
        String state = OAuthClientTest.query(told.get(0).authorizationUrl()).get("state");

        TokenStatus status = manager.handleCallback(state, "AQT-the-code");

        assertThat(linkedIn.requests(ACCESS_TOKEN)).singleElement().satisfies(r -> assertThat(r.form())
                .containsEntry("grant_type", "authorization_code").containsEntry("code", "AQT-the-code")
                .containsEntry("redirect_uri", "https://leads.example.com/cb"));
        assertThat(status.connected()).isTrue();
        assertThat(status.reauthorizationRequired()).isFalse();
        assertThat(status.accessTokenDaysLeft()).isEqualTo(60);
        assertThat(status.refreshTokenDaysLeft()).isEqualTo(365);
        assertThat(status.scopes()).containsExactlyInAnyOrder("r_ads", "r_marketing_leadgen_automation",
                "r_organization_admin");
        assertThat(manager.accessToken()).isEqualTo(accessTokenNumber(1));
        assertThat(store.load().orElseThrow().refreshToken()).isEqualTo(refreshTokenNumber(1));
    }

    @Test
    void callbackWithUnknownOrReusedStateIsRefusedWithoutExchangingTheCode() {
        TokenManager manager = manager();
        AuthorizationRequest request = manager.newAuthorization();
        manager.handleCallback(request.state(), "code-1");

        assertThatThrownBy(() -> manager.handleCallback(request.state(), "code-2"))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(OAuthException.INVALID_STATE);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("code-2");
                });
        assertThatThrownBy(() -> manager.handleCallback("forged", "code-3")).isInstanceOf(OAuthException.class);
        assertThat(linkedIn.count(ACCESS_TOKEN)).isEqualTo(1);
    }

    @Test
    void heartbeatReportsAnActiveToken() {
        stored("AQX-current", Duration.ofDays(30), "AQW-r", T0.plus(Duration.ofDays(300)));
        TokenManager manager = manager();

        TokenStatus status = manager.heartbeat();

        assertThat(linkedIn.requests(INTROSPECT)).singleElement()
                .satisfies(r -> assertThat(r.form()).containsEntry("token", "AQX-current"));
        assertThat(status.connected()).isTrue();
        assertThat(status.lastHeartbeatStatus()).isEqualTo("active");
        assertThat(status.lastHeartbeatAt()).isEqualTo(T0);
        assertThat(status.accessTokenDaysLeft()).isEqualTo(30);
        assertThat(status.refreshTokenDaysLeft()).isEqualTo(300);
    }

    @Test
    void heartbeatOnAnExpiredTokenRefreshesWhenPossible() {
        stored("AQX-current", Duration.ofDays(30), "AQW-r", T0.plus(Duration.ofDays(300)));
        linkedIn.enqueue(INTROSPECT, 200, FakeLinkedInOAuth.fixture("introspect-expired.json"));
        TokenManager manager = manager();

        TokenStatus status = manager.heartbeat();

        assertThat(linkedIn.count(ACCESS_TOKEN)).isEqualTo(1);
        assertThat(manager.accessToken()).isEqualTo(accessTokenNumber(1));
        assertThat(status.connected()).isTrue();
        assertThat(told).isEmpty();
    }

    @Test
    void heartbeatOnARevokedTokenWithoutRefreshTokenRaisesReauthorization() {
        stored("AQX-current", Duration.ofDays(30), null, null);
        linkedIn.enqueue(INTROSPECT, 200, "{\"active\":false,\"status\":\"revoked\",\"client_id\":\"app-42\"}");
        TokenManager manager = manager();

        assertThatThrownBy(manager::heartbeat).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("LinkedIn rejected the access token");

        assertThat(told).hasSize(1);
        TokenStatus status = manager.status();
        assertThat(status.connected()).isFalse();
        assertThat(status.lastHeartbeatStatus()).isEqualTo("revoked");
        assertThat(linkedIn.count(ACCESS_TOKEN)).isZero();
    }

    @Test
    void transientRefreshFailureKeepsServingTheValidTokenAndBacksOff() {
        stored("AQX-current", Duration.ofMinutes(3), "AQW-r", T0.plus(Duration.ofDays(300)));
        linkedIn.enqueue(ACCESS_TOKEN, 503, "");
        TokenManager manager = manager();

        assertThat(manager.accessToken()).isEqualTo("AQX-current");
        assertThat(manager.accessToken()).as("no new attempt within the retry delay").isEqualTo("AQX-current");
        assertThat(linkedIn.count(ACCESS_TOKEN)).isEqualTo(1);

        clock.advance(TokenManager.DEFAULT_RETRY_DELAY);
        assertThat(manager.accessToken()).isEqualTo(accessTokenNumber(1));
        assertThat(told).isEmpty();
    }

    @Test
    void transientRefreshFailureOnAnExpiredTokenIsAnOAuthErrorNotAReauthorization() {
        stored("AQX-current", Duration.ofMinutes(3), "AQW-r", T0.plus(Duration.ofDays(300)));
        linkedIn.enqueue(ACCESS_TOKEN, 502, "");
        TokenManager manager = manager();
        clock.advance(Duration.ofMinutes(3));

        assertThatThrownBy(manager::accessToken).isExactlyInstanceOf(OAuthException.class)
                .satisfies(e -> assertThat(((OAuthException) e).isTransient()).isTrue());
        assertThat(manager.accessToken()).as("the next call tries again").isEqualTo(accessTokenNumber(1));
        assertThat(told).isEmpty();
    }

    @Test
    void shortLivedTokensAreNotRefreshedOnEveryCall() {
        stored("AQX-short", Duration.ofMinutes(4), "AQW-r", T0.plus(Duration.ofDays(300)));
        OAuthToken shortLived = new OAuthToken("AQX-short", T0.plus(Duration.ofMinutes(4)), "AQW-r",
                T0.plus(Duration.ofDays(300)), SCOPES, T0);
        store.save(shortLived);
        TokenManager manager = manager();

        assertThat(manager.accessToken()).isEqualTo("AQX-short");
        clock.advance(Duration.ofMinutes(2));
        assertThat(manager.accessToken()).as("half the lifetime left: refresh").isEqualTo(accessTokenNumber(1));
    }

    @Test
    void aRefreshedTokenSurvivesAStoreThatCannotSave() {
        stored("AQX-current", Duration.ofDays(30), "AQW-r", T0.plus(Duration.ofDays(300)));
        TokenStore failingSaves = new TokenStore() {
            @Override
            public java.util.Optional<OAuthToken> load() {
                return store.load();
            }

            @Override
            public void save(OAuthToken token) {
                throw new TokenStoreException("disk full");
            }

            @Override
            public void clear() {
                store.clear();
            }
        };
        TokenManager manager = TokenManager.builder().oauthClient(oauth).tokenStore(failingSaves).clock(clock).build();

        String renewed = manager.renewAfterUnauthorized("AQX-current");

        assertThat(renewed).isEqualTo(accessTokenNumber(1));
        assertThat(manager.accessToken()).isEqualTo(renewed);
        assertThat(manager.renewAfterUnauthorized("AQX-current")).as("the stale stored token does not come back")
                .isEqualTo(renewed);
        assertThat(linkedIn.count(ACCESS_TOKEN)).isEqualTo(1);
    }

    @Test
    void disconnectForgetsTheToken() {
        stored("AQX-current", Duration.ofDays(30), "AQW-r", T0.plus(Duration.ofDays(300)));
        TokenManager manager = manager();
        manager.disconnect();

        assertThat(store.load()).isEmpty();
        assertThatThrownBy(manager::accessToken).isInstanceOf(ReauthorizationRequiredException.class);
    }
}
