package io.leadsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.api.ApiBase;
import io.leadsync.camel.linkedin.api.ApiRequest;
import io.leadsync.camel.linkedin.api.BadRequestException;
import io.leadsync.camel.linkedin.api.DailyQuotaExceededException;
import io.leadsync.camel.linkedin.api.ForbiddenException;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.api.NotFoundException;
import io.leadsync.camel.linkedin.api.RateLimitedException;
import io.leadsync.camel.linkedin.api.ServerErrorException;
import io.leadsync.camel.linkedin.api.VersionSunsetException;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.testing.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each LinkedIn error class of linkedin-api.md §4, injected by the sandbox, against the client's behaviour: which are
 * retried, how often (the sandbox's own call counts), and what the surfaced exception tells the user. No message may
 * carry a token.
 */
class ErrorsAgainstSandboxTest {

    private static final long ACCOUNT = 507857085L;
    private static final String GET_ACCOUNT = "GET adAccounts";

    private static MutableClock clock;
    private static LinkedInSandbox sandbox;
    private static RecordingSleeper sleeper;
    private static String token;
    private static LinkedInApi api;
    private static final List<Throwable> surfaced = new ArrayList<>();
    private static final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void startSandbox() {
        clock = new MutableClock(Instant.now());
        sandbox = LinkedInSandbox.builder().port(0).leads(300).clock(clock).build().start();
        sleeper = new RecordingSleeper();
        LinkedInSandbox.Tokens tokens = sandbox.issueTokens();
        token = tokens.accessToken();
        secrets.add(tokens.accessToken());
        secrets.add(tokens.refreshToken());
        api = api(SandboxClients.settings(sandbox, clock, SandboxClients.EXACT_RETRIES), token);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
        // every exception any test saw, checked once more as a whole
        assertThat(surfaced).isNotEmpty().allSatisfy(ErrorsAgainstSandboxTest::assertNoSecret);
    }

    @BeforeEach
    void reset() {
        sandbox.resetStats();
        sleeper.clear();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    @Test
    void twoServerErrorsAreRetriedAndTheThirdCallSucceeds() {
        sandbox.faults().serverErrorCount(2);

        AdAccount account = api.adAccount(ACCOUNT);

        assertThat(account.id()).isEqualTo(ACCOUNT);
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 500)).isEqualTo(2);
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 200)).isEqualTo(1);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsBeyondMaxRetriesSurfaceAfterMaxRetriesPlusOneCalls() {
        int maxRetries = SandboxClients.EXACT_RETRIES.maxRetries();
        sandbox.faults().serverErrorCount(maxRetries + 3);

        Throwable thrown = surface(() -> api.adAccount(ACCOUNT));

        assertThat(thrown).isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("GET /rest/adAccounts/" + ACCOUNT);
        assertThat(((ServerErrorException) thrown).requestId()).as("LinkedIn's x-li-uuid").isNotBlank();
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 500)).isEqualTo(maxRetries + 1);
        assertThat(sandbox.stats().total()).isEqualTo(maxRetries + 1);
        assertThat(sleeper.waits()).hasSize(maxRetries);
    }

    @Test
    void throttlesAreRetriedAfterTheRetryAfterLinkedInSent() {
        sandbox.faults().throttleCount(2).retryAfterSeconds(1);

        AdAccount account = api.adAccount(ACCOUNT);

        assertThat(account.id()).isEqualTo(ACCOUNT);
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 429)).isEqualTo(2);
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 200)).isEqualTo(1);
        // Retry-After, not the exponential back-off (which would be 1 s then 2 s)
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void dailyQuotaStopsAfterExactlyQuotaPlusOneCallsWithoutRetrying() {
        // the sandbox counts quota per UTC day from the day's first call: start a fresh day
        clock.advance(Duration.ofDays(1));
        int quota = 3;
        sandbox.faults().dailyQuota(quota);
        for (int i = 0; i < quota; i++) {
            api.adAccount(ACCOUNT);
        }

        Throwable thrown = surface(() -> api.adAccount(ACCOUNT));

        assertThat(thrown).isInstanceOf(DailyQuotaExceededException.class);
        RateLimitedException limited = (RateLimitedException) thrown;
        assertThat(limited.isDailyQuota()).isTrue();
        assertThat(limited.resetsAt()).isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(limited).hasMessageContaining("daily quota");
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 200)).isEqualTo(quota);
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 429)).isEqualTo(1);
        assertThat(sandbox.stats().total()).isEqualTo(quota + 1);
        assertThat(sleeper.waits()).as("never hammer a daily quota").isEmpty();
    }

    @Test
    void retiredVersionFailsOnceNamingTheVersionAndTheSetting() {
        String version = SandboxClients.currentVersion(clock);
        sandbox.faults().retiredVersions(Set.of(version));

        Throwable thrown = surface(() -> api.adAccount(ACCOUNT));

        assertThat(thrown).isInstanceOf(VersionSunsetException.class)
                .hasMessageContaining(version).hasMessageContaining(LinkedInApiSettings.VERSION_SETTING)
                .hasMessageContaining("NONEXISTENT_VERSION");
        assertThat(((VersionSunsetException) thrown).version()).isEqualTo(version);
        assertThat(sandbox.stats().calls(GET_ACCOUNT, 426)).isEqualTo(1);
        assertThat(sandbox.stats().total()).isEqualTo(1);
    }

    @Test
    void tokenWithoutTheLeadsScopeIsForbiddenNamingTheMissingScope() throws Exception {
        String adsOnly = issueTokenWithScope("r_ads");
        LinkedInApi limited = api(SandboxClients.settings(sandbox, clock, SandboxClients.EXACT_RETRIES), adsOnly);
        assertThat(limited.adAccount(ACCOUNT).id()).as("r_ads is enough for accounts").isEqualTo(ACCOUNT);

        Throwable thrown = surface(() -> limited.leadFormResponses(
                LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(ACCOUNT), LeadType.SPONSORED)).toList());

        assertThat(thrown).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("leadFormResponses").hasMessageContaining("r_marketing_leadgen_automation");
        ForbiddenException forbidden = (ForbiddenException) thrown;
        assertThat(forbidden.resource()).isEqualTo("leadFormResponses");
        assertThat(forbidden.requiredScopes()).contains("r_marketing_leadgen_automation");
        assertThat(sandbox.stats().calls("FINDER leadFormResponses", 403)).as("not retried").isEqualTo(1);
    }

    @Test
    void countAboveLinkedInsMaximumIsRejectedBeforeAnyCall() {
        Throwable clientSide = surface(() -> LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(ACCOUNT), LeadType.SPONSORED)
                .withPageSize(1001));

        assertThat(clientSide).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000").hasMessageContaining("1001");
        assertThat(sandbox.stats().total()).isZero();
    }

    @Test
    void countAboveLinkedInsMaximumSentAnywayIs400NamingCount() {
        ApiRequest tooMany = ApiRequest.builder().base(ApiBase.REST).path("/leadFormResponses").restLiMethod("FINDER")
                .param("q", "owner").param("owner", Map.of("sponsoredAccount", "urn:li:sponsoredAccount:" + ACCOUNT))
                .param("leadType", Map.of("leadType", "SPONSORED")).param("start", 0).param("count", 1001).build();

        Throwable thrown = surface(() -> api.execute(tooMany));

        assertThat(thrown).isInstanceOf(BadRequestException.class).hasMessageContaining("`count`");
        assertThat(((BadRequestException) thrown).parameter()).isEqualTo("count");
        assertThat(sandbox.stats().calls("FINDER leadFormResponses", 400)).as("not retried").isEqualTo(1);
    }

    @Test
    void unknownLeadIsNotFoundAfterOneCall() {
        Throwable thrown = surface(() -> api.leadFormResponse("0a0a0a0a-0000-4000-8000-000000000000-1"));

        assertThat(thrown).isInstanceOf(NotFoundException.class).hasMessageContaining("HTTP 404")
                .hasMessageContaining("/rest/leadFormResponses/0a0a0a0a-0000-4000-8000-000000000000-1");
        assertThat(sandbox.stats().calls("GET leadFormResponses", 404)).isEqualTo(1);
        assertThat(sandbox.stats().total()).isEqualTo(1);
    }

    @Test
    void noExceptionCarriesAToken() {
        sandbox.faults().serverErrorCount(100);
        surface(() -> api.userInfo());
        sandbox.faults().clear();
        surface(() -> api.leadForm(1L));

        assertThat(surfaced).hasSizeGreaterThanOrEqualTo(2).allSatisfy(ErrorsAgainstSandboxTest::assertNoSecret);
    }

    // ---- helpers

    private static LinkedInApi api(LinkedInApiSettings settings, String accessToken) {
        return LinkedInApi.builder().settings(settings).tokenProvider(new StaticTokenProvider(accessToken))
                .sleeper(sleeper).clock(clock).build();
    }

    private static Throwable surface(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call must fail").isNotNull();
        surfaced.add(thrown);
        assertNoSecret(thrown);
        return thrown;
    }

    private static void assertNoSecret(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
            }
        }
    }

    /** {@code POST /_sandbox/tokens {"scope":…}}: a grant with only the given scopes. */
    private static String issueTokenWithScope(String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/_sandbox/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scope\":\"" + scope + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("scope").asText()).isEqualTo(scope);
        secrets.add(body.get("access_token").asText());
        secrets.add(body.get("refresh_token").asText());
        return body.get("access_token").asText();
    }
}
