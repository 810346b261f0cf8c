package io.leadsync.kamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kamelet:linkedin-leadsync-webhook-source under camel-main (platform-http on camel.server.port): it registers its
 * subscription with the sandbox, and leads the sandbox pushes arrive one JSON message each.
 */
class LinkedInLeadSyncWebhookSourceKameletTest {

    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final long WHITEPAPER_FORM = 7234246L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).seed(42L).leads(100)
            .webhookRetry(3, Duration.ofMillis(100)).build().start();
    private KameletMain app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        sandbox.stop();
    }

    @Test
    void registersItsWebhookThenSendsEachPushedLeadAsJsonAndUnsubscribesOnStop() {
        String token = sandbox.issueTokens().accessToken();
        int port = AvailablePortFinder.getNextAvailable();
        String webhook = "http://127.0.0.1:" + port + "/linkedin/kamelet-leads";
        // mostly configured the way Camel K passes a Pipe's properties (camel.kamelet.<name>.<property>); a URL and a URN
        // come through the route's parameters map, which the YAML DSL percent-encodes
        String kamelet = "camel.kamelet.linkedin-leadsync-webhook-source.";
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("camel.server.enabled", "true");
        properties.put("camel.server.host", "127.0.0.1");
        properties.put("camel.server.port", String.valueOf(port));
        properties.put(kamelet + "clientId", KameletMain.CLIENT_ID);
        properties.put(kamelet + "clientSecret", KameletMain.CLIENT_SECRET);
        properties.put(kamelet + "accessToken", token);
        properties.put(kamelet + "restBaseUrl", sandbox.restBaseUrl());
        properties.put(kamelet + "legacyBaseUrl", sandbox.legacyBaseUrl());
        properties.put(kamelet + "oauthBaseUrl", sandbox.oauthBaseUrl());
        properties.put(kamelet + "owners", ACCOUNT);
        properties.put(kamelet + "leadTypes", "SPONSORED");
        properties.put(kamelet + "webhookExternalUrl", "http://127.0.0.1:" + port);
        properties.put(kamelet + "webhookPath", "/linkedin/kamelet-leads");
        properties.put(kamelet + "unregisterOnStop", "true");
        app = KameletMain.start(dir, """
                - route:
                    id: leads-from-webhook-kamelet
                    from:
                      uri: kamelet:linkedin-leadsync-webhook-source
                      parameters:
                        restBaseUrl: "{{sandbox.rest}}"
                        owners: "urn:li:sponsoredAccount:507857085"
                      steps:
                        - to: mock:leads
                """, sandbox, token, properties);

        LinkedInApi api = api(token);
        // registration runs in the background once the route listens (LinkedIn checks the URL with a challenge)
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriptions(api, webhook).size() == 1);

        MockEndpoint mock = app.mock("mock:leads");
        List<String> submitted = sandbox.submitLeads(WHITEPAPER_FORM, 3, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> mock.getReceivedCounter() >= submitted.size());

        List<Exchange> exchanges = mock.getExchanges();
        assertThat(exchanges).hasSize(submitted.size());
        assertThat(exchanges).extracting(e -> json(e).path("id").asText()).containsExactlyInAnyOrderElementsOf(submitted);
        for (Exchange exchange : exchanges) {
            JsonNode lead = json(exchange);
            assertThat(lead.path("action").asText()).isEqualTo("CREATED");
            assertThat(lead.path("formId").asLong()).isEqualTo(WHITEPAPER_FORM);
            assertThat(lead.path("testLead").asBoolean()).isTrue();
            assertThat(lead.path("source").asText()).isEqualTo("WEBHOOK");
            assertThat(lead.path("answers").path("WORK_EMAIL").path("value").asText()).contains("@");
            assertThat(exchange.getMessage().getHeader("CamelLinkedInLeadId")).isEqualTo(lead.path("id").asText());
            assertThat(exchange.getMessage().getHeader("CamelLinkedInLeadSource")).isEqualTo("WEBHOOK");
            // nothing of LinkedIn's HTTP request travels on with the lead
            assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys("X-LI-Signature", "CamelHttpUri", "User-Agent");
        }
        // the sandbox counts a delivery once the kamelet's answer is back, after the lead reached the mock
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() >= submitted.size());
        assertThat(sandbox.stats().webhooks().failed()).isZero();

        app.close();
        app = null;
        assertThat(subscriptions(api, webhook)).isEmpty();
    }

    private static List<LeadNotification> subscriptions(LinkedInApi api, String webhook) {
        return api.leadNotifications(LeadOwner.of(ACCOUNT), LeadType.SPONSORED).stream().filter(n -> webhook.equals(n.webhook())).toList();
    }

    private LinkedInApi api(String token) {
        LinkedInApiSettings settings = LinkedInApiSettings.builder().restBaseUrl(sandbox.restBaseUrl())
                .legacyBaseUrl(sandbox.legacyBaseUrl()).oauthBaseUrl(sandbox.oauthBaseUrl()).build();
        return LinkedInApi.builder().settings(settings).tokenProvider(new StaticTokenProvider(token)).build();
    }

    private static JsonNode json(Exchange exchange) {
        try {
            return MAPPER.readTree(exchange.getMessage().getBody(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
