package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end proof (issue 4 §6, LGF-109) on one database: the integration as shipped (every routes/*.yaml file,
 * application.properties with only ports, data directory, database and sandbox size changed) back-fills every
 * form's leads into its table; then a LinkedIn test lead, an event registration and a company-page lead are pushed
 * by the webhook into their tables within seconds, each column equal to what LinkedIn says about the lead; a
 * withdrawn lead loses its row, stays withdrawn in the ledger, and a later poll does not bring it back.
 */
abstract class AbstractLeadSyncEndToEndTest {

    static final long SPONSORED_FORM = 7234246L;
    static final long EVENT_FORM = 7234300L;
    static final String COMPANY_PAGE = "urn:li:organization:2414183";
    /** What the connector adds beside LinkedIn's data: checked separately. */
    private static final Set<String> BOOKKEEPING_COLUMNS = Set.of("field_errors", "raw_json", "synced_at");

    @TempDir
    Path dataDir;

    private LeadSyncApp app;

    /** The database settings ({@code leadsync.datasource.url} and its user), for a data directory. */
    protected abstract Map<String, String> database(Path dataDir);

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void leadsArriveInTheirFormTablesWithEveryFieldAndAWithdrawnLeadStaysGone() throws Exception {
        Map<String, String> settings = shippedSettings();
        settings.putAll(database(dataDir));
        settings.put("camel.management.port", Integer.toString(freePort()));
        settings.put("leadsync.sandbox.leads", "150");
        // the demo's own leads would change the counts this test checks
        settings.put("leadsync.demo.enabled", "false");
        app = LeadSyncApp.start(dataDir, List.of(), settings);
        LinkedInSandbox sandbox = app.sandbox();
        // the supervising route controller adds the routes one by one after the context started
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(app.camel().getRoutes()).extracting(r -> r.getRouteId())
                .contains("leads-pull", "leads-push", "store-leads", "forms-sync", "heartbeat", "status", "oauth-connect", "teardown"));
        assertThat(app.camel().getRoutes()).extracting(r -> r.getRouteId()).doesNotContain("demo", "leads-to-salesforce", "audience-table");

        // back-fill: every form's table holds as many rows as LinkedIn has leads on the form in the last 365 days
        LinkedInApi linkedIn = linkedIn(sandbox);
        Map<Long, Long> leadsPerForm = leadsPerForm(linkedIn, sandbox.world());
        assertThat(leadsPerForm).hasSize(5);
        assertThat(leadsPerForm.values().stream().mapToLong(Long::longValue).sum()).isBetween(100L, 150L);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(rowsPerForm(leadsPerForm.keySet())).isEqualTo(leadsPerForm));
        awaitWebhookSubscribed();

        JsonNode world = sandbox.world();
        long companyForm = companyPageForm(world);
        sandbox.resetStats();
        String testLead = sandbox.submitLeads(SPONSORED_FORM, 1, true).get(0);
        String registration = sandbox.submitLeads(EVENT_FORM, 1, false).get(0);
        String companyLead = sandbox.submitLeads(companyForm, 1, false).get(0);

        // the poll waits a minute (leadsync.poll.delay): rows within seconds came through the webhook
        await().atMost(Duration.ofSeconds(60)).until(() -> row(SPONSORED_FORM, testLead) != null
                && row(EVENT_FORM, registration) != null && row(companyForm, companyLead) != null);
        assertThat(sandbox.stats().calls("FINDER leadFormResponses")).as("lead finder calls (polls) since the submissions").isZero();
        // the sandbox counts a delivery once the app has answered it, after the row was written
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() >= 3);

        assertRowIsTheLead(linkedIn, world, SPONSORED_FORM, testLead);
        assertRowIsTheLead(linkedIn, world, EVENT_FORM, registration);
        assertRowIsTheLead(linkedIn, world, companyForm, companyLead);
        assertThat(row(SPONSORED_FORM, testLead)).containsEntry("test_lead", true).containsEntry("form_name", "Northwind whitepaper Q1")
                .containsEntry("account_name", "Northwind Ads").extractingByKey("campaign_name").isNotNull();
        assertThat(row(EVENT_FORM, registration)).containsEntry("lead_type", "EVENT").containsEntry("test_lead", false)
                .containsEntry("organization_name", "Northwind Traders").extractingByKey("event_name").isNotNull();
        assertThat(row(companyForm, companyLead)).containsEntry("lead_type", "COMPANY").containsEntry("organization_id", "2414183");

        // the member cancels the event registration: LinkedIn pushes DELETED
        sandbox.deleteLead(registration);

        await().atMost(Duration.ofSeconds(60)).until(() -> row(EVENT_FORM, registration) == null);
        assertThat(tombstone(registration)).isEqualTo(EVENT_FORM);
        assertThat(row(SPONSORED_FORM, testLead)).isNotNull();
        assertThat(row(companyForm, companyLead)).isNotNull();

        // a later poll reads the form's leads again (overlap included) and leaves the withdrawn one out
        Map<Long, Long> before = rowsPerForm(leadsPerForm.keySet());
        sandbox.resetStats();
        app.camel().getRouteController().stopRoute("leads-pull");
        app.camel().getRouteController().startRoute("leads-pull");
        // the restarted route's first poll is complete (every page of it stored) once its scheduler counts a success
        ScheduledPollConsumer poller = (ScheduledPollConsumer) app.camel().getRoute("leads-pull").getConsumer();
        await().atMost(Duration.ofSeconds(60)).until(() -> poller.getSuccessCounter() > 0);
        assertThat(sandbox.stats().calls("FINDER leadFormResponses", 200)).isPositive();
        assertThat(row(EVENT_FORM, registration)).isNull();
        assertThat(rowsPerForm(leadsPerForm.keySet())).isEqualTo(before);
        assertThat(before).containsEntry(SPONSORED_FORM, leadsPerForm.get(SPONSORED_FORM) + 1)
                .containsEntry(EVENT_FORM, leadsPerForm.get(EVENT_FORM)).containsEntry(companyForm, leadsPerForm.get(companyForm) + 1);
    }

    private void assertRowIsTheLead(LinkedInApi linkedIn, JsonNode world, long formId, String leadId) throws SQLException {
        Map<String, Object> expected = ExpectedLeadRow.of(linkedIn, world, leadId);
        Map<String, Object> row = row(formId, leadId);
        assertThat(row).as("table leads_form_%d has a column for every field of lead %s", formId, leadId).containsKeys(expected.keySet().toArray(String[]::new));
        // columns of the form's older versions stay empty for a lead on the current one
        Map<String, Object> fields = new TreeMap<>();
        Map<String, Object> wanted = new TreeMap<>();
        row.forEach((column, value) -> {
            if (!BOOKKEEPING_COLUMNS.contains(column)) {
                fields.put(column, value);
                wanted.put(column, expected.get(column));
            }
        });
        assertThat(fields).as("lead %s in leads_form_%d", leadId, formId).isEqualTo(wanted);
        assertThat(expected.entrySet().stream().filter(e -> e.getKey().startsWith("consent_") || !isMeta(e.getKey()))
                .filter(e -> e.getValue() != null).count()).as("answers, hidden fields and consents of lead %s", leadId).isGreaterThanOrEqualTo(3);
        assertThat(row.get("field_errors")).isNull();
        assertThat(row.get("synced_at")).isNotNull();
        LeadFormResponse raw = LinkedInJson.read(((String) row.get("raw_json")).getBytes(java.nio.charset.StandardCharsets.UTF_8), LeadFormResponse.class);
        LeadFormResponse served = linkedIn.leadFormResponse(leadId);
        assertThat(raw.id()).isEqualTo(leadId);
        assertThat(raw.formResponse()).isEqualTo(served.formResponse());
    }

    private static boolean isMeta(String column) {
        return List.of("lead_id", "lead_type", "form_id", "form_version", "form_name", "submitted_at", "test_lead", "submitter",
                "account_id", "account_name", "campaign_id", "campaign_name", "creative_id", "event_id", "event_name",
                "organization_id", "organization_name").contains(column);
    }

    /** application.properties as shipped, without what this test changes (ports, data directory, sandbox size). */
    private static Map<String, String> shippedSettings() {
        Properties shipped = LeadSyncSettings.load(Path.of("")).properties();
        assertThat(shipped.getProperty("camel.main.routesIncludePattern")).isEqualTo("file:routes/*.yaml");
        Map<String, String> settings = new HashMap<>();
        for (String key : shipped.stringPropertyNames()) {
            settings.put(key, shipped.getProperty(key).trim());
        }
        for (String changed : List.of("leadsync.data-dir", "camel.server.port", "camel.management.port", "leadsync.webhook.external-url",
                "leadsync.sandbox.port", "leadsync.sandbox.leads")) {
            settings.remove(changed);
        }
        return settings;
    }

    /**
     * Per form of the world, the leads LinkedIn serves that were submitted within the back-fill's reach (the sandbox
     * seeds 400 days of leads; LinkedIn keeps 365 and so does the first poll).
     */
    private static Map<Long, Long> leadsPerForm(LinkedInApi linkedIn, JsonNode world) {
        long now = System.currentTimeMillis();
        long since = now - Duration.ofDays(365).toMillis();
        Map<Long, Long> counts = new TreeMap<>();
        for (JsonNode form : world.withArray("forms")) {
            long formId = form.get("id").asLong();
            JsonNode owner = form.get("owner");
            LeadOwner leadOwner = LeadOwner.of(owner.has("sponsoredAccount") ? owner.get("sponsoredAccount").asText() : owner.get("organization").asText());
            LeadFormResponseQuery query = LeadFormResponseQuery.of(leadOwner, LeadType.valueOf(form.get("leadType").asText()))
                    .withSubmittedAtTimeRange(since, now + 1);
            counts.put(formId, linkedIn.leadFormResponses(query).filter(l -> l.versionedForm().formId() == formId).count());
        }
        return counts;
    }

    private static long companyPageForm(JsonNode world) {
        for (JsonNode form : world.withArray("forms")) {
            if ("COMPANY".equals(form.path("leadType").asText()) && COMPANY_PAGE.equals(form.path("owner").path("organization").asText())) {
                return form.get("id").asLong();
            }
        }
        throw new AssertionError("The sandbox has no COMPANY form of " + COMPANY_PAGE);
    }

    /** Until LinkedIn has validated this app's webhook for sponsored, event and company-page leads. */
    private void awaitWebhookSubscribed() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> subscriptions().containsAll(List.of(
                "urn:li:sponsoredAccount:507857085 SPONSORED", COMPANY_PAGE + " EVENT", COMPANY_PAGE + " COMPANY")));
    }

    /** This app's lead-notification subscriptions as /api/status lists them: "owner leadType". */
    @SuppressWarnings("unchecked")
    private List<String> subscriptions() throws Exception {
        Map<String, Object> webhook = (Map<String, Object>) LeadSyncApp.json(app.call("GET", "/api/status")).get("webhook");
        List<Map<String, Object>> subscriptions = webhook == null ? null : (List<Map<String, Object>>) webhook.get("subscriptions");
        return subscriptions == null ? List.of() : subscriptions.stream().map(s -> s.get("owner") + " " + s.get("leadType")).toList();
    }

    private Map<Long, Long> rowsPerForm(Set<Long> formIds) throws SQLException {
        Map<Long, Long> counts = new TreeMap<>();
        try (Connection c = app.dataSource().getConnection()) {
            for (long formId : formIds) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM leads_form_" + formId);
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    counts.put(formId, rs.getLong(1));
                } catch (SQLException e) {
                    // the table is not there yet
                    counts.put(formId, -1L);
                }
            }
        }
        return counts;
    }

    // unquoted: the store creates its names in the case each database folds unquoted names to
    /** The lead's row, column name (lower case) → value, or {@code null} when the table has no such lead. */
    private Map<String, Object> row(long formId, String leadId) throws SQLException {
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM leads_form_" + formId + " WHERE lead_id = ?")) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof Timestamp timestamp) {
                        value = timestamp.toLocalDateTime();
                    } else if (value instanceof Clob clob) {
                        value = clob.getSubString(1, (int) clob.length());
                    } else if (value instanceof Integer number) {
                        value = number.longValue();
                    }
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                }
                return row;
            }
        }
    }

    /** The form id of the lead's withdrawal in the ledger, or {@code null} when it has none. */
    private Long tombstone(String leadId) throws SQLException {
        try (Connection c = app.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT form_id FROM lead_ledger WHERE lead_id = ? AND state = 'WITHDRAWN'")) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static LinkedInApi linkedIn(LinkedInSandbox sandbox) {
        return LinkedInApi.builder().tokenProvider(new StaticTokenProvider(sandbox.issueTokens().accessToken()))
                .settings(LinkedInApiSettings.builder().restBaseUrl(sandbox.restBaseUrl()).legacyBaseUrl(sandbox.legacyBaseUrl())
                        .oauthBaseUrl(sandbox.oauthBaseUrl()).build()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
