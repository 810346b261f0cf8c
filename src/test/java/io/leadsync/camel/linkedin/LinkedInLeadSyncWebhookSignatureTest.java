package io.leadsync.camel.linkedin;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** X-LI-Signature and challenge answers against fixtures/webhook-signing.json (linkedin-api.md §9). */
class LinkedInLeadSyncWebhookSignatureTest {

    private final JsonNode signing = LinkedInLeadSyncWebhookTestSupport.fixture("webhook-signing.json");
    private final WebhookSignatures signatures = new WebhookSignatures(signing.get("clientSecret").asText());
    // the fixture signs notification-created.json without its trailing newline
    private final byte[] body = new String(LinkedInLeadSyncWebhookTestSupport.fixtureBytes("notification-created.json"),
            StandardCharsets.UTF_8).stripTrailing().getBytes(StandardCharsets.UTF_8);

    @Test
    void documentedSignatureOfPrefixedBodyIsAccepted() {
        assertThat(signatures.verify(body, variant("X-LI-Signature (documented: hex HMAC of 'hmacsha256=' + body)"))).isTrue();
    }

    @Test
    void prefixedHexOfPlainBodyIsAccepted() {
        assertThat(signatures.verify(body, variant("variant: 'hmacsha256=' + hex HMAC of body"))).isTrue();
    }

    @Test
    void plainHexOfPlainBodyIsAccepted() {
        assertThat(signatures.verify(body, variant("variant: hex HMAC of body"))).isTrue();
        assertThat(signatures.verify(body, variant("variant: hex HMAC of body").toUpperCase())).as("hex case does not matter").isTrue();
    }

    @Test
    void signatureOfAnotherBodyOrKeyIsRefused() {
        String documented = variant("X-LI-Signature (documented: hex HMAC of 'hmacsha256=' + body)");
        byte[] changed = Arrays.copyOf(body, body.length + 1);
        changed[body.length] = ' ';
        assertThat(signatures.verify(changed, documented)).as("one byte more").isFalse();
        assertThat(new WebhookSignatures("another-secret").verify(body, documented)).isFalse();
        assertThat(signatures.verify(body, null)).isFalse();
        assertThat(signatures.verify(body, "hmacsha256=")).isFalse();
        assertThat(signatures.verify(body, "not hex at all")).isFalse();
    }

    @Test
    void challengeResponseMatchesFixture() {
        JsonNode response = signing.get("challenge").get("response");
        assertThat(signatures.challengeResponse(response.get("challengeCode").asText()))
                .isEqualTo(response.get("challengeResponse").asText());
    }

    @Test
    void secretNeverAppearsInToStringAndIsRequired() {
        assertThat(signatures.toString()).doesNotContain(signing.get("clientSecret").asText());
        assertThatThrownBy(() -> new WebhookSignatures(null)).hasMessageContaining("clientSecret is required");
    }

    private String variant(String name) {
        return signing.get("notification").get(name).asText();
    }
}
