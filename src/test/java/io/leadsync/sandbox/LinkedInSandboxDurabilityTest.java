package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.admin;
import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static io.leadsync.sandbox.SandboxTestSupport.rest;
import static io.leadsync.sandbox.SandboxTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A sandbox on a data directory: a new sandbox on the same directory continues the same LinkedIn. */
class LinkedInSandboxDurabilityTest {

    static final String SECRET = "sandbox-client-secret-0001";
    static final String SPONSORED = "/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
            + "&leadType=(leadType:SPONSORED)";
    private static final String CRITERIA = "/leadNotifications?q=criteria"
            + "&owner=(value:(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085))&leadType=(leadType:SPONSORED)";

    @TempDir
    Path dir;
    private final List<LinkedInSandbox> started = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger journalLogger = (Logger) LoggerFactory.getLogger(SandboxJournal.class);

    @BeforeEach
    void captureJournalLog() {
        log.start();
        journalLogger.addAppender(log);
    }

    @AfterEach
    void stopAll() {
        journalLogger.detachAppender(log);
        started.forEach(LinkedInSandbox::stop);
    }

    private LinkedInSandbox sandbox() {
        LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).leads(200).dataDir(dir)
                .webhookRetry(2, Duration.ofMillis(50)).build().start();
        started.add(sandbox);
        return sandbox;
    }

    @Test
    void aNewSandboxOnTheSameDirectoryContinuesTheSameLinkedIn() throws Exception {
        LinkedInSandbox first = sandbox();
        LinkedInSandbox.Tokens tokens = first.issueTokens();
        JsonNode refreshed = json(refresh(first, tokens.refreshToken()));
        String refreshedAccess = refreshed.get("access_token").asText();
        LinkedInSandbox.Tokens revokedGrant = first.issueTokens();
        first.revokeToken(revokedGrant.refreshToken());
        first.expireToken(tokens.accessToken());
        JsonNode seededPage = json(get(first, SPONSORED + "&start=20&count=5", refreshedAccess));

        List<String> submitted = new ArrayList<>();
        json(admin(first, "POST", "forms/7234246/leads", "{\"count\":3,\"test\":true}")).get("leadIds")
                .forEach(id -> submitted.add(id.asText()));
        assertThat(admin(first, "DELETE", "leads/" + submitted.get(1), null).statusCode()).isEqualTo(204);
        String subscriptionId;
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            HttpResponse<String> subscribed = send(rest(first, "/leadNotifications", refreshedAccess).POST(HttpRequest.BodyPublishers
                    .ofString("{\"webhook\":\"" + receiver.url() + "\",\"owner\":{\"sponsoredAccount\":\"urn:li:sponsoredAccount:507857085\"},"
                            + "\"leadType\":\"SPONSORED\"}")));
            assertThat(subscribed.statusCode()).isEqualTo(201);
            subscriptionId = subscribed.headers().firstValue("x-restli-id").orElseThrow();
        }
        HttpResponse<String> edited = send(rest(first, "/leadForms/7234246", refreshedAccess).header("X-RestLi-Method", "PARTIAL_UPDATE")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patch\":{\"content\":{\"$set\":{\"headline\":"
                        + "{\"localized\":{\"en_US\":\"The 2027 data report\"}}}}}}")));
        assertThat(edited.statusCode()).isEqualTo(204);
        Set<String> earlierIds = allLeadIds(first, refreshedAccess);
        earlierIds.addAll(submitted);
        first.stop();

        LinkedInSandbox second = sandbox();
        // tokens and grants
        assertThat(get(second, "/adAccounts/507857085", refreshedAccess).statusCode()).isEqualTo(200);
        HttpResponse<String> expired = get(second, "/adAccounts/507857085", tokens.accessToken());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("serviceErrorCode").asInt()).isEqualTo(65602);
        HttpResponse<String> again = refresh(second, tokens.refreshToken());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("refresh_token").asText()).isEqualTo(tokens.refreshToken());
        String access = json(again).get("access_token").asText();
        assertThat(get(second, "/adAccounts/507857085", access).statusCode()).isEqualTo(200);
        assertThat(json(refresh(second, revokedGrant.refreshToken())).get("error").asText()).isEqualTo("invalid_grant");
        HttpResponse<String> revokedAccess = get(second, "/adAccounts/507857085", revokedGrant.accessToken());
        assertThat(json(revokedAccess).get("serviceErrorCode").asInt()).isEqualTo(65601);

        // the seeded world is the same one, submitted leads are there, the withdrawn one is gone
        // two submitted leads are live, newer than every seeded one: the seeded page moved down by two
        assertThat(json(get(second, SPONSORED + "&start=22&count=5", access)).get("elements"))
                .isEqualTo(seededPage.get("elements"));
        assertThat(get(second, "/leadFormResponses/" + submitted.get(0), access).statusCode()).isEqualTo(200);
        assertThat(get(second, "/leadFormResponses/" + submitted.get(2), access).statusCode()).isEqualTo(200);
        assertThat(get(second, "/leadFormResponses/" + submitted.get(1), access).statusCode()).isEqualTo(404);
        Set<String> nowListed = allLeadIds(second, access);
        assertThat(nowListed).contains(submitted.get(0), submitted.get(2)).doesNotContain(submitted.get(1));
        assertThat(json(admin(second, "GET", "world", null)).get("leadCount").asInt()).isEqualTo(202);

        // the form edit made version 4
        JsonNode form = json(get(second, "/leadForms/7234246", access));
        assertThat(form.get("versionId").asInt()).isEqualTo(4);
        assertThat(form.at("/content/headline/localized/en_US").asText()).isEqualTo("The 2027 data report");

        // the subscription is listed and still receives pushes
        JsonNode subscriptions = json(get(second, CRITERIA, access)).get("elements");
        assertThat(subscriptions).extracting(s -> s.get("id").asText()).containsExactly(subscriptionId);

        // new lead ids never repeat an earlier run's
        List<String> later = new ArrayList<>();
        json(admin(second, "POST", "forms/7234246/leads", "{\"count\":50}")).get("leadIds").forEach(id -> later.add(id.asText()));
        assertThat(later).doesNotContainAnyElementsOf(earlierIds).doesNotHaveDuplicates();
        second.stop();

        LinkedInSandbox third = sandbox();
        List<String> third1 = new ArrayList<>();
        json(admin(third, "POST", "forms/7234246/leads", "{\"count\":50}")).get("leadIds").forEach(id -> third1.add(id.asText()));
        assertThat(third1).doesNotContainAnyElementsOf(earlierIds).doesNotContainAnyElementsOf(later);
        assertThat(json(admin(third, "GET", "world", null)).get("leadCount").asInt()).isEqualTo(302);
        assertThat(log.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void theSubscriptionOfAnEarlierRunStillGetsPushes() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            LinkedInSandbox first = sandbox();
            String token = first.issueTokens().accessToken();
            assertThat(send(rest(first, "/leadNotifications", token).POST(HttpRequest.BodyPublishers.ofString("{\"webhook\":\""
                    + receiver.url() + "\",\"owner\":{\"sponsoredAccount\":\"urn:li:sponsoredAccount:507857085\"},"
                    + "\"leadType\":\"SPONSORED\"}"))).statusCode()).isEqualTo(201);
            first.stop();

            LinkedInSandbox second = sandbox();
            String leadId = second.submitLeads(7234246L, 1, true).get(0);
            WebhookReceiver.Delivery delivery = receiver.deliveries.poll(5, TimeUnit.SECONDS);
            assertThat(delivery).isNotNull();
            assertThat(body(delivery).get("leadGenFormResponse").asText()).isEqualTo("urn:li:leadGenFormResponse:" + leadId);
            assertThat(delivery.signature()).isEqualTo(WebhookSignatures.signature(SECRET, delivery.body()));
        }
    }

    @Test
    void aTornLastLineIsDroppedWithAWarningAndCutOff() throws Exception {
        LinkedInSandbox first = sandbox();
        String kept = first.submitLeads(7234246L, 1, true).get(0);
        first.stop();
        Path journal = dir.resolve(SandboxJournal.FILE_NAME);
        String intactText = Files.readString(journal);
        // what a kill -9 in the middle of a write leaves behind
        Files.writeString(journal, "{\"type\":\"lead\",\"lead\":{\"id\":\"0f0f0f0f-0000-4000-8000-0000", StandardOpenOption.APPEND);

        LinkedInSandbox second = sandbox();
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("incomplete last line"));
        assertThat(Files.readString(journal)).as("the torn line is cut off before anything else is written")
                .doesNotContain("0f0f0f0f").startsWith(intactText);
        String token = second.issueTokens().accessToken();
        assertThat(get(second, "/leadFormResponses/" + kept, token).statusCode()).isEqualTo(200);
        String after = second.submitLeads(7234246L, 1, true).get(0);
        second.stop();

        log.list.clear();
        LinkedInSandbox third = sandbox();
        assertThat(log.list).noneMatch(e -> e.getLevel() == Level.WARN);
        assertThat(get(third, "/leadFormResponses/" + kept, token).statusCode()).isEqualTo(200);
        assertThat(get(third, "/leadFormResponses/" + after, token).statusCode()).isEqualTo(200);
        assertThat(Files.readString(journal)).doesNotContain("0f0f0f0f").endsWith("\n");
    }

    @Test
    void aDamagedLineBeforeTheLastOneRefusesToStart() throws Exception {
        LinkedInSandbox first = sandbox();
        first.submitLeads(7234246L, 2, true);
        first.stop();
        Path journal = dir.resolve(SandboxJournal.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        lines.add(1, "{\"type\":\"lead\",\"lea");
        Files.write(journal, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LinkedInSandbox.builder().port(0).leads(200).dataDir(dir).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged at line 2");
    }

    @Test
    void anotherSeedOrLeadCountIsRefusedAndTheDirectoryIsLockedWhileInUse() {
        LinkedInSandbox first = sandbox();
        assertThatThrownBy(() -> LinkedInSandbox.builder().port(0).leads(200).dataDir(dir).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
        first.stop();
        assertThatThrownBy(() -> LinkedInSandbox.builder().port(0).leads(300).dataDir(dir).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed 42 and 200 leads");
        assertThatThrownBy(() -> LinkedInSandbox.builder().port(0).seed(7).leads(200).dataDir(dir).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed 42 and 200 leads");
        assertThat(sandbox().world().get("leadCount").asInt()).isEqualTo(200);
    }

    static HttpResponse<String> refresh(LinkedInSandbox sandbox, String refreshToken) {
        return SandboxTestSupport.form(sandbox.oauthBaseUrl() + "/accessToken", "grant_type=refresh_token&refresh_token="
                + refreshToken + "&client_id=sandbox-client&client_secret=" + SECRET);
    }

    static Set<String> allLeadIds(LinkedInSandbox sandbox, String token) {
        Set<String> ids = new HashSet<>();
        String[] owners = {SPONSORED,
            "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)&leadType=(leadType:EVENT)",
            "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)&leadType=(leadType:COMPANY)",
            "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414190)&leadType=(leadType:ORGANIZATION_PRODUCT)"};
        for (String owner : owners) {
            JsonNode page = json(get(sandbox, owner + "&count=1000", token));
            assertThat(page.get("paging").get("total").asInt()).isLessThan(1000);
            page.get("elements").forEach(l -> ids.add(l.get("id").asText()));
        }
        return ids;
    }

    private static JsonNode body(WebhookReceiver.Delivery delivery) throws Exception {
        return SandboxTestSupport.MAPPER.readTree(delivery.body());
    }
}
