package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /observe/metrics of the app as shipped (application.properties' camel.metrics.* and camel.main.jmx* settings): the
 * leadsync.* meters after leads were pulled, pushed, withdrawn, throttled and a forged delivery refused; the JVM and
 * process meters; Camel's MBeans; and every metric the Grafana dashboard queries.
 */
class MetricsEndpointTest {

    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final long WHITEPAPER_FORM = 7234246L;

    @TempDir
    static Path dataDir;

    private static LeadSyncApp app;
    private static int managementPort;
    private static PrometheusScrape scrape;
    private static PrometheusScrape beforeForgery;
    private static int forgedStatus;
    private static int challengeStatus;
    private static List<String> leadIds;

    @BeforeAll
    static void leadsFlowThenScrape() throws Exception {
        managementPort = freePort();
        Map<String, String> settings = shippedMetricsSettings();
        settings.put("camel.management.port", Integer.toString(managementPort));
        settings.put("leadsync.demo.enabled", "false");
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml"), settings);
        LinkedInSandbox sandbox = app.sandbox();
        ScheduledPollConsumer poller = (ScheduledPollConsumer) await().atMost(Duration.ofSeconds(60))
                .until(() -> app.camel().getRoute("leads-pull"), r -> r != null).getConsumer();
        await().atMost(Duration.ofSeconds(90)).until(() -> poller.getSuccessCounter() > 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.subscribed(ACCOUNT, "SPONSORED"));

        List<String> pushed = sandbox.submitLeads(WHITEPAPER_FORM, 2, true);
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().sum("leadsync_leads_stored_total", Map.of("source", "push")) == 2);
        sandbox.deleteLead(pushed.get(0));
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().sum("leadsync_leads_withdrawn_total", Map.of("source", "push")) == 1);
        // the next call to LinkedIn is answered 429 once (the fetch of this lead); the retry gets it
        sandbox.faults().retryAfterSeconds(0).throttleCount(1);
        leadIds = new java.util.ArrayList<>(pushed);
        leadIds.addAll(sandbox.submitLeads(WHITEPAPER_FORM, 1, true));
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().sum("leadsync_leads_stored_total", Map.of("source", "push")) == 3);

        beforeForgery = scrape();
        HttpClient http = HttpClient.newHttpClient();
        forgedStatus = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/linkedin/leads"))
                .header("Content-Type", "application/json").header("X-LI-Signature", "hmacsha256=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("{\"leadGenFormResponse\":\"forged\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
        challengeStatus = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                        + "/linkedin/leads?challengeCode=7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
        scrape = scrape();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void leadsStoredUpdatedAndWithdrawnByOwnerLeadTypeFormAndSource() {
        Map<String, String> pushedToWhitepaper = Map.of("owner", ACCOUNT, "lead_type", "SPONSORED", "form", Long.toString(WHITEPAPER_FORM),
                "source", "push");
        assertThat(scrape.value("leadsync_leads_stored_total", pushedToWhitepaper)).isEqualTo(3);
        assertThat(scrape.value("leadsync_leads_withdrawn_total", pushedToWhitepaper)).isEqualTo(1);
        // the back-fill stored the sandbox's older leads
        assertThat(scrape.sum("leadsync_leads_stored_total", Map.of("source", "poll"))).isPositive();
        assertThat(scrape.find("leadsync_leads_stored_total", Map.of())).allSatisfy(s ->
                assertThat(s.labels().keySet()).containsExactlyInAnyOrder("owner", "lead_type", "form", "source"));
    }

    @Test
    void webhookDeliveriesByOutcome() {
        assertThat(forgedStatus).isEqualTo(401);
        assertThat(challengeStatus).isEqualTo(200);
        assertThat(scrape.value("leadsync_webhook_deliveries_total", Map.of("outcome", "bad_signature"))).isEqualTo(1);
        // LinkedIn challenged the webhook when the app subscribed; this test sent one more
        assertThat(scrape.value("leadsync_webhook_deliveries_total", Map.of("outcome", "challenge"))
                - beforeForgery.value("leadsync_webhook_deliveries_total", Map.of("outcome", "challenge"))).isEqualTo(1);
        // three CREATED pushes and one DELETED, each committed to the inbox (LinkedIn may deliver a notification twice)
        assertThat(scrape.value("leadsync_webhook_deliveries_total", Map.of("outcome", "accepted"))).isGreaterThanOrEqualTo(4);
        assertThat(scrape.find("leadsync_webhook_deliveries_total", Map.of("outcome", "failed"))).isEmpty();
    }

    @Test
    void linkedInCallsByResourceAndStatusAndTheThrottle() {
        assertThat(scrape.value("leadsync_linkedin_calls_seconds_count", Map.of("resource", "leadFormResponses", "method", "GET", "status", "200")))
                .isPositive();
        assertThat(scrape.sum("leadsync_linkedin_calls_seconds_count", Map.of("status", "429"))).isEqualTo(1);
        assertThat(scrape.sum("leadsync_linkedin_throttled_total", Map.of("limit", "throttle"))).isEqualTo(1);
        assertThat(scrape.find("leadsync_linkedin_throttled_total", Map.of("limit", "daily_quota"))).isEmpty();
        // a resource tag names LinkedIn's resources, never a record: no digits, no escapes
        assertThat(scrape.find("leadsync_linkedin_calls_seconds_count", Map.of())).allSatisfy(s ->
                assertThat(s.labels().get("resource")).matches("[A-Za-z]+(/[A-Za-z]+)*"));
    }

    @Test
    void pollLagAndQuotaPausePerStream() {
        double lag = scrape.value("leadsync_poll_lag_seconds", Map.of("route", "leads-pull", "owner", ACCOUNT, "lead_type", "SPONSORED"));
        // the watermark trails the clock by at least the visibility lag (10 s in sandbox mode), and never leads it
        assertThat(lag).isGreaterThanOrEqualTo(10).isLessThan(Duration.ofDays(1).toSeconds());
        assertThat(scrape.value("leadsync_poll_quota_paused", Map.of("route", "leads-pull"))).isZero();
        assertThat(scrape.value("leadsync_poll_quota_paused_until_seconds", Map.of("route", "leads-pull"))).isZero();
    }

    @Test
    void inboxDeadLettersAndTokens() {
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("leadsync_webhook_inbox_depth", Map.of()) == 0);
        assertThat(scrape.value("leadsync_webhook_inbox_oldest_age_seconds", Map.of())).isNotNegative();
        assertThat(scrape.value("leadsync_dead_letters", Map.of("sink", "database"))).isZero();
        assertThat(scrape.value("leadsync_dead_letters", Map.of("sink", "salesforce"))).isZero();
        // the sandbox grants 60 days on the access token and 365 on the refresh token
        assertThat(scrape.value("leadsync_token_days_left", Map.of("token", "access"))).isBetween(59.0, 60.0);
        assertThat(scrape.value("leadsync_token_days_left", Map.of("token", "refresh"))).isBetween(364.0, 365.0);
    }

    @Test
    void noLabelHoldsALeadIdOrAToken() throws Exception {
        String text = fetchMetrics();
        assertThat(leadIds).hasSize(3).allSatisfy(id -> assertThat(text).doesNotContain(id));
        assertThat(text).doesNotContain(app.storedToken().accessToken()).doesNotContain(app.storedToken().refreshToken());
    }

    @Test
    void jvmAndProcessMeters() {
        // jvm_gc_pause_* appears only after a first collection, which a short test may not see: the GC binder's
        // always-present meters prove it is bound
        assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "jvm_info", "process_cpu_usage", "system_cpu_usage", "process_uptime_seconds",
                "process_files_open_files");
        // whichever collector the JVM picked on this machine
        assertThat(scrape.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        // Camel's own route meters are still there
        assertThat(scrape.names()).anyMatch(n -> n.startsWith("camel_exchanges"));
    }

    @Test
    void camelMBeansInThePlatformMBeanServer() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String context = app.camel().getManagementName();
        assertThat(server.queryNames(new ObjectName("org.apache.camel:context=" + context + ",type=context,*"), null)).hasSize(1);
        Set<ObjectName> routes = server.queryNames(new ObjectName("org.apache.camel:context=" + context + ",type=routes,*"), null);
        assertThat(routes).extracting(n -> n.getKeyProperty("name")).contains("\"leads-pull\"", "\"leads-push\"", "\"store-leads\"");
        ObjectName pull = new ObjectName("org.apache.camel:context=" + context + ",type=routes,name=\"leads-pull\"");
        assertThat(server.getAttribute(pull, "State")).isEqualTo("Started");
        assertThat((Long) server.getAttribute(pull, "ExchangesTotal")).isPositive();
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsServed() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("docs/grafana-leadsync.json")));
        assertThat(dashboard.path("templating").path("list").findValuesAsText("type")).contains("datasource");
        Set<String> queried = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:leadsync|jvm|process|system|camel)_[a-z0-9_]+)");
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = metric.matcher(expr.asText());
            while (m.find()) {
                queried.add(m.group(1));
            }
        }
        assertThat(queried).as("the dashboard queries each leadsync meter").contains("leadsync_leads_stored_total",
                "leadsync_leads_updated_total", "leadsync_leads_withdrawn_total", "leadsync_webhook_deliveries_total",
                "leadsync_linkedin_calls_seconds_count", "leadsync_linkedin_throttled_total", "leadsync_poll_quota_paused",
                "leadsync_poll_quota_paused_until_seconds", "leadsync_poll_lag_seconds", "leadsync_webhook_inbox_depth",
                "leadsync_webhook_inbox_oldest_age_seconds", "leadsync_dead_letters", "leadsync_token_days_left");
        // counters that have not counted yet are absent; the rest must be there under the names the panels use
        Set<String> notYetCounted = Set.of("leadsync_leads_updated_total");
        queried.removeAll(notYetCounted);
        assertThat(scrape.names()).containsAll(queried);
    }

    private static PrometheusScrape scrape() throws Exception {
        return PrometheusScrape.parse(fetchMetrics());
    }

    private static String fetchMetrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** application.properties' management, metrics and JMX settings: the test checks what ships. */
    private static Map<String, String> shippedMetricsSettings() {
        Properties shipped = LeadSyncSettings.load(Path.of("")).properties();
        Map<String, String> settings = new HashMap<>();
        for (String key : shipped.stringPropertyNames()) {
            if (key.startsWith("camel.metrics.") || key.startsWith("camel.management.") || key.startsWith("camel.main.jmx")) {
                settings.put(key, shipped.getProperty(key).trim());
            }
        }
        assertThat(settings).containsEntry("camel.metrics.enabled", "true").containsKey("camel.metrics.binders");
        return settings;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
