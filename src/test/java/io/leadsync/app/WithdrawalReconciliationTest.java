package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A withdrawal whose DELETED push was lost (issue 9 §4): LinkedIn's finder just stops returning the lead, so only the
 * reconciliation sweep finds it; it deletes the row through the same route as a push would, and the lead never comes
 * back. Before the sweep existed the row stayed for good (the chaos run's "withdrawn but present").
 */
class WithdrawalReconciliationTest extends LeadSyncAppTestSupport {

    @Test
    void aWithdrawalWhosePushWasLostIsFoundBySweepAndDeleted() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml", "reconcile.yaml"), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> app.leadTables().contains("leads_form_7234246") && storedIds().size() >= 20
                && app.camel().getInflightRepository().size("leads-pull") == 0);
        List<String> withdrawn = storedIds().subList(0, 3);
        long live = liveLedgerRows();

        // LinkedIn's DELETED pushes never arrive
        app.sandbox().faults().dropWebhookRate(1.0);
        long dropped = app.sandbox().stats().webhooks().dropped();
        withdrawn.forEach(app.sandbox()::deleteLead);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.sandbox().stats().webhooks().dropped() >= dropped + 3);
        assertThat(storedIds()).as("nobody told the app").containsAll(withdrawn);
        app.sandbox().resetStats();

        HttpResponse<String> sweep = app.call("POST", "/api/reconcile");

        assertThat(sweep.statusCode()).isEqualTo(200);
        assertThat(LeadSyncApp.json(sweep)).containsEntry("withdrawn", 3);
        assertThat(storedIds()).doesNotContainAnyElementsOf(withdrawn);
        assertThat(ledgerStates(withdrawn)).containsOnly("WITHDRAWN");
        assertThat(app.sandbox().stats().calls("BATCH_GET leadFormResponses")).as("one call per 100 live leads")
                .isEqualTo((live + 99) / 100);
        // a second sweep finds nothing more
        assertThat(LeadSyncApp.json(app.call("POST", "/api/reconcile"))).containsEntry("withdrawn", 0);
    }

    @Test
    void theSweepNeedsTheOperatorsCredentials() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml", "reconcile.yaml"), Map.of());
        assertThat(app.callAnonymously("POST", "/api/reconcile").statusCode()).isEqualTo(401);
    }

    private List<String> storedIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT lead_id FROM leads_form_7234246 ORDER BY lead_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private long liveLedgerRows() throws Exception {
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM lead_ledger WHERE state = 'LIVE'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> ledgerStates(List<String> ids) throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String id : ids) {
                try (ResultSet rs = s.executeQuery("SELECT state FROM lead_ledger WHERE lead_id = '" + id + "'")) {
                    states.add(rs.next() ? rs.getString(1) : "none");
                }
            }
        }
        return states;
    }
}
