package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.fieldNames;
import static io.leadsync.sandbox.SandboxTestSupport.fixture;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static io.leadsync.sandbox.SandboxTestSupport.rest;
import static io.leadsync.sandbox.SandboxTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lead notifications: webhook challenge, signed CREATED/DELETED pushes, retries and drops. */
class LinkedInSandboxWebhookTest {

    private static final String SECRET = "sandbox-client-secret-0001";
    /** The webhook retry policy of these tests: the retry cap bounds the attempts of one notification. */
    private static final int ATTEMPTS = 3;
    // a sandbox per test: a delivery still in flight when a test ends (its stats are counted after the receiver's
    // answer) must not be counted in the next test, nor reach a receiver of that test
    private LinkedInSandbox sandbox;
    private String token;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sandbox = LinkedInSandbox.builder().port(0).leads(50).webhookRetry(ATTEMPTS, Duration.ofMillis(50)).build().start();
        token = sandbox.issueTokens().accessToken();
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
        sandbox.stop();
    }

    @Test
    void signaturesMatchTheSigningFixture() {
        JsonNode signing = fixture("webhook-signing.json");
        String body = SandboxTestSupport.fixtureText("notification-created.json").stripTrailing();
        assertThat(WebhookSignatures.signature(signing.get("clientSecret").asText(), body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(signing.get("notification").get("X-LI-Signature (documented: hex HMAC of 'hmacsha256=' + body)").asText());
        assertThat(WebhookSignatures.challengeResponse(signing.get("clientSecret").asText(),
                signing.get("challenge").get("response").get("challengeCode").asText()))
                .isEqualTo(signing.get("challenge").get("response").get("challengeResponse").asText());
    }

    @Test
    void subscriptionToAWrongChallengeAnswerIsRefused() {
        receiver.answerChallengeCorrectly = false;
        HttpResponse<String> response = subscribe(receiver.url(), "SPONSORED", "urn:li:sponsoredAccount:507857085");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("Webhook validation failed", "challengeResponse");
    }

    @Test
    void plainHttpIsRefusedUnlessLoopback() {
        HttpResponse<String> response = subscribe("http://leads.example.com/hook", "SPONSORED", "urn:li:sponsoredAccount:507857085");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("https");
    }

    @Test
    void createdAndDeletedArePushedSignedToMatchingSubscriptions() throws Exception {
        HttpResponse<String> created = subscribe(receiver.url(), "SPONSORED", "urn:li:sponsoredAccount:507857085");
        assertThat(created.statusCode()).isEqualTo(201);
        String subscriptionId = created.headers().firstValue("x-restli-id").orElseThrow();

        JsonNode page = json(SandboxTestSupport.get(sandbox, "/leadNotifications?q=criteria"
                + "&owner=(value:(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085))&leadType=(leadType:SPONSORED)", token));
        LinkedInSandboxContractTest.assertShape(page, fixture("lead-notifications-page.json"));
        assertThat(page.get("elements").get(0).get("id").asText()).isEqualTo(subscriptionId);

        sandbox.submitLeads(7234300L, 1, true);
        HttpResponse<String> admin = SandboxTestSupport.admin(sandbox, "POST", "forms/7234246/leads", "{\"count\":1,\"test\":true}");
        String leadId = json(admin).get("leadIds").get(0).asText();
        WebhookReceiver.Delivery delivery = receiver.deliveries.poll(60, TimeUnit.SECONDS);
        assertThat(delivery).isNotNull();
        assertThat(delivery.signature()).isEqualTo(WebhookSignatures.signature(SECRET, delivery.body()));
        assertThat(delivery.contentType()).isEqualTo("application/json");
        JsonNode notification = SandboxTestSupport.MAPPER.readTree(delivery.body());
        assertThat(fieldNames(notification)).containsExactlyElementsOf(fieldNames(fixture("notification-created.json")));
        assertThat(notification.get("leadGenFormResponse").asText()).isEqualTo("urn:li:leadGenFormResponse:" + leadId);
        assertThat(notification.get("leadAction").asText()).isEqualTo("CREATED");
        assertThat(notification.get("leadGenForm").asText()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)");

        assertThat(SandboxTestSupport.admin(sandbox, "DELETE", "leads/" + leadId, null).statusCode()).isEqualTo(204);
        WebhookReceiver.Delivery deleted = receiver.deliveries.poll(60, TimeUnit.SECONDS);
        assertThat(deleted).isNotNull();
        assertThat(deleted.signature()).isEqualTo(WebhookSignatures.signature(SECRET, deleted.body()));
        JsonNode deletedJson = SandboxTestSupport.MAPPER.readTree(deleted.body());
        assertThat(deletedJson.get("leadAction").asText()).isEqualTo("DELETED");
        assertThat(deletedJson.get("leadGenFormResponse").asText()).isEqualTo("urn:li:leadGenFormResponse:" + leadId);
        assertThat(receiver.deliveries).as("the EVENT lead matched no SPONSORED subscription").isEmpty();
        // this sandbox holds no other subscription: the two deliveries are all it sent
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() == 2);
        assertThat(receiver.posts.get()).as("posts to the receiver").isEqualTo(2);
        assertThat(sandbox.stats().webhooks().failed()).isZero();

        assertThat(send(rest(sandbox, "/leadNotifications/" + subscriptionId, token).DELETE()).statusCode()).isEqualTo(204);
        assertThat(SandboxTestSupport.get(sandbox, "/leadNotifications/" + subscriptionId, token).statusCode()).isEqualTo(404);
    }

    @Test
    void narrowedSubscriptionOnlyGetsItsFormVersion() throws Exception {
        HttpResponse<String> created = send(rest(sandbox, "/leadNotifications", token).POST(HttpRequest.BodyPublishers.ofString(
                "{\"webhook\":\"" + receiver.url() + "\",\"owner\":{\"organization\":\"urn:li:organization:2414183\"},"
                        + "\"leadType\":\"EVENT\",\"versionedForm\":\"urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234300,1)\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        sandbox.submitLeads(7234310L, 1, true);
        String eventLead = sandbox.submitLeads(7234300L, 1, true).get(0);
        WebhookReceiver.Delivery delivery = receiver.deliveries.poll(60, TimeUnit.SECONDS);
        assertThat(delivery).isNotNull();
        JsonNode notification = SandboxTestSupport.MAPPER.readTree(delivery.body());
        assertThat(notification.get("leadGenFormResponse").asText()).endsWith(eventLead);
        assertThat(notification.get("associatedEntity").get("event").asText()).isEqualTo("urn:li:event:7301000000000000001");
        send(rest(sandbox, "/leadNotifications/" + created.headers().firstValue("x-restli-id").orElseThrow(), token).DELETE());
    }

    @Test
    void failingReceiverIsRetriedAndFinallyFails() throws Exception {
        String id = subscribe(receiver.url(), "SPONSORED", "urn:li:sponsoredAccount:507857085")
                .headers().firstValue("x-restli-id").orElseThrow();
        receiver.failuresBeforeSuccess.set(2);
        sandbox.submitLeads(7234246L, 1, true);
        assertThat(receiver.deliveries.poll(60, TimeUnit.SECONDS)).isNotNull();
        // the outcome, once the sandbox has counted it: delivered after the two refusals, within the retry cap
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() == 1);
        SandboxStats.Webhooks first = sandbox.stats().webhooks();
        assertThat(first.failed()).isZero();
        assertThat(first.dropped()).isZero();
        int firstPosts = receiver.posts.get();
        assertThat(firstPosts).as("two refusals, then the delivery").isGreaterThanOrEqualTo(3);
        assertThat(first.attempts()).as("every post is an attempt, and no more than the cap").isBetween((long) firstPosts, (long) ATTEMPTS);

        receiver.failuresBeforeSuccess.set(10);
        sandbox.submitLeads(7234246L, 1, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().failed() == 1);
        SandboxStats.Webhooks second = sandbox.stats().webhooks();
        assertThat(second.delivered()).isEqualTo(1);
        assertThat(second.dropped()).isZero();
        // a receiver that keeps failing is tried exactly ATTEMPTS times (the cap counts attempts, not time), then given up
        assertThat(second.attempts() - first.attempts()).as("attempts of the failing notification").isEqualTo(ATTEMPTS);
        assertThat(receiver.posts.get() - firstPosts).as("posts of the failing notification").isBetween(1, ATTEMPTS);
        assertThat(receiver.deliveries).as("no refused post is taken for a delivery").isEmpty();
        send(rest(sandbox, "/leadNotifications/" + id, token).DELETE());
    }

    @Test
    void aWithdrawnLeadsNotificationsWaitForEachOthersRetriesAndGiveUp() throws Exception {
        String id = subscribe(receiver.url(), "SPONSORED", "urn:li:sponsoredAccount:507857085")
                .headers().firstValue("x-restli-id").orElseThrow();
        // CREATED's first attempt is refused: DELETED must not go out until CREATED's retry is answered
        receiver.failuresBeforeSuccess.set(1);
        String retried = withdrawnAtOnce();
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() == 2);
        assertThat(actionsPosted(0)).containsExactly("CREATED " + retried, "CREATED " + retried, "DELETED " + retried);
        assertThat(sandbox.stats().webhooks()).isEqualTo(new SandboxStats.Webhooks(3, 2, 0, 0));

        // CREATED is refused until it is given up: only then is DELETED sent
        receiver.failuresBeforeSuccess.set(ATTEMPTS);
        String givenUp = withdrawnAtOnce();
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() == 3);
        assertThat(actionsPosted(3)).containsExactly("CREATED " + givenUp, "CREATED " + givenUp, "CREATED " + givenUp,
                "DELETED " + givenUp);
        assertThat(sandbox.stats().webhooks()).isEqualTo(new SandboxStats.Webhooks(3 + ATTEMPTS + 1, 3, 1, 0));
        send(rest(sandbox, "/leadNotifications/" + id, token).DELETE());
    }

    /** Submits one test lead that is withdrawn at once (CREATED then DELETED, pushed in that order); its id. */
    private String withdrawnAtOnce() {
        HttpResponse<String> admin = SandboxTestSupport.admin(sandbox, "POST", "forms/7234246/leads",
                "{\"count\":1,\"test\":true,\"withdrawImmediately\":true}");
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        return json(admin).get("leadIds").get(0).asText();
    }

    /** "ACTION leadId" of each POST the receiver got, refused ones included, from the {@code from}-th on. */
    private List<String> actionsPosted(int from) throws Exception {
        List<String> actions = new ArrayList<>();
        for (byte[] body : receiver.postedBodies.subList(from, receiver.postedBodies.size())) {
            JsonNode notification = SandboxTestSupport.MAPPER.readTree(body);
            actions.add(notification.get("leadAction").asText() + " "
                    + notification.get("leadGenFormResponse").asText().substring("urn:li:leadGenFormResponse:".length()));
        }
        return actions;
    }

    @Test
    void droppedDeliveriesAreCountedAndNeverSent() {
        String id = subscribe(receiver.url(), "SPONSORED", "urn:li:sponsoredAccount:507857085")
                .headers().firstValue("x-restli-id").orElseThrow();
        sandbox.faults().dropWebhookRate(1.0);
        sandbox.submitLeads(7234246L, 3, true);
        assertThat(sandbox.stats().webhooks()).isEqualTo(new SandboxStats.Webhooks(0, 0, 0, 3));
        assertThat(receiver.posts.get()).isZero();
        send(rest(sandbox, "/leadNotifications/" + id, token).DELETE());
    }

    private HttpResponse<String> subscribe(String webhook, String leadType, String account) {
        return send(rest(sandbox, "/leadNotifications", token).POST(HttpRequest.BodyPublishers.ofString(
                "{\"webhook\":\"" + webhook + "\",\"owner\":{\"sponsoredAccount\":\"" + account + "\"},\"leadType\":\"" + leadType + "\"}")));
    }
}
