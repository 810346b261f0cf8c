package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.webhook.WebhookSignatures;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The signing-oracle attack over the real HTTP listener: the challenge GET answers only UUID codes, so
 * {@code challengeCode=hmacsha256=<json>} gets no HMAC, and no answer the challenge gives is accepted as the
 * X-LI-Signature of any delivery. The challenge reads neither LinkedIn nor a store.
 */
class LinkedInLeadSyncWebhookChallengeOracleTest extends LinkedInLeadSyncWebhookTestSupport {

    private static final String PATH = "/linkedin/leads";
    private static final String NO_CLIENT_ID_PATH = "/linkedin/no-client-id";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, PATH, "owners=" + ACCOUNT + "&leadTypes=SPONSORED&webhookAutoRegister=false")).routeId("webhook")
                        .to("mock:leads");
                from(webhookUri(port, NO_CLIENT_ID_PATH, "owners=" + ACCOUNT + "&leadTypes=SPONSORED&webhookAutoRegister=false")
                        .replace("webhook:linkedin-leadsync:", "webhook:linkedin-noid:")).routeId("no-client-id").to("mock:leads");
            }
        };
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // a second component whose endpoints have a secret and a token but no clientId
        LinkedInLeadSyncComponent noClientId = new LinkedInLeadSyncComponent();
        noClientId.getConfiguration().setRestBaseUrl(sandbox.restBaseUrl());
        noClientId.getConfiguration().setOauthBaseUrl(sandbox.oauthBaseUrl());
        noClientId.getConfiguration().setLegacyBaseUrl(sandbox.legacyBaseUrl());
        noClientId.getConfiguration().setClientSecret(CLIENT_SECRET);
        noClientId.getConfiguration().setAccessToken(accessToken);
        context.addComponent("linkedin-noid", noClientId);
        return context;
    }

    @Test
    void theOracleRequestIsRefusedAUuidIsAnsweredAndNoAnswerSignsAForgedDelivery() throws Exception {
        sandbox.resetStats();
        MockEndpoint mock = getMockEndpoint("mock:leads");
        mock.expectedMessageCount(0);
        String lead = sandbox.submitLeads(WHITEPAPER_FORM, 1, true).get(0);
        sandbox.resetStats();
        byte[] forged = notification(lead, "DELETED", WHITEPAPER_FORM, 3);
        String json = new String(forged, StandardCharsets.UTF_8);

        // 1. the old oracle: ask the challenge to sign "hmacsha256=" + body, and the body alone
        for (String code : List.of("hmacsha256=" + json, json, "hmacsha256=", "7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37x",
                "7A3F2C9E4B1D4E8A9C6F2D5B8E1A0F37")) {
            HttpResponse<String> refused = get(url(PATH) + "?challengeCode=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).as(code).isEqualTo(400);
            JsonNode body = json(refused.body());
            assertThat(body.has("challengeResponse")).isFalse();
            assertThat(body.get("error").asText()).startsWith("challengeCode must be a UUID (8-4-4-4-12 hexadecimal digits");
        }

        // 2. a LinkedIn-shaped code is answered; its answer signs no delivery, whatever the form of the header
        String code = UUID.randomUUID().toString();
        HttpResponse<String> answered = get(url(PATH) + "?challengeCode=" + code + "&applicationId=" + CLIENT_ID);
        assertThat(answered.statusCode()).isEqualTo(200);
        String answer = json(answered.body()).get("challengeResponse").asText();
        assertThat(answer).isEqualTo(io.leadsync.sandbox.WebhookSignatures.challengeResponse(CLIENT_SECRET, code));
        byte[] codeAsBody = code.getBytes(StandardCharsets.US_ASCII);
        for (byte[] body : List.of(forged, codeAsBody)) {
            for (String signature : List.of(answer, "hmacsha256=" + answer, answer.toUpperCase())) {
                HttpResponse<String> post = post(url(PATH), body, signature);
                assertThat(post.statusCode()).isEqualTo(401);
                assertThat(json(post.body()).get("error").asText()).isEqualTo("invalid X-LI-Signature");
            }
        }

        mock.assertIsSatisfied();
        assertThat(sandbox.stats().total()).as("neither challenge nor refused posts called LinkedIn").isZero();
        LinkedInLeadSyncEndpoint endpoint = context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance)
                .map(LinkedInLeadSyncEndpoint.class::cast).findFirst().orElseThrow();
        assertThat(endpoint.getApi().leadFormResponse(lead).id()).as("the forged DELETED withdrew nothing").isEqualTo(lead);
    }

    @Test
    void applicationIdMustBeTheClientIdWhenOneIsConfigured() {
        String code = UUID.randomUUID().toString();
        assertThat(get(url(PATH) + "?challengeCode=" + code).statusCode()).as("applicationId is optional").isEqualTo(200);
        assertThat(get(url(PATH) + "?challengeCode=" + code + "&applicationId=" + CLIENT_ID).statusCode()).isEqualTo(200);
        HttpResponse<String> other = get(url(PATH) + "?challengeCode=" + code + "&applicationId=another-app");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other.body()).get("error").asText()).isEqualTo("applicationId is not the clientId of this webhook's LinkedIn app");
        assertThat(json(other.body()).has("challengeResponse")).isFalse();
        HttpResponse<String> twice = get(url(PATH) + "?challengeCode=" + code + "&challengeCode=" + UUID.randomUUID());
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice.body()).get("error").asText()).isEqualTo("challengeCode must be given once");

        // without a configured clientId there is nothing to compare with: applicationId is not checked
        HttpResponse<String> unchecked = get(url(NO_CLIENT_ID_PATH) + "?challengeCode=" + code + "&applicationId=another-app");
        assertThat(unchecked.statusCode()).isEqualTo(200);
        assertThat(json(unchecked.body()).get("challengeCode").asText()).isEqualTo(code);
    }

    private String url(String path) {
        return webhookUrl(port, path);
    }
}
