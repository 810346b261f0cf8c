package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OAuthClient against a scripted fake of LinkedIn's OAuth endpoints: what goes on the wire and what comes back. */
class OAuthClientTest {

    private static final String SECRET = "cs-9f8e7d6c5b4a-secret";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final FakeLinkedInOAuth linkedIn = FakeLinkedInOAuth.start();
    private final MutableClock clock = new MutableClock(NOW);
    private final OAuthClient client = OAuthClient.builder()
            .clientId("86abc123client")
            .clientSecret(SECRET)
            .redirectUri("https://leads.example.com/oauth/callback?tenant=a b")
            .scopes("r_marketing_leadgen_automation", "r_ads", "r_organization_admin")
            .oauthBaseUrl(linkedIn.baseUrl())
            .clock(clock)
            .build();

    @AfterEach
    void stop() {
        linkedIn.close();
    }

    @Test
    void authorizationUrlCarriesEveryParameterWithSpaceSeparatedScopes() {
        String url = client.authorizationUrl("st-123");

        assertThat(url).startsWith(linkedIn.baseUrl() + "/authorization?");
        assertThat(url).doesNotContain("+").contains("scope=r_marketing_leadgen_automation%20r_ads%20r_organization_admin");
        Map<String, String> query = query(url);
        assertThat(query).containsExactly(
                Map.entry("response_type", "code"),
                Map.entry("client_id", "86abc123client"),
                Map.entry("redirect_uri", "https://leads.example.com/oauth/callback?tenant=a b"),
                Map.entry("scope", "r_marketing_leadgen_automation r_ads r_organization_admin"),
                Map.entry("state", "st-123"));
        assertThat(url).doesNotContain(SECRET);
    }

    @Test
    void newAuthorizationStateIsRandomUrlSafeAndOneTime() {
        AuthorizationRequest first = client.newAuthorization();
        AuthorizationRequest second = client.newAuthorization();

        assertThat(first.state()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.state());
        assertThat(query(first.url())).containsEntry("state", first.state()).containsEntry("client_id", "86abc123client");
        assertThat(first.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));

