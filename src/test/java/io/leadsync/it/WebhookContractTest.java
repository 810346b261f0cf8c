package io.leadsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.api.BadRequestException;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.NotFoundException;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.sandbox.WebhookSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook contract of linkedin-api.md §9 between the sandbox and an integrator: challenge answers and
 * {@code X-LI-Signature} values match fixtures/webhook-signing.json, and a signed push verifies with the documented
 * formula, parses into {@link LeadActionNotification}, and names a lead the client can fetch. The test verifies with
 * HMACs computed from the spec alone, not with {@link WebhookSignatures}, so a wrong formula on either side shows.
 */
class WebhookContractTest {

    private static final JsonNode SIGNING = Fixtures.json("webhook-signing.json");
    private static final String SECRET = SIGNING.get("clientSecret").asText();
    private static final long WHITEPAPER_FORM = 7234246L;
    private static final LeadOwner ACCOUNT = LeadOwner.sponsoredAccount(507857085L);

    private static LinkedInSandbox sandbox;
    private static LinkedInApi api;

    @BeforeAll
    static void startSandbox() {
        sandbox = LinkedInSandbox.builder().port(0).leads(300).clientSecret(SECRET).build().start();
        api = LinkedInApi.builder().settings(SandboxClients.settings(sandbox, Clock.systemUTC(), SandboxClients.EXACT_RETRIES))
                .tokenProvider(new StaticTokenProvider(sandbox.issueTokens().accessToken())).build();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @Test
    void challengeResponseReproducesTheFixture() {
        JsonNode challenge = SIGNING.get("challenge");
        String code = challenge.get("response").get("challengeCode").asText();
        String expected = challenge.get("response").get("challengeResponse").asText();

        assertThat(challenge.get("request").asText()).endsWith("challengeCode=" + code);
        assertThat(hmacHex(code.getBytes(StandardCharsets.UTF_8))).as("documented formula").isEqualTo(expected);
        assertThat(WebhookSignatures.challengeResponse(SECRET, code)).as("the sandbox's").isEqualTo(expected);
    }

    @Test
    void signatureReproducesTheFixtureAndOnlyTheDocumentedFormVerifies() throws Exception {
        JsonNode notification = SIGNING.get("notification");
        byte[] raw = rawNotificationBody();
        String documented = notification.get("X-LI-Signature (documented: hex HMAC of 'hmacsha256=' + body)").asText();

        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
                .isEqualTo(notification.get("rawBodySha256").asText());
        assertThat(WebhookSignatures.signature(SECRET, raw)).isEqualTo(documented);
        assertThat(verifies(documented, raw)).isTrue();
        assertThat(verifies("hmacsha256=" + documented, raw)).as("the documented digest with its optional label").isTrue();
        // the bare-body digest (reported, UNSURE in §9) is refused: HMAC(body) of a UUID-shaped body is a challenge answer,
        // so accepting it would let anyone who can trigger the challenge sign that body
        assertThat(verifies(notification.get("variant: 'hmacsha256=' + hex HMAC of body").asText(), raw)).isFalse();
        assertThat(verifies(notification.get("variant: hex HMAC of body").asText(), raw)).isFalse();
        byte[] tampered = Arrays.copyOf(raw, raw.length);
        tampered[tampered.length - 2] ^= 1;
        assertThat(verifies(documented, tampered)).as("a changed byte breaks the signature").isFalse();
    }

    @Test
    void webhookThatAnswersTheChallengeWronglyIsNotSubscribed() {
        try (WebhookReceiver wrongSecret = new WebhookReceiver("not-the-client-secret")) {
            Throwable thrown = catchThrowable(() -> api.createLeadNotification(
                    new LeadNotification(null, wrongSecret.url(), ACCOUNT, "SPONSORED", null, null)));

            assertThat(wrongSecret.challenges()).hasSize(1);
            assertThat(thrown).isInstanceOf(BadRequestException.class).hasMessageContaining("Webhook validation failed")
                    .hasMessageContaining("challengeResponse");
            assertThat(api.leadNotifications(ACCOUNT, LeadType.SPONSORED))
                    .extracting(LeadNotification::webhook).doesNotContain(wrongSecret.url());
        }
    }

    @Test
    void signedPushesVerifyParseAndNameLeadsTheClientCanFetch() {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            long subscription = api.createLeadNotification(new LeadNotification(null, receiver.url(), ACCOUNT, "SPONSORED", null, null));
            assertThat(receiver.challenges()).hasSize(1);
            assertThat(receiver.challenges().get(0)).matches("[0-9a-f-]{36}");

            List<String> submitted = sandbox.submitLeads(WHITEPAPER_FORM, 1, true);
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 1);

            WebhookReceiver.Delivery created = receiver.deliveries().get(0);
            assertThat(verifies(created.signature(), created.rawBody())).as("X-LI-Signature of the raw body").isTrue();
            LeadActionNotification notification = LinkedInJson.read(created.rawBody(), LeadActionNotification.class);
            assertThat(notification.type()).isEqualTo("LEAD_ACTION");
            assertThat(notification.leadAction()).isEqualTo("CREATED");
            assertThat(notification.leadType()).isEqualTo("SPONSORED");
            assertThat(notification.owner()).isEqualTo(ACCOUNT);
            assertThat(notification.leadId()).isEqualTo(submitted.get(0));
            assertThat(notification.leadGenForm()).isEqualTo(api.leadForm(WHITEPAPER_FORM).versionedUrn().toString());
            assertThat(notification.occurredAtMillis()).isGreaterThan(1_000_000_000_000L);

            LeadFormResponse lead = api.leadFormResponse(notification.leadId());

            assertThat(lead.id()).isEqualTo(notification.leadId());
            assertThat(lead.versionedLeadGenFormUrn()).isEqualTo(notification.leadGenForm());
            assertThat(lead.isTestLead()).isTrue();
            assertThat(lead.formResponse().answers()).isNotEmpty();

            sandbox.deleteLead(notification.leadId());
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 2);

