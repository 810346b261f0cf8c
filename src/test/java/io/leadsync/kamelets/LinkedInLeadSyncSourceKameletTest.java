package io.leadsync.kamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kamelet:linkedin-leadsync-source under camel-main against the sandbox: one JSON message per lead, every lead once. */
class LinkedInLeadSyncSourceKameletTest {

    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final int BACKFILL_DAYS = 90;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).seed(42L).leads(300).build().start();
    private KameletMain app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        sandbox.stop();
    }

    @Test
    void everySponsoredLeadOfTheBackfillArrivesOnceAsOneJsonMessageWithItsOwnHeaders() throws Exception {
        String token = sandbox.issueTokens().accessToken();
        Map<String, LeadFormResponse> expected = sandboxLeads(token).stream()
                .collect(Collectors.toMap(LeadFormResponse::id, l -> l));
        assertThat(expected).hasSizeGreaterThan(5); // a back-fill of several pages' worth, not a trivial one

        app = KameletMain.start(dir, """
                - route:
                    id: leads-from-kamelet
                    from:
                      uri: kamelet:linkedin-leadsync-source
                      parameters:
                        clientId: "{{sandbox.client-id}}"
                        clientSecret: "{{sandbox.client-secret}}"
                        accessToken: "{{sandbox.token}}"
                        restBaseUrl: "{{sandbox.rest}}"
                        legacyBaseUrl: "{{sandbox.legacy}}"
                        oauthBaseUrl: "{{sandbox.oauth}}"
                        owners: "%s"
                        leadTypes: SPONSORED
                        backfillDays: %d
                        delay: 200
                      steps:
                        - to: mock:leads
                """.formatted(ACCOUNT, BACKFILL_DAYS), sandbox, token, Map.of());

        MockEndpoint mock = app.mock("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> mock.getReceivedCounter() >= expected.size());
        // later polls read the overlap again: still nothing twice
        long findersAfterBackfill = finderCalls();
        await().atMost(Duration.ofSeconds(60)).until(() -> finderCalls() > findersAfterBackfill);
        assertThat(mock.getReceivedCounter()).isEqualTo(expected.size());

        List<Exchange> exchanges = mock.getExchanges();
        List<String> ids = exchanges.stream().map(e -> json(e).path("id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Exchange exchange : exchanges) {
            assertThat(exchange.getMessage().getBody()).isInstanceOf(String.class);
            JsonNode lead = json(exchange);
            LeadFormResponse sent = expected.get(lead.path("id").asText());
            assertThat(lead.path("action").asText()).isEqualTo("CREATED");
            assertThat(lead.path("leadType").asText()).isEqualTo("SPONSORED");
            assertThat(lead.path("ownerUrn").asText()).isEqualTo(ACCOUNT);
            assertThat(lead.path("submittedAt").asLong()).isEqualTo(sent.submittedAt());
            assertThat(lead.path("source").asText()).isEqualTo("POLL");
            assertThat(lead.path("answers").size()).isPositive();
            assertThat(lead.path("formName").asText()).isNotBlank();
            // each message names its own lead, not the first lead of the LinkedIn page it came in
            assertThat(exchange.getMessage().getHeader("CamelLinkedInLeadId")).isEqualTo(sent.id());
            assertThat(exchange.getMessage().getHeader("CamelLinkedInFormId", Long.class)).isEqualTo(lead.path("formId").asLong());
            assertThat(exchange.getMessage().getHeader("CamelLinkedInLeadAction")).isEqualTo("CREATED");
            assertThat(exchange.getMessage().getHeader("CamelLinkedInLeadType")).isEqualTo("SPONSORED");
            assertThat(exchange.getMessage().getHeader("CamelLinkedInOwner")).isEqualTo(ACCOUNT);
            assertThat(exchange.getMessage().getHeader("CamelLinkedInLeadSource")).isEqualTo("POLL");
            assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        }
        Set<String> answerKeys = exchanges.stream().flatMap(e -> {
            List<String> keys = new java.util.ArrayList<>();
            json(e).path("answers").fieldNames().forEachRemaining(keys::add);
            return keys.stream();
        }).collect(Collectors.toSet());
        assertThat(answerKeys).contains("WORK_EMAIL");
        // only the chosen owner's stream was read: no discovery of pages, no other lead types
        assertThat(sandbox.stats().calls("FINDER organizationAcls")).isZero();
        assertThat(sandbox.stats().calls("FINDER adAccountUsers")).isZero();
    }

    private long finderCalls() {
        return sandbox.stats().calls("FINDER leadFormResponses");
    }

    private List<LeadFormResponse> sandboxLeads(String token) {
        LinkedInApiSettings settings = LinkedInApiSettings.builder().restBaseUrl(sandbox.restBaseUrl())
                .legacyBaseUrl(sandbox.legacyBaseUrl()).oauthBaseUrl(sandbox.oauthBaseUrl()).build();
        LinkedInApi api = LinkedInApi.builder().settings(settings).tokenProvider(new StaticTokenProvider(token)).pageSize(1000).build();
        long now = System.currentTimeMillis();
        return api.leadFormResponses(LeadFormResponseQuery.of(LeadOwner.of(ACCOUNT), LeadType.SPONSORED).withPageSize(1000)
                .withSubmittedAtTimeRange(now - Duration.ofDays(BACKFILL_DAYS).toMillis(), now)).toList();
    }

    private static JsonNode json(Exchange exchange) {
        try {
            return MAPPER.readTree(exchange.getMessage().getBody(String.class));
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + exchange.getMessage().getBody(), e);
        }
    }
}
