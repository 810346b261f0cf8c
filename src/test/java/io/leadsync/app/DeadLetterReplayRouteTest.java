package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A lead the database refuses is kept with its reason and stored by the replay once the cause is gone (LGF-112). */
class DeadLetterReplayRouteTest extends LeadSyncAppTestSupport {

    private static final long WHITEPAPER_FORM = 7234246L;


    @Test
    void refusedLeadWaitsWithItsReasonAndTheReplayStoresIt() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml", "replay.yaml"), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> app.leadTables().contains("leads_form_7234246"));
        // the lead below reaches the app by push (the poll waits an hour): LinkedIn must hold the subscription first;
        // the table alone only says the back-fill ran, registration goes on in the background
        await().atMost(Duration.ofSeconds(60)).until(() -> app.subscribed("urn:li:sponsoredAccount:507857085", "SPONSORED"));
        // the database now refuses every lead submitted from now on, as a constraint a DBA added by mistake would
        // (the back-fill, still running, only brings older leads, which it accepts)
        String now = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        execute("ALTER TABLE leads_form_7234246 ADD CONSTRAINT no_new_leads CHECK (submitted_at < TIMESTAMP '" + now + "')");

        String leadId = app.sandbox().submitLeads(WHITEPAPER_FORM, 1, true).get(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM lead_dead_letters WHERE lead_id = '" + leadId + "'") == 1);
        assertThat(text("SELECT reason FROM lead_dead_letters WHERE lead_id = '" + leadId + "'")).containsIgnoringCase("no_new_leads");
        assertThat(count("SELECT COUNT(*) FROM leads_form_7234246 WHERE lead_id = '" + leadId + "'")).isZero();

        HttpResponse<String> stillRefused = app.call("POST", "/api/dead-letters/replay");
        assertThat(LeadSyncApp.json(stillRefused)).containsEntry("replayed", 1).containsEntry("stored", 0).containsEntry("deadLetters", 1);

        execute("ALTER TABLE leads_form_7234246 DROP CONSTRAINT no_new_leads");
        HttpResponse<String> replay = app.call("POST", "/api/dead-letters/replay");

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(LeadSyncApp.json(replay)).containsEntry("replayed", 1).containsEntry("stored", 1).containsEntry("deadLetters", 0)
                .containsEntry("stillFailing", List.of());
        assertThat(count("SELECT COUNT(*) FROM leads_form_7234246 WHERE lead_id = '" + leadId + "' AND test_lead = TRUE")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM lead_dead_letters")).isZero();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws Exception {
        try (Connection c = app.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
