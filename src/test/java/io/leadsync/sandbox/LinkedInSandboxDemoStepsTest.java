package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.admin;
import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static io.leadsync.sandbox.SandboxTestSupport.rest;
import static io.leadsync.sandbox.SandboxTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin calls behind each demo step, observed over HTTP: tokens, finder, batch get, webhook deliveries. */
class LinkedInSandboxDemoStepsTest {

    private static final String SECRET = "sandbox-client-secret-0001";
    private static final String SPONSORED_OWNER = "{\"sponsoredAccount\":\"urn:li:sponsoredAccount:507857085\"}";
    private static final String SPONSORED = "/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
            + "&leadType=(leadType:SPONSORED)";
    private static final String COMPANY = "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)"
            + "&leadType=(leadType:COMPANY)";
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static LinkedInSandbox sandbox;
    private static String token;
    private WebhookReceiver receiver;
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).leads(400).clock(CLOCK).webhookRetry(2, Duration.ofMillis(20)).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @BeforeEach
    void receiver() throws Exception {
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(id -> send(rest(sandbox, "/leadNotifications/" + id, token).DELETE()));
        receiver.close();
        sandbox.faults().clear();
    }

    @Test
    void theCurrentGrantOfAClientExpiresOrIsRevokedWithoutItsToken() {
        LinkedInSandbox.Tokens tokens = latestTokens();
        assertThat(get(sandbox, "/adAccounts/507857085", tokens.accessToken()).statusCode()).isEqualTo(200);

        JsonNode expired = json(admin(sandbox, "POST", "grants/sandbox-client/expire", null));
        assertThat(expired.get("accessTokensExpired").asInt()).isEqualTo(1);
        assertThat(expired.get("refreshTokenExpired").asBoolean()).isFalse();
        HttpResponse<String> refused = get(sandbox, "/adAccounts/507857085", tokens.accessToken());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).get("serviceErrorCode").asInt()).isEqualTo(65602);
        HttpResponse<String> refreshed = LinkedInSandboxDurabilityTest.refresh(sandbox, tokens.refreshToken());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(get(sandbox, "/adAccounts/507857085", json(refreshed).get("access_token").asText()).statusCode()).isEqualTo(200);

        assertThat(json(admin(sandbox, "POST", "grants/sandbox-client/expire", "{\"refreshToken\":true}"))
                .get("refreshTokenExpired").asBoolean()).isTrue();
        HttpResponse<String> dead = LinkedInSandboxDurabilityTest.refresh(sandbox, tokens.refreshToken());
        assertThat(dead.statusCode()).isEqualTo(400);
        assertThat(json(dead).get("error").asText()).isEqualTo("invalid_grant");

        LinkedInSandbox.Tokens next = latestTokens();
        assertThat(json(admin(sandbox, "POST", "grants/sandbox-client/revoke", null)).get("revoked").asBoolean()).isTrue();
        assertThat(json(LinkedInSandboxDurabilityTest.refresh(sandbox, next.refreshToken())).get("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(json(get(sandbox, "/adAccounts/507857085", next.accessToken())).get("serviceErrorCode").asInt()).isEqualTo(65601);
        assertThat(get(sandbox, "/adAccounts/507857085", token).statusCode()).as("an older grant is not the current one")
                .isEqualTo(200);
        assertThat(admin(sandbox, "POST", "grants/someone-else/revoke", null).statusCode()).isEqualTo(404);
    }

    /** A fresh grant through the admin API; it becomes the client's current grant. */
    private static LinkedInSandbox.Tokens latestTokens() {
        JsonNode t = json(admin(sandbox, "POST", "tokens", null));
        return new LinkedInSandbox.Tokens(t.get("access_token").asText(), t.get("expires_in").asLong(),
                t.get("refresh_token").asText(), t.get("refresh_token_expires_in").asLong(), t.get("scope").asText());
    }

    @Test
    void aNewFormVersionAddsAQuestionLaterLeadsUseItAndArchivingStopsNewLeads() {
        String v1 = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234310,1)";
        String oldLead = json(get(sandbox, COMPANY + "&count=1", token)).get("elements").get(0).get("id").asText();

        HttpResponse<String> created = admin(sandbox, "POST", "forms/7234310/versions",
                "{\"addQuestion\":{\"name\":\"budget\",\"question\":\"What is your budget?\",\"responseRequired\":true}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode version = json(created);
        assertThat(version.get("versionId").asInt()).isEqualTo(2);
        assertThat(version.get("versionedLeadGenFormUrn").asText()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234310,2)");
        long questionId = version.get("question").get("questionId").asLong();

        JsonNode form = json(get(sandbox, "/leadForms/7234310", token));
        assertThat(form.get("versionId").asInt()).isEqualTo(2);
        assertThat(form.get("content").get("questions")).extracting(q -> q.get("name").asText()).contains("budget");
        assertThat(form.get("content").get("questions")).filteredOn(q -> q.get("name").asText().equals("budget"))
                .singleElement().satisfies(q -> assertThat(q.at("/question/localized/en_US").asText()).isEqualTo("What is your budget?"));

        String newLead = json(admin(sandbox, "POST", "forms/7234310/leads", "{\"count\":1}")).get("leadIds").get(0).asText();
        JsonNode lead = json(get(sandbox, "/leadFormResponses/" + newLead + "?fields=id,versionedLeadGenFormUrn,formResponse,form:(versionId,content)", token));
        assertThat(lead.get("versionedLeadGenFormUrn").asText()).isEqualTo(version.get("versionedLeadGenFormUrn").asText());
        assertThat(lead.get("formResponse").get("answers")).extracting(a -> a.get("questionId").asLong()).contains(questionId);
        assertThat(lead.get("form").get("versionId").asInt()).isEqualTo(2);
        JsonNode old = json(get(sandbox, "/leadFormResponses/" + oldLead + "?fields=id,versionedLeadGenFormUrn,form:(versionId,content)", token));
        assertThat(old.get("versionedLeadGenFormUrn").asText()).isEqualTo(v1);
        assertThat(old.get("form").get("content").get("questions")).extracting(q -> q.get("name").asText()).doesNotContain("budget");

        JsonNode archived = json(admin(sandbox, "POST", "forms/7234310/archive", null));
        assertThat(archived.get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(json(get(sandbox, "/leadForms/7234310", token)).get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(admin(sandbox, "POST", "forms/7234310/leads", "{\"count\":1}").statusCode()).isEqualTo(400);
        assertThat(admin(sandbox, "POST", "forms/7234310/versions", "{\"addQuestion\":{\"name\":\"x\",\"question\":\"y\"}}")
                .statusCode()).isEqualTo(400);
        assertThat(get(sandbox, "/leadFormResponses/" + newLead, token).statusCode()).as("its leads stay").isEqualTo(200);
    }

    @Test
    void aLeadIsNotifiedAtOnceButReadableOnlyAfterItsDelay() throws Exception {
        subscribe(SPONSORED_OWNER, "SPONSORED");
        String id = json(admin(sandbox, "POST", "forms/7234246/leads", "{\"count\":1,\"visibleAfterSeconds\":30}"))
                .get("leadIds").get(0).asText();
        JsonNode notification = next();
        assertThat(notification.get("leadAction").asText()).isEqualTo("CREATED");
        assertThat(notification.get("leadGenFormResponse").asText()).endsWith(id);

        assertThat(get(sandbox, "/leadFormResponses/" + id, token).statusCode()).isEqualTo(404);
        assertThat(batchGet(id).get("errors").get(id).get("status").asInt()).isEqualTo(404);
        assertThat(ids(json(get(sandbox, SPONSORED + "&count=50", token)))).doesNotContain(id);

        CLOCK.advance(Duration.ofSeconds(29));
        assertThat(get(sandbox, "/leadFormResponses/" + id, token).statusCode()).isEqualTo(404);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(get(sandbox, "/leadFormResponses/" + id, token).statusCode()).isEqualTo(200);
        assertThat(batchGet(id).get("results").get(id).get("id").asText()).isEqualTo(id);
        assertThat(ids(json(get(sandbox, SPONSORED + "&count=50", token)))).contains(id);
    }

    @Test
    void aWithdrawalDuringPagingMakesOffsetPagingSkipALeadAndPushesDeleted() throws Exception {
        subscribe("{\"organization\":\"urn:li:organization:2414183\"}", "COMPANY");
        List<String> before = ids(json(get(sandbox, COMPANY + "&count=1000", token)));
        assertThat(before.size()).isGreaterThan(45);
        assertThat(json(admin(sandbox, "POST", "faults", "{\"withdrawDuringPaging\":1}")).get("withdrawDuringPaging").asInt())
                .isEqualTo(1);

        Set<String> served = new LinkedHashSet<>();
        for (int start = 0; ; ) {
            JsonNode page = json(get(sandbox, COMPANY + "&start=" + start + "&count=20", token));
            served.addAll(ids(page));
            start += page.get("elements").size();
            if (page.get("elements").isEmpty() || start >= page.get("paging").get("total").asInt()) {
                break;
            }
        }
        String withdrawn = before.get(19);
        String skipped = before.get(20);
        assertThat(served).as("the withdrawn lead was served on page one").contains(withdrawn);
        assertThat(served).as("offset paging never served the lead that moved up").doesNotContain(skipped);
        Set<String> expected = new LinkedHashSet<>(before);
        expected.remove(skipped);
        assertThat(served).containsExactlyElementsOf(expected);
        assertThat(get(sandbox, "/leadFormResponses/" + skipped, token).statusCode()).isEqualTo(200);
        assertThat(get(sandbox, "/leadFormResponses/" + withdrawn, token).statusCode()).isEqualTo(404);

        JsonNode deleted = next();
        assertThat(deleted.get("leadAction").asText()).isEqualTo("DELETED");
        assertThat(deleted.get("leadGenFormResponse").asText()).isEqualTo("urn:li:leadGenFormResponse:" + withdrawn);
        assertThat(json(admin(sandbox, "GET", "faults", null)).get("withdrawDuringPaging").asInt()).isZero();
        assertThat(json(get(sandbox, COMPANY + "&count=1", token)).get("paging").get("total").asInt()).as("one withdrawal only")
                .isEqualTo(before.size() - 1);
    }

    @Test
    void deletedCanArriveBeforeCreated() throws Exception {
        subscribe(SPONSORED_OWNER, "SPONSORED");
        String reversed = json(admin(sandbox, "POST", "forms/7234246/leads",
                "{\"count\":1,\"withdrawImmediately\":true,\"reverseNotifications\":true}")).get("leadIds").get(0).asText();
        JsonNode first = next();
        JsonNode second = next();
        assertThat(List.of(first.get("leadAction").asText(), second.get("leadAction").asText())).containsExactly("DELETED", "CREATED");
        assertThat(first.get("leadGenFormResponse").asText()).endsWith(reversed);
        assertThat(second.get("leadGenFormResponse").asText()).endsWith(reversed);
        assertThat(get(sandbox, "/leadFormResponses/" + reversed, token).statusCode()).isEqualTo(404);
        assertThat(ids(json(get(sandbox, SPONSORED + "&count=20", token)))).doesNotContain(reversed);

        String inOrder = json(admin(sandbox, "POST", "forms/7234246/leads", "{\"count\":1,\"withdrawImmediately\":true}"))
                .get("leadIds").get(0).asText();
        assertThat(List.of(next().get("leadAction").asText(), next().get("leadAction").asText())).containsExactly("CREATED", "DELETED");
        assertThat(get(sandbox, "/leadFormResponses/" + inOrder, token).statusCode()).isEqualTo(404);
        assertThat(admin(sandbox, "POST", "forms/7234246/leads", "{\"count\":1,\"reverseNotifications\":true}").statusCode())
                .isEqualTo(400);
    }

    private void subscribe(String owner, String leadType) {
        HttpResponse<String> created = send(rest(sandbox, "/leadNotifications", token).POST(HttpRequest.BodyPublishers.ofString(
                "{\"webhook\":\"" + receiver.url() + "\",\"owner\":" + owner + ",\"leadType\":\"" + leadType + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        subscriptions.add(created.headers().firstValue("x-restli-id").orElseThrow());
    }

    private JsonNode next() throws Exception {
        WebhookReceiver.Delivery delivery = receiver.deliveries.poll(5, TimeUnit.SECONDS);
        assertThat(delivery).as("a webhook delivery").isNotNull();
        assertThat(delivery.signature()).isEqualTo(WebhookSignatures.signature(SECRET, delivery.body()));
        return SandboxTestSupport.MAPPER.readTree(delivery.body());
    }

    private static JsonNode batchGet(String id) {
        HttpResponse<String> response = send(rest(sandbox, "/leadFormResponses?ids=List(" + id + ")", token)
                .header("X-RestLi-Method", "BATCH_GET").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("elements").forEach(l -> ids.add(l.get("id").asText()));
        return ids;
    }
}
