package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static io.leadsync.sandbox.SandboxTestSupport.rest;
import static io.leadsync.sandbox.SandboxTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox rejects what LinkedIn rejects, and accepts what LinkedIn's own clients send differently. */
class LinkedInSandboxStrictnessTest {

    private static final String LEADS = "/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
            + "&leadType=(leadType:SPONSORED)&count=5";
    private static LinkedInSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).leads(200)
                .clock(new MutableClock(Instant.parse("2026-11-20T10:00:00Z"))).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void missingVersionIsVersionMissing() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox.restBaseUrl() + LEADS))
                .header("Authorization", "Bearer " + token).header("X-Restli-Protocol-Version", "2.0.0"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("VERSION_MISSING");
    }

    @Test
    void inactiveVersionsAre426EchoingTheVersion() {
        for (String version : new String[] {"20240101", "202401", "202612", "2026-01", "202513"}) {
            HttpResponse<String> response = send(rest(sandbox, LEADS, token).header("LinkedIn-Version", version).GET()
                    .setHeader("LinkedIn-Version", version));
            assertThat(response.statusCode()).as(version).isEqualTo(426);
            JsonNode body = json(response);
            assertThat(body.get("code").asText()).isEqualTo("NONEXISTENT_VERSION");
            assertThat(body.get("message").asText()).isEqualTo("Requested version " + version + " is not active");
        }
        assertThat(send(rest(sandbox, LEADS, token).setHeader("LinkedIn-Version", "202511").GET()).statusCode())
                .as("12 months old is still active").isEqualTo(200);
    }

    @Test
    void retiredVersionFaultIs426() {
        sandbox.faults().retiredVersions(java.util.Set.of("202609"));
        try {
            HttpResponse<String> response = send(rest(sandbox, LEADS, token).setHeader("LinkedIn-Version", "202609").GET());
            assertThat(response.statusCode()).isEqualTo(426);
            assertThat(json(response).get("message").asText()).isEqualTo("Requested version 202609 is not active");
        } finally {
            sandbox.faults().clear();
        }
    }

    @Test
    void missingProtocolVersionIs400() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox.restBaseUrl() + LEADS))
                .header("Authorization", "Bearer " + token).header("LinkedIn-Version", SandboxTestSupport.VERSION));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("X-Restli-Protocol-Version");
    }

    @Test
    void countAboveThousandIs400NamingCount() {
        HttpResponse<String> response = get(sandbox, LEADS.replace("count=5", "count=1001"), token);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("code").asText()).isEqualTo("ILLEGAL_ARGUMENT");
        assertThat(body.get("message").asText()).contains("'count'");
        assertThat(get(sandbox, LEADS.replace("count=5", "count=1000"), token).statusCode()).isEqualTo(200);
    }

    @Test
    void unencodedUrnInARecordIs400NamingTheParameter() {
        HttpResponse<String> response = get(sandbox,
                "/leadFormResponses?q=owner&owner=(sponsoredAccount:urn:li:sponsoredAccount:507857085)&leadType=(leadType:SPONSORED)", token);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("'owner'");
    }

    @Test
    void missingBearerIsEmptyOauth2AccessToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox.restBaseUrl() + LEADS))
                .header("LinkedIn-Version", SandboxTestSupport.VERSION).header("X-Restli-Protocol-Version", "2.0.0"));
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = json(response);
        assertThat(body.get("serviceErrorCode").asInt()).isEqualTo(401);
        assertThat(body.get("message").asText()).isEqualTo("Empty oauth2_access_token");
    }

    @Test
    void unknownRevokedAndExpiredTokensAnswerTheirCodes() {
        assertError(get(sandbox, LEADS, "not-a-token"), SandboxTestSupport.fixture("errors.json").get("invalidToken"));
        String revoked = sandbox.issueTokens().accessToken();
        SandboxTestSupport.admin(sandbox, "POST", "tokens/revoke", "{\"token\":\"" + revoked + "\"}");
        assertError(get(sandbox, LEADS, revoked), SandboxTestSupport.fixture("errors.json").get("revokedToken"));
        String expired = sandbox.issueTokens().accessToken();
        assertThat(SandboxTestSupport.admin(sandbox, "POST", "tokens/expire", "{\"token\":\"" + expired + "\"}").statusCode())
                .isEqualTo(204);
        assertError(get(sandbox, LEADS, expired), SandboxTestSupport.fixture("errors.json").get("expiredToken"));
    }

    @Test
    void missingScopeIs403NamingResourceMethodFinderAndVersion() {
        String adsOnly = SandboxTestSupport.json(SandboxTestSupport.admin(sandbox, "POST", "tokens", "{\"scope\":\"r_ads\"}"))
                .get("access_token").asText();
        HttpResponse<String> response = get(sandbox, LEADS, adsOnly);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(json(response).get("message").asText())
                .isEqualTo("Not enough permissions to access: leadFormResponses.FINDER-owner." + SandboxTestSupport.VERSION + "01");
        assertThat(get(sandbox, "/adAccounts/507857085", adsOnly).statusCode()).isEqualTo(200);
    }

    @Test
    void eventLeadsNeedREvents() {
        String noEvents = SandboxTestSupport.json(SandboxTestSupport.admin(sandbox, "POST", "tokens",
                "{\"scope\":\"r_marketing_leadgen_automation r_ads r_organization_admin\"}")).get("access_token").asText();
        String eventLeads = "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)&leadType=(leadType:EVENT)";
        assertThat(get(sandbox, eventLeads, noEvents).statusCode()).isEqualTo(403);
        assertThat(get(sandbox, eventLeads, token).statusCode()).isEqualTo(200);
    }

    @Test
    void parameterOrderRecordKeyOrderAndMethodCaseDoNotMatter() {
        String reordered = "/leadFormResponses?count=5&leadType=(leadType:SPONSORED)"
                + "&submittedAtTimeRange=(end:9999999999999,start:0)&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)&q=owner";
        JsonNode a = json(get(sandbox, LEADS, token));
        JsonNode b = json(send(rest(sandbox, reordered, token).header("X-RestLi-Method", "finder").GET()));
        JsonNode c = json(send(rest(sandbox, reordered, token).header("X-RestLi-Method", "FINDER").GET()));
        assertThat(a.get("elements")).hasSize(5);
        assertThat(b.get("elements")).isEqualTo(a.get("elements"));
        assertThat(c.get("elements")).isEqualTo(a.get("elements"));
    }

    @Test
    void tunnelledQueryAnswersLikeTheGet() {
        String query = LEADS.substring(LEADS.indexOf('?') + 1);
        HttpResponse<String> tunnelled = send(rest(sandbox, "/leadFormResponses", token)
                .header("X-HTTP-Method-Override", "GET").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query)));
        assertThat(tunnelled.statusCode()).isEqualTo(200);
        assertThat(json(tunnelled).get("elements")).isEqualTo(json(get(sandbox, LEADS, token)).get("elements"));
    }

    @Test
    void wrongMethodIs400() {
        HttpResponse<String> response = send(rest(sandbox, "/leadForms/7234246", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"patch\":{\"$set\":{\"name\":\"x\"}}}")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("X-RestLi-Method");
    }

    @Test
    void declaredNonJsonBodyIs415AndAnswersCarryRequestIds() {
        HttpResponse<String> response = send(rest(sandbox, "/leadForms", token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(415);
        HttpResponse<String> ok = get(sandbox, "/adAccounts/507857085", token);
        assertThat(ok.headers().firstValue("x-li-uuid")).isPresent();
        assertThat(ok.headers().firstValue("X-RestLi-Protocol-Version")).contains("2.0.0");
    }

    private static void assertError(HttpResponse<String> response, JsonNode expected) {
        assertThat(response.statusCode()).isEqualTo(expected.get("status").asInt());
        assertThat(json(response)).isEqualTo(expected);
    }
}
