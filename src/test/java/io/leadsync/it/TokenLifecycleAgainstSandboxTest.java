package io.leadsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.auth.AuthorizationRequest;
import io.leadsync.camel.linkedin.auth.InMemoryTokenStore;
import io.leadsync.camel.linkedin.auth.InvalidGrantException;
import io.leadsync.camel.linkedin.auth.OAuthClient;
import io.leadsync.camel.linkedin.auth.OAuthException;
import io.leadsync.camel.linkedin.auth.OAuthToken;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.auth.TokenIntrospection;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.sandbox.SandboxStats;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector's OAuth side ({@link OAuthClient}, {@link TokenManager}) and its API client against the sandbox's
 * OAuth server over real HTTP: consent without a browser, refresh after a 401, dead grants, single-flight refresh and
 * the introspection heartbeat.
 */
class TokenLifecycleAgainstSandboxTest {

    private static final long ACCOUNT = 507857085L;
    private static final String REDIRECT_URI = "http://127.0.0.1:9/linkedin/callback";
    private static final List<String> SCOPES = List.of("r_marketing_leadgen_automation", "r_ads", "r_organization_admin",
            "r_events", "rw_dmp_segments", "openid", "profile");
    private static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");

    private static LinkedInSandbox sandbox;
    private static final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private OAuthClient oauth;
    private InMemoryTokenStore store;
    private TokenManager tokens;
    private LinkedInApi api;
    private final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void startSandbox() {
        sandbox = LinkedInSandbox.builder().port(0).leads(300).build().start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @BeforeEach
    void newConnector() {
        oauth = OAuthClient.builder().clientId(sandbox.clientId()).clientSecret("sandbox-client-secret-0001")
                .redirectUri(REDIRECT_URI).scopes(SCOPES).oauthBaseUrl(sandbox.oauthBaseUrl()).build();
        store = new InMemoryTokenStore();
        tokens = TokenManager.builder().oauthClient(oauth).tokenStore(store).build();
        api = api(tokens);
        sandbox.resetStats();
    }

    @Test
    void threeLeggedFlowWithoutABrowserConnectsAndACodeWorksOnce() throws Exception {
        AuthorizationRequest authorization = tokens.newAuthorization();

        HttpResponse<String> consent = get(authorization.url());

        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains(SCOPES.stream().map(s -> "<code>" + s + "</code>").toArray(String[]::new));
        Map<String, String> callback = decide(consent.body(), "allow");
        assertThat(callback.get("state")).isEqualTo(authorization.state());
        assertThat(callback.get("code")).isNotBlank();

        TokenStatus status = tokens.handleCallback(callback.get("state"), callback.get("code"));

        assertThat(status.connected()).isTrue();
        assertThat(status.reauthorizationRequired()).isFalse();
        assertThat(status.scopes()).containsExactlyInAnyOrderElementsOf(SCOPES);
        assertThat(status.accessTokenDaysLeft()).isBetween(59L, 60L);
        assertThat(status.refreshTokenDaysLeft()).isBetween(364L, 365L);
        assertThat(api.adAccount(ACCOUNT).id()).isEqualTo(ACCOUNT);
        assertThat(sandbox.stats().calls("POST accessToken", 200)).isEqualTo(1);

        Throwable replayedCode = catchThrowable(() -> oauth.exchangeCode(callback.get("code")));
        Throwable replayedCallback = catchThrowable(() -> tokens.handleCallback(callback.get("state"), callback.get("code")));

        assertThat(replayedCode).isInstanceOf(InvalidGrantException.class);
        assertThat(sandbox.stats().calls("POST accessToken", 400)).isEqualTo(1);
        assertThat(replayedCallback).isInstanceOf(OAuthException.class);
        assertThat(((OAuthException) replayedCallback).error()).isEqualTo(OAuthException.INVALID_STATE);
        assertNoSecret(replayedCode);
        assertThat(replayedCode.getMessage()).doesNotContain(callback.get("code"));
    }

    @Test
    void cancellingConsentRedirectsWithUserCancelledLogin() throws Exception {
        AuthorizationRequest authorization = tokens.newAuthorization();

        Map<String, String> callback = decide(get(authorization.url()).body(), "cancel");

        assertThat(callback).containsEntry("error", "user_cancelled_login").containsEntry("state", authorization.state())
                .doesNotContainKey("code");
        assertThat(sandbox.stats().calls("POST accessToken")).isZero();
    }

    @Test
    void accessTokenExpiredMidRunIsRefreshedAndTheCallReplayedOnce() throws Exception {
        connect();
        String before = tokens.accessToken();
        assertThat(api.adAccount(ACCOUNT).id()).isEqualTo(ACCOUNT);
        sandbox.expireToken(before);
        sandbox.resetStats();

        assertThat(api.adAccount(ACCOUNT).id()).isEqualTo(ACCOUNT);

        SandboxStats stats = sandbox.stats();
        assertThat(stats.calls("GET adAccounts", 401)).isEqualTo(1);
        assertThat(stats.calls("GET adAccounts", 200)).isEqualTo(1);
        assertThat(stats.calls("POST accessToken", 200)).isEqualTo(1);
        assertThat(stats.total()).isEqualTo(3);
        String after = tokens.accessToken();
        assertThat(after).isNotEqualTo(before);
        assertThat(store.load().orElseThrow().accessToken()).as("the refreshed grant is persisted").isEqualTo(after);
        assertThat(store.load().orElseThrow().refreshToken()).as("LinkedIn keeps the refresh token")
                .isEqualTo(secrets.get(1));
    }

    @Test
    void refreshTokenPastItsYearEndsInReauthorizationWithAUsableUrl() throws Exception {
        MutableClock later = new MutableClock(Instant.now());
        tokens = TokenManager.builder().oauthClient(oauth).tokenStore(store).clock(later).build();
        api = api(tokens);
        connect();
        later.advance(Duration.ofDays(366));
        sandbox.resetStats();

        Throwable thrown = catchThrowable(() -> api.adAccount(ACCOUNT));

        // the manager knows the grant is dead: it neither calls the API nor tries a refresh LinkedIn would refuse
        assertThat(sandbox.stats().total()).isZero();
        assertReauthorizationWithUsableUrl(thrown);
        assertThat(thrown).hasMessageContaining("refresh token expired");
        assertThat(tokens.status().reauthorizationRequired()).isTrue();
    }

    @Test
    void refreshTokenExpiredAtLinkedInEndsInReauthorization() throws Exception {
        connect();
        OAuthToken grant = store.load().orElseThrow();
        sandbox.expireToken(grant.refreshToken());
        sandbox.expireToken(grant.accessToken());

        Throwable thrown = catchThrowable(() -> api.adAccount(ACCOUNT));

        assertReauthorizationWithUsableUrl(thrown);
        assertThat(thrown).hasMessageContaining("invalid_grant");
        SandboxStats stats = sandbox.stats();
        assertThat(stats.calls("GET adAccounts", 401)).isEqualTo(1);
        assertThat(stats.calls("POST accessToken", 400)).as("one refresh attempt, refused").isEqualTo(1);
    }

    @Test
    void revokedGrantEndsInReauthorization() throws Exception {
        connect();
        sandbox.revokeToken(store.load().orElseThrow().refreshToken());

        Throwable thrown = catchThrowable(() -> api.adAccount(ACCOUNT));

        assertReauthorizationWithUsableUrl(thrown);
        SandboxStats stats = sandbox.stats();
        assertThat(stats.calls("GET adAccounts", 401)).as("revoking the grant revokes its access token").isEqualTo(1);
        assertThat(stats.calls("POST accessToken", 400)).isEqualTo(1);
        assertThat(stats.calls("GET adAccounts", 200)).isZero();
    }

    @Test
    void tenConcurrentCallsOnAnExpiredTokenShareOneRefresh() throws Exception {
        connect();
        sandbox.expireToken(tokens.accessToken());
        sandbox.resetStats();
        int callers = 10;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Long> call = () -> {
                    go.await();
                    return api.adAccount(ACCOUNT).id();
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            for (Future<Long> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(ACCOUNT);
            }
        } finally {
            pool.shutdownNow();
        }

        SandboxStats stats = sandbox.stats();
        assertThat(stats.calls("POST accessToken")).isEqualTo(1);
        assertThat(stats.calls("GET adAccounts", 200)).isEqualTo(callers);
        assertThat(stats.calls("GET adAccounts", 401)).isBetween(1L, (long) callers);
    }

    @Test
    void heartbeatIntrospectsActiveThenRevoked() throws Exception {
        connect();
        String access = tokens.accessToken();

        TokenStatus alive = tokens.heartbeat();

        assertThat(alive.connected()).isTrue();
        assertThat(alive.lastHeartbeatStatus()).isEqualTo(TokenIntrospection.STATUS_ACTIVE);
        TokenIntrospection active = oauth.introspect(access);
        assertThat(active.active()).isTrue();
        assertThat(active.clientId()).isEqualTo(sandbox.clientId());
        assertThat(active.scopes()).containsExactlyInAnyOrderElementsOf(SCOPES);

        sandbox.revokeToken(store.load().orElseThrow().refreshToken());
        Throwable thrown = catchThrowable(tokens::heartbeat);

        assertReauthorizationWithUsableUrl(thrown);
        TokenStatus dead = tokens.status();
        assertThat(dead.connected()).isFalse();
        assertThat(dead.reauthorizationRequired()).isTrue();
        assertThat(dead.lastHeartbeatStatus()).isEqualTo(TokenIntrospection.STATUS_REVOKED);
        TokenIntrospection revoked = oauth.introspect(access);
        assertThat(revoked.active()).isFalse();
        assertThat(revoked.revoked()).isTrue();
        assertThat(sandbox.stats().calls("POST introspectToken", 200)).isEqualTo(4);
        assertThat(sandbox.stats().calls("POST accessToken", 400)).as("a refresh was tried and refused").isEqualTo(1);
    }

    // ---- helpers

    private LinkedInApi api(TokenManager manager) {
        return LinkedInApi.builder().settings(SandboxClients.settings(sandbox, Clock.systemUTC(), SandboxClients.EXACT_RETRIES))
                .tokenProvider(manager).sleeper(new RecordingSleeper()).build();
    }

    /** Runs the whole consent flow and connects; remembers the grant's tokens as secrets. */
    private void connect() throws Exception {
        AuthorizationRequest authorization = tokens.newAuthorization();
        Map<String, String> callback = decide(get(authorization.url()).body(), "allow");
        assertThat(tokens.handleCallback(callback.get("state"), callback.get("code")).connected()).isTrue();
        OAuthToken grant = store.load().orElseThrow();
        secrets.add(grant.accessToken());
        secrets.add(grant.refreshToken());
        sandbox.resetStats();
    }

    /** Submits the consent page's form as the member's browser would, and reads the redirect's query. */
    private Map<String, String> decide(String consentPage, String decision) throws IOException, InterruptedException {
        Matcher m = REQUEST_ID.matcher(consentPage);
        assertThat(m.find()).as("the consent page carries its request id").isTrue();
        assertThat(consentPage).contains("action=\"/oauth/v2/authorization/decision\"");
        String form = "request_id=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&decision=" + decision;
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth/v2/authorization/decision"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo(REDIRECT_URI);
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertReauthorizationWithUsableUrl(Throwable thrown) throws IOException, InterruptedException {
        assertThat(thrown).isInstanceOf(ReauthorizationRequiredException.class);
        assertNoSecret(thrown);
        String url = ((ReauthorizationRequiredException) thrown).authorizationUrl();
        assertThat(url).startsWith(sandbox.oauthBaseUrl() + "/authorization?");
        HttpResponse<String> page = get(url);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("would like to access your LinkedIn account").contains("<code>r_ads</code>");
    }

    private void assertNoSecret(Throwable thrown) {
        for (String secret : secrets) {
            assertThat(thrown.getMessage()).doesNotContain(secret);
            assertThat(thrown.toString()).doesNotContain(secret);
        }
    }
}