        assertThat(client.consumeState(first.state())).isTrue();
        assertThat(client.consumeState(first.state())).as("reused").isFalse();
        assertThat(client.consumeState("never-issued")).as("unknown").isFalse();
        assertThat(client.consumeState(null)).isFalse();

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(client.consumeState(second.state())).as("expired after 10 minutes").isFalse();
    }

    @Test
    void stateIsAcceptedJustBeforeItsExpiry() {
        AuthorizationRequest request = client.newAuthorization();
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(client.consumeState(request.state())).isTrue();
    }

    @Test
    void codeExchangePostsTheAuthorizationCodeGrantAndParsesTheToken() {
        linkedIn.enqueue(FakeLinkedInOAuth.ACCESS_TOKEN, 200, FakeLinkedInOAuth.fixture("token-response.json"));

        OAuthToken token = client.exchangeCode("AQTcode-xyz");

        FakeLinkedInOAuth.Recorded request = linkedIn.requests(FakeLinkedInOAuth.ACCESS_TOKEN).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers()).containsEntry("content-type", "application/x-www-form-urlencoded");
        assertThat(request.form()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "authorization_code",
                "code", "AQTcode-xyz",
                "redirect_uri", "https://leads.example.com/oauth/callback?tenant=a b",
                "client_id", "86abc123client",
                "client_secret", SECRET));
        assertThat(token.accessToken()).isEqualTo("AQX1sandboxAccessTokenExample0001");
        assertThat(token.accessTokenExpiresAt()).isEqualTo(NOW.plusSeconds(5_184_000));
        assertThat(token.refreshToken()).isEqualTo("AQW1sandboxRefreshTokenExample0001");
        assertThat(token.refreshTokenExpiresAt()).isEqualTo(NOW.plusSeconds(31_536_000));
        assertThat(token.scopes()).containsExactly("r_ads", "r_marketing_leadgen_automation", "r_organization_admin",
                "r_events", "rw_dmp_segments");
        assertThat(token.grantedAt()).isEqualTo(NOW);
    }

    @Test
    void refreshPostsTheRefreshTokenGrant() {
        OAuthToken token = client.refresh("AQW-old-refresh");

        assertThat(linkedIn.requests(FakeLinkedInOAuth.ACCESS_TOKEN).get(0).form())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "grant_type", "refresh_token",
                        "refresh_token", "AQW-old-refresh",
                        "client_id", "86abc123client",
                        "client_secret", SECRET));
        assertThat(token.accessToken()).isEqualTo(FakeLinkedInOAuth.accessTokenNumber(1));
    }

    @Test
    void tokenWithoutRefreshTokenIsAccepted() {
        linkedIn.enqueue(FakeLinkedInOAuth.ACCESS_TOKEN, 200,
                FakeLinkedInOAuth.tokenJson("AQX-no-refresh", 5_184_000, null, null, "r_ads r_events"));

        OAuthToken token = client.exchangeCode("code-1");

        assertThat(token.hasRefreshToken()).isFalse();
        assertThat(token.refreshTokenExpiresAt()).isNull();
        assertThat(token.scopes()).containsExactly("r_ads", "r_events");
    }

    @Test
    void invalidGrantBecomesInvalidGrantExceptionWithoutTheRefreshToken() {
        linkedIn.enqueue(FakeLinkedInOAuth.ACCESS_TOKEN, 400, FakeLinkedInOAuth.fixture("token-error-invalid-grant.json"));

        assertThatThrownBy(() -> client.refresh("AQW-dead-refresh"))
                .isInstanceOfSatisfying(InvalidGrantException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_grant");
                    assertThat(e.isInvalidGrant()).isTrue();
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorDescription()).contains("invalid, expired or revoked");
                    assertThat(e.getMessage()).contains("refresh_token grant", "HTTP 400", "invalid_grant")
                            .doesNotContain("AQW-dead-refresh").doesNotContain(SECRET);
                });
    }

    @Test
    void errorDescriptionThatEchoesTheCodeIsRedacted() {
        linkedIn.enqueue(FakeLinkedInOAuth.ACCESS_TOKEN, 400, "{\"error\":\"invalid_request\","
                + "\"error_description\":\"Unable to retrieve access token: code AQTsecret-code for " + SECRET + "\"}");

        assertThatThrownBy(() -> client.exchangeCode("AQTsecret-code"))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.isInvalidGrant()).isFalse();
                    assertThat(e.error()).isEqualTo("invalid_request");
                    assertThat(e.getMessage()).contains("[redacted]").doesNotContain("AQTsecret-code")
                            .doesNotContain(SECRET);
                });
    }

    @Test
    void serverErrorWithoutJsonIsTransientAndHidesTheBody() {
        linkedIn.enqueue(FakeLinkedInOAuth.ACCESS_TOKEN, 503, "<html>upstream AQW-r down</html>");

        assertThatThrownBy(() -> client.refresh("AQW-r"))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.error()).isEqualTo("http_503");
                    assertThat(e.getMessage()).doesNotContain("html").doesNotContain("AQW-r");
                });
    }

    @Test
    void unreachableEndpointIsATransientTransportError() {
        String base = linkedIn.baseUrl();
        linkedIn.close();
        OAuthClient offline = OAuthClient.builder().clientId("id").clientSecret(SECRET).redirectUri("https://x/cb")
                .scopes("r_ads").oauthBaseUrl(base).build();

        assertThatThrownBy(() -> offline.refresh("AQW-r"))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(OAuthException.TRANSPORT_ERROR);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).doesNotContain("AQW-r").doesNotContain(SECRET);
                });
    }

    @Test
    void introspectionPostsClientCredentialsAndTokenAndParsesActive() {
        TokenIntrospection active = client.introspect("AQX-live");

        assertThat(linkedIn.requests(FakeLinkedInOAuth.INTROSPECT).get(0).form())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "client_id", "86abc123client", "client_secret", SECRET, "token", "AQX-live"));
        assertThat(active.active()).isTrue();
        assertThat(active.status()).isEqualTo("active");
        assertThat(active.clientId()).isEqualTo("sandbox-client");
        assertThat(active.scopes()).containsExactlyInAnyOrder("r_ads", "r_marketing_leadgen_automation",
                "r_organization_admin");
        assertThat(active.createdAt()).isEqualTo(Instant.ofEpochSecond(1763856000));
        assertThat(active.authorizedAt()).isEqualTo(Instant.ofEpochSecond(1763856000));
        assertThat(active.expiresAt()).isEqualTo(Instant.ofEpochSecond(1769040000));
        assertThat(active.authType()).isEqualTo("3L");
    }

    @Test
    void introspectionParsesExpired() {
        linkedIn.enqueue(FakeLinkedInOAuth.INTROSPECT, 200, FakeLinkedInOAuth.fixture("introspect-expired.json"));

        TokenIntrospection expired = client.introspect("AQX-old");

        assertThat(expired.active()).isFalse();
        assertThat(expired.status()).isEqualTo(TokenIntrospection.STATUS_EXPIRED);
        assertThat(expired.revoked()).isFalse();
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(client.toString()).contains("86abc123client").doesNotContain(SECRET);
    }

    @Test
    void builderRejectsMissingSettings() {
        assertThatThrownBy(() -> OAuthClient.builder().clientId("id").redirectUri("https://x").scopes("r_ads").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clientSecret must not be blank");
        assertThatThrownBy(() -> OAuthClient.builder().clientId("id").clientSecret("s").redirectUri("https://x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scopes");
        assertThatThrownBy(() -> OAuthClient.builder().clientId("id").clientSecret("s").redirectUri("https://x")
                .scopes("r_ads").oauthBaseUrl("ftp://linkedin").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oauthBaseUrl");
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
