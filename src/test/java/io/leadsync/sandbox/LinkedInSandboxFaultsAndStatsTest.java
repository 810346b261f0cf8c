package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.admin;
import static io.leadsync.sandbox.SandboxTestSupport.fixture;
import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Injected faults (deterministic counters, quota, short pages) and the call statistics. */
class LinkedInSandboxFaultsAndStatsTest {

    private static final String ACCOUNT = "/adAccounts/507857085";
    private static final String LEADS = "/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
            + "&leadType=(leadType:SPONSORED)";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T23:00:00Z"));
    private static LinkedInSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).leads(300).clock(CLOCK).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @AfterEach
    void clear() {
        assertThat(admin(sandbox, "DELETE", "faults", null).statusCode()).isEqualTo(204);
    }

    @Test
    void serverErrorCountFailsExactlyTheNextCallsButNeverTheAdminApi() {
        HttpResponse<String> set = admin(sandbox, "POST", "faults", "{\"serverErrorCount\":2}");
        assertThat(json(set).get("serverErrorCount").asInt()).isEqualTo(2);
        assertThat(admin(sandbox, "GET", "world", null).statusCode()).isEqualTo(200);
        HttpResponse<String> first = get(sandbox, ACCOUNT, token);
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(json(first)).isEqualTo(fixture("errors.json").get("serverError"));
        assertThat(get(sandbox, ACCOUNT, token).statusCode()).isEqualTo(500);
        assertThat(get(sandbox, ACCOUNT, token).statusCode()).isEqualTo(200);
    }

    @Test
    void throttleCountAnswers429WithRetryAfter() {
        admin(sandbox, "POST", "faults", "{\"throttleCount\":1,\"retryAfterSeconds\":7}");
        HttpResponse<String> throttled = get(sandbox, ACCOUNT, token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("7");
        assertThat(json(throttled)).isEqualTo(fixture("errors.json").get("throttled"));
        assertThat(get(sandbox, ACCOUNT, token).statusCode()).isEqualTo(200);

        sandbox.faults().throttleCount(1).retryAfterSeconds(null);
        HttpResponse<String> bare = get(sandbox, ACCOUNT, token);
        assertThat(bare.statusCode()).isEqualTo(429);
        assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void dailyQuotaStopsCallsUntilMidnightUtc() {
        CLOCK.advance(Duration.ofDays(1));
        admin(sandbox, "POST", "faults", "{\"dailyQuota\":2}");
        assertThat(get(sandbox, ACCOUNT, token).statusCode()).isEqualTo(200);
        assertThat(get(sandbox, ACCOUNT, token).statusCode()).isEqualTo(200);
        HttpResponse<String> over = get(sandbox, ACCOUNT, token);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(json(over)).isEqualTo(fixture("errors.json").get("dailyQuota"));
        CLOCK.advance(Duration.ofDays(1));
        assertThat(get(sandbox, ACCOUNT, token).statusCode()).isEqualTo(200);
    }

    @Test
    void shortPagesStillLetAClientReadEverything() {
        int total = json(get(sandbox, LEADS + "&count=1000", token)).get("paging").get("total").asInt();
        sandbox.faults().shortPageRate(1.0);
        Set<String> ids = new HashSet<>();
        int start = 0;
        boolean sawShort = false;
        while (true) {
            JsonNode page = json(get(sandbox, LEADS + "&start=" + start + "&count=50", token));
            int n = page.get("elements").size();
            sawShort |= n < 50 && start + n < total;
            page.get("elements").forEach(l -> ids.add(l.get("id").asText()));
            start += n;
            if (n == 0 || start >= page.get("paging").get("total").asInt()) {
                break;
            }
        }
        assertThat(sawShort).isTrue();
        assertThat(ids).hasSize(total);
    }

    @Test
    void statsCountCallsPerMethodResourceAndStatus() {
        assertThat(admin(sandbox, "DELETE", "stats", null).statusCode()).isEqualTo(204);
        get(sandbox, ACCOUNT, token);
        get(sandbox, LEADS + "&count=2", token);
        get(sandbox, LEADS + "&count=2", token);
        get(sandbox, LEADS + "&count=2000", token);
        get(sandbox, "/adAccounts/1", token);
        SandboxTestSupport.form(sandbox.oauthBaseUrl() + "/accessToken", "grant_type=refresh_token&refresh_token=x"
                + "&client_id=sandbox-client&client_secret=sandbox-client-secret-0001");
        admin(sandbox, "GET", "world", null);

        JsonNode stats = json(admin(sandbox, "GET", "stats", null));
        assertThat(stats.get("total").asInt()).isEqualTo(6);
        assertThat(stats.get("calls").get("GET adAccounts").get("200").asInt()).isEqualTo(1);
        assertThat(stats.get("calls").get("GET adAccounts").get("404").asInt()).isEqualTo(1);
        assertThat(stats.get("calls").get("FINDER leadFormResponses").get("200").asInt()).isEqualTo(2);
        assertThat(stats.get("calls").get("FINDER leadFormResponses").get("400").asInt()).isEqualTo(1);
        assertThat(stats.get("calls").get("POST accessToken").get("400").asInt()).isEqualTo(1);
        assertThat(SandboxTestSupport.fieldNames(stats.get("webhooks"))).containsExactly("attempts", "delivered", "failed", "dropped");

        SandboxStats view = sandbox.stats();
        assertThat(view.calls("FINDER leadFormResponses")).isEqualTo(3);
        assertThat(view.calls("FINDER leadFormResponses", 400)).isEqualTo(1);
        assertThat(view.total()).isEqualTo(6);
        sandbox.resetStats();
        assertThat(sandbox.stats().total()).isZero();
    }

    @Test
    void unknownFaultIsRefused() {
        HttpResponse<String> response = admin(sandbox, "POST", "faults", "{\"serverErrorRat\":0.5}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("serverErrorRat");
    }

    @Test
    void ratesComeFromTheSeededRandom() {
        sandbox.faults().serverErrorRate(0.5);
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            failures += get(sandbox, ACCOUNT, token).statusCode() == 500 ? 1 : 0;
        }
        assertThat(failures).isBetween(8, 32);
    }
}
