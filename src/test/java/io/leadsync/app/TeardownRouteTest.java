package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.access.AccessCheck;
import io.leadsync.camel.linkedin.model.LeadNotification;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/** routes/teardown.yaml (LGF-110/111): POST /api/teardown and POST /api/setup against the sandbox. */
@SuppressWarnings("unchecked")
class TeardownRouteTest extends LeadSyncAppTestSupport {

    /** The sandbox's member can read SPONSORED leads of one ad account and three lead types of each of two pages. */
    private static final int SEEDED_STREAMS = 7;
    /** The seeded world's forms: the start-up forms sync (on the leader) gives each its table. */
    private static final int FORMS = 5;



    @Test
    void teardownDeletesTheWebhookSubscriptionsStopsTheLeadRoutesAndDropsTheTablesAndSetupRestoresThem() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml", "forms.yaml", "teardown.yaml"), Map.of());
        String webhook = app.baseUrl() + "/linkedin/leads";
        // registration runs in the background, one owner and lead type after the other: wait for all of them
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriptions(webhook).size() == SEEDED_STREAMS
                && app.leadTables().size() == FORMS);
        List<Long> registered = subscriptions(webhook).stream().map(LeadNotification::id).sorted().toList();
        List<String> tables = app.leadTables();
        app.sandbox().resetStats();

        HttpResponse<String> teardown = app.call("POST", "/api/teardown?dropTables=true");

        assertThat(teardown.statusCode()).isEqualTo(200);
        assertThat(teardown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> done = LeadSyncApp.json(teardown);
        assertThat((List<String>) done.get("routesStopped")).containsExactly("leads-push", "leads-pull");
        assertThat(((List<Number>) done.get("subscriptionsDeleted")).stream().map(Number::longValue).sorted().toList())
                .isEqualTo(registered);
        assertThat((List<String>) done.get("tablesDropped")).containsExactlyInAnyOrderElementsOf(tables);
        assertThat(app.sandbox().stats().calls("DELETE leadNotifications", 204)).isEqualTo(registered.size());
        assertThat(subscriptions(webhook)).isEmpty();
        assertThat(app.leadTables()).isEmpty();
        assertThat(app.camel().getRouteController().getRouteStatus("leads-push")).isEqualTo(ServiceStatus.Stopped);
        assertThat(app.camel().getRouteController().getRouteStatus("leads-pull")).isEqualTo(ServiceStatus.Stopped);
        // the webhook path is closed while torn down
        assertThat(app.call("POST", "/linkedin/leads").statusCode()).isEqualTo(404);

        HttpResponse<String> setup = app.call("POST", "/api/setup");

        assertThat(setup.statusCode()).isEqualTo(200);
        Map<String, Object> started = LeadSyncApp.json(setup);
        assertThat((List<String>) started.get("routesStarted")).containsExactly("leads-push", "leads-pull");
        // a single replica is its cluster's leader: nothing is left to another one
        assertThat((List<String>) started.get("routesLeftToLeader")).isEmpty();
        assertThat(started).containsEntry("webhookRegistration", "started");
        assertThat((String) started.get("formTables")).contains("'Northwind whitepaper Q1' → table leads_form_7234246 (created)");
        assertThat(app.leadTables()).containsExactlyElementsOf(tables);
        assertThat(app.camel().getRouteController().getRouteStatus("leads-push")).isEqualTo(ServiceStatus.Started);
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriptions(webhook).size() == registered.size());
    }

    @Test
    void teardownWithoutDropTablesKeepsTheTablesAndTheirLeads() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml", "forms.yaml", "teardown.yaml"), Map.of());
        String webhook = app.baseUrl() + "/linkedin/leads";
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriptions(webhook).size() == SEEDED_STREAMS
                && app.leadTables().size() == FORMS);
        List<String> tables = app.leadTables();

        Map<String, Object> done = LeadSyncApp.json(app.call("POST", "/api/teardown"));

        assertThat((List<String>) done.get("tablesDropped")).isEmpty();
        assertThat((List<Number>) done.get("subscriptionsDeleted")).isNotEmpty();
        assertThat(app.leadTables()).isEqualTo(tables);
        assertThat(subscriptions(webhook)).isEmpty();
        assertThat(app.call("GET", "/api/teardown").statusCode()).isEqualTo(405);
    }

    /** This app's subscriptions, as LinkedIn lists them for the owners the member can read. */
    private List<LeadNotification> subscriptions(String webhook) {
        ProducerTemplate camel = app.camel().createProducerTemplate();
        List<AccessCheck> checks = camel.requestBody("linkedin-leadsync:accounts?operation=checkAccess", null, List.class);
        List<LeadNotification> all = camel.requestBodyAndHeader("linkedin-leadsync:notifications?operation=listNotifications", null,
                LinkedInLeadSyncConstants.OWNER, AccessibleOwners.of(checks), List.class);
        return all.stream().filter(n -> webhook.equals(n.webhook())).toList();
    }
}