            WebhookReceiver.Delivery deleted = receiver.deliveries().get(1);
            assertThat(verifies(deleted.signature(), deleted.rawBody())).isTrue();
            LeadActionNotification withdrawal = LinkedInJson.read(deleted.rawBody(), LeadActionNotification.class);
            assertThat(withdrawal.leadAction()).isEqualTo("DELETED");
            assertThat(withdrawal.leadId()).isEqualTo(notification.leadId());
            assertThat(catchThrowable(() -> api.leadFormResponse(withdrawal.leadId()))).isInstanceOf(NotFoundException.class);
            assertThat(sandbox.stats().webhooks().delivered()).isEqualTo(2);

            api.deleteLeadNotification(subscription);
        }
    }

    // ---- the integrator's side, written from linkedin-api.md §9 alone

    /** The fixture's notification body as sent: the file without its trailing newline. */
    private static byte[] rawNotificationBody() {
        byte[] file = Fixtures.bytes("notification-created.json");
        int end = file.length;
        while (end > 0 && (file[end - 1] == '\n' || file[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(file, end);
    }

    /**
     * Strips an optional {@code hmacsha256=} label and accepts, in constant time, only the documented
     * {@code hex(HMAC("hmacsha256=" + rawBody))}: its MAC input never equals a challenge code (a UUID), so a challenge
     * answer can never be a delivery signature.
     */
    private static boolean verifies(String header, byte[] rawBody) {
        if (header == null) {
            return false;
        }
        String value = header.startsWith("hmacsha256=") ? header.substring("hmacsha256=".length()) : header;
        byte[] prefixed = new byte["hmacsha256=".length() + rawBody.length];
        System.arraycopy("hmacsha256=".getBytes(StandardCharsets.US_ASCII), 0, prefixed, 0, "hmacsha256=".length());
        System.arraycopy(rawBody, 0, prefixed, "hmacsha256=".length(), rawBody.length);
        byte[] given = value.toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, hmacHex(prefixed).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmacHex(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
