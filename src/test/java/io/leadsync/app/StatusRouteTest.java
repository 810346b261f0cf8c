package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.auth.OAuthToken;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;

/** routes/status.yaml: GET /api/status as an operator reads it. */
@SuppressWarnings("unchecked")
class StatusRouteTest extends LeadSyncAppTestSupport {


    @Test
    void statusShowsConnectionOwnersFormsWithLeadCountsSubscriptionsAndDeadLettersButNoToken() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml", "forms.yaml", "status.yaml"), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriptionCount() > 0 && app.leadTables().contains("leads_form_7234246"));
        // the back-fill is done once the pull's first poll completed (the table appears before it is filled)
        ScheduledPollConsumer poller = (ScheduledPollConsumer) app.camel().getRoute("leads-pull").getConsumer();
        await().atMost(Duration.ofSeconds(60)).until(() -> poller.getSuccessCounter() > 0);
        long backfilled = formLeads(status(), 7234246L);
        assertThat(backfilled).isNotNegative();
        // two test leads pushed through the webhook land in the whitepaper form's table
        app.sandbox().submitLeads(7234246L, 2, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> formLeads(status(), 7234246L) == backfilled + 2);

        HttpResponse<String> response = app.call("GET", "/api/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> status = LeadSyncApp.json(response);
        assertThat(status).containsKeys("connection", "owners", "forms", "pull", "webhook", "deadLetters").doesNotContainKey("linkedInError");
        Map<String, Object> connection = (Map<String, Object>) status.get("connection");
        assertThat(connection).containsEntry("connected", true).containsEntry("reauthorizationRequired", false)
                .containsEntry("connectUrl", "http://localhost:" + app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1) + "/connect");
        assertThat(((Number) connection.get("accessTokenDaysLeft")).intValue()).isBetween(59, 60);
        assertThat(((Number) connection.get("refreshTokenDaysLeft")).intValue()).isBetween(364, 365);
        List<Map<String, Object>> owners = (List<Map<String, Object>>) status.get("owners");
        assertThat(owners).anySatisfy(o -> assertThat(o).containsEntry("urn", "urn:li:sponsoredAccount:507857085")
                .containsEntry("name", "Northwind Ads").containsEntry("canReceiveLeads", true));
        assertThat(owners).anySatisfy(o -> assertThat(o).containsEntry("urn", "urn:li:sponsoredAccount:507857099")
                .containsEntry("canReceiveLeads", false));
        // pages carry their names from LinkedIn's organizations lookup
        assertThat(owners).anySatisfy(o -> assertThat(o).containsEntry("urn", "urn:li:organization:2414183")
                .containsEntry("name", "Northwind Traders"));
        List<Map<String, Object>> forms = (List<Map<String, Object>>) status.get("forms");
        assertThat(forms).anySatisfy(f -> assertThat(f).containsEntry("name", "Northwind whitepaper Q1")
                .containsEntry("table", "leads_form_7234246").containsEntry("leads", (int) backfilled + 2).containsEntry("version", 3));
        Map<String, Object> pull = (Map<String, Object>) status.get("pull");
        ((Map<String, Map<String, Object>>) pull.get("watermarks")).values().forEach(stream ->
                assertThat(java.time.Instant.parse((String) stream.get("watermark"))).as("an ISO-8601 time").isNotNull());
        Map<String, Object> webhook = (Map<String, Object>) status.get("webhook");
        assertThat(webhook).containsEntry("url", app.baseUrl() + "/linkedin/leads");
        assertThat((List<Map<String, Object>>) webhook.get("subscriptions")).hasSize(subscriptionCount())
                .anySatisfy(s -> assertThat(s).containsEntry("owner", "urn:li:sponsoredAccount:507857085").containsEntry("leadType", "SPONSORED"));
        assertThat((Map<String, Object>) status.get("deadLetters")).containsEntry("database", 0).containsEntry("salesforce", 0);
        assertThat((Map<String, Object>) status.get("pull")).containsKey("watermarks");
        assertThat((Map<String, Object>) status.get("inbox")).containsKeys("depth", "oldestPendingSeconds");
        OAuthToken grant = app.storedToken();
        assertThat(response.body()).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());
    }

    @Test
    void withTheGrantRevokedStatusStillAnswersAndSaysReauthorizationIsRequired() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("status.yaml"), Map.of());
        app.sandbox().revokeToken(app.storedToken().refreshToken());

        HttpResponse<String> response = app.call("GET", "/api/status");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> status = LeadSyncApp.json(response);
        Map<String, Object> connection = (Map<String, Object>) status.get("connection");
        assertThat(connection).containsEntry("connected", false).containsEntry("reauthorizationRequired", true);
        assertThat((String) connection.get("reason")).contains("refresh token");
        assertThat((String) connection.get("connectUrl")).endsWith("/connect");
        assertThat((String) status.get("linkedInError")).contains("re-authorization required");
        assertThat(status.get("owners")).isNull();
        assertThat(status.get("forms")).isNull();
        assertThat((Map<String, Object>) status.get("deadLetters")).containsEntry("database", 0);
    }

    private Map<String, Object> status() throws Exception {
        return LeadSyncApp.json(app.call("GET", "/api/status"));
    }

    private int subscriptionCount() throws Exception {
        Map<String, Object> webhook = (Map<String, Object>) status().get("webhook");
        List<?> subscriptions = (List<?>) webhook.get("subscriptions");
        return subscriptions == null ? 0 : subscriptions.size();
    }

    private static long formLeads(Map<String, Object> status, long formId) {
        List<Map<String, Object>> forms = (List<Map<String, Object>>) status.get("forms");
        return forms == null ? -1 : forms.stream().filter(f -> ((Number) f.get("id")).longValue() == formId)
                .mapToLong(f -> ((Number) f.get("leads")).longValue()).findFirst().orElse(-1);
    }
}
