package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.webhook.WebhookSignatures;
import org.junit.jupiter.api.Test;

/**
 * X-LI-Signature and challenge answers against fixtures/webhook-signing.json (linkedin-api.md §9): only the documented
 * signature is accepted, and only UUID challenge codes are answered, so that no challenge answer can sign a delivery.
 */
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
    void documentedSignatureMayCarryTheLabelAndEitherHexCase() {
        String documented = variant("X-LI-Signature (documented: hex HMAC of 'hmacsha256=' + body)");
        assertThat(signatures.verify(body, "hmacsha256=" + documented)).isTrue();
        assertThat(signatures.verify(body, "HmacSHA256=" + documented.toUpperCase())).as("label and hex case do not matter").isTrue();
        assertThat(signatures.verify(body, " " + documented + " ")).as("surrounding blanks").isTrue();
    }

    /**
     * The bare-body digest (reported by integrators, UNSURE in linkedin-api.md §9) is refused with or without the label:
     * its MAC input is the body alone, so a body equal to a challenge code would make the challenge answer its signature.
     */
    @Test
    void bareBodyDigestIsRefusedWithOrWithoutTheLabel() {
        assertThat(signatures.verify(body, variant("variant: 'hmacsha256=' + hex HMAC of body"))).isFalse();
        assertThat(signatures.verify(body, variant("variant: hex HMAC of body"))).isFalse();
        assertThat(signatures.verify(body, variant("variant: hex HMAC of body").toUpperCase())).isFalse();
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
        assertThat(signatures.verify(body, documented + "00")).as("a longer value").isFalse();
        assertThat(signatures.verify(body, documented.substring(0, 63))).as("a truncated value").isFalse();
        assertThat(signatures.verify(body, "hmacsha256=hmacsha256=" + documented)).as("the label once only").isFalse();
    }

    @Test
    void onlyUuidShapedChallengeCodesAreAnswered() {
        assertThat(WebhookSignatures.isChallengeCode("7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37")).isTrue();
        assertThat(WebhookSignatures.isChallengeCode(UUID.randomUUID().toString().toUpperCase())).isTrue();
        for (String refused : new String[] { null, "", "7a3f2c9e4b1d4e8a9c6f2d5b8e1a0f37", "7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f3",
                "7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f377", "{7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37}", "7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f3g",
                "7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37\n", "hmacsha256={\"leadAction\":\"DELETED\"}", "hmacsha256=" }) {
            assertThat(WebhookSignatures.isChallengeCode(refused)).as("%s", refused).isFalse();
            assertThatThrownBy(() -> signatures.challengeResponse(refused)).as("no HMAC for %s", refused)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * The structural half of the oracle proof (see {@link WebhookSignatures}): whatever the body, the MAC input of an
     * accepted delivery starts with "hmacsha256=" and is never an accepted challenge code, while every accepted challenge
     * input is 36 characters of [0-9a-fA-F-] and so never starts with 'h'. The domains are disjoint.
     */
    @Test
    void everyAcceptedChallengeInputIsDisjointFromEverySignedInput() {
        Random random = new Random(20260601);
        List<byte[]> bodies = new ArrayList<>(List.of(new byte[0], body, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII),
                "hmacsha256=".getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            bodies.add(b);
            bodies.add(UUID.nameUUIDFromBytes(b).toString().substring(0, random.nextInt(37)).getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] b : bodies) {
            byte[] signed = WebhookSignatures.deliveryMacInput(b);
            assertThat(new String(signed, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("hmacsha256=");
            assertThat(WebhookSignatures.isChallengeCode(new String(signed, StandardCharsets.ISO_8859_1))).isFalse();
            assertThat(WebhookSignatures.isChallengeCode(new String(signed, StandardCharsets.UTF_8))).isFalse();
        }
        for (int i = 0; i < 2_000; i++) {
            String code = i % 2 == 0 ? UUID.randomUUID().toString() : UUID.randomUUID().toString().toUpperCase();
            byte[] challenge = WebhookSignatures.challengeMacInput(code);
            assertThat(challenge).hasSize(36);
            assertThat(challenge[0]).isNotEqualTo((byte) 'h');
            assertThat(new String(challenge, StandardCharsets.US_ASCII)).matches("[0-9a-fA-F-]{36}").doesNotContain("=");
        }
    }

    /** The attack itself, offline: no challenge answer the webhook gives verifies any body. */
    @Test
    void noChallengeAnswerIsAValidSignature() {
        byte[] uuidBody = "7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37".getBytes(StandardCharsets.US_ASCII);
        String answer = signatures.challengeResponse("7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37");
        assertThat(signatures.verify(uuidBody, answer)).as("a body equal to the code").isFalse();
        assertThat(signatures.verify(uuidBody, "hmacsha256=" + answer)).isFalse();
        assertThat(signatures.verify(body, answer)).isFalse();
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
