package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadsync.app.SandboxDemo.SubmittedLead;
import io.leadsync.testing.LogSnapshot;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** routes/demo.yaml (issue 4 §1): live sandbox leads arriving by push within seconds, and a withdrawal. */
class DemoRouteTest {

    @TempDir
    Path dataDir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger demoLog = (Logger) LoggerFactory.getLogger("io.leadsync.app.Demo");
    private LeadSyncApp app;

    @BeforeEach
    void listen() {
        log.start();
        demoLog.addAppender(log);
    }

    @AfterEach
    void stop() {
        demoLog.detachAppender(log);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void eachRoundSubmitsThreeLeadsThatArriveByPushAndTheSecondWithdrawsTheFirstEventRegistration() throws Exception {
        // the poll waits an hour (LeadSyncApp): rows come through the webhook
        app = LeadSyncApp.start(dataDir, List.of("demo.yaml", "leads-to-database.yaml", "forms.yaml"),
                Map.of("leadsync.demo.delay", "500", "leadsync.demo.interval", "1000", "leadsync.demo.rounds", "2"));
        SandboxDemo demo = app.camel().getRegistry().lookupByNameAndType("sandboxDemo", SandboxDemo.class);

        // the demo route starts once this app leads, plays its rounds and stops itself; "Stopped" alone is also the
        // state before the leader starts it
        await().atMost(Duration.ofSeconds(60)).until(() -> demo.finished() && demo.submittedLeads().size() == 6
                && app.camel().getRouteController().getRouteStatus("demo") == ServiceStatus.Stopped);

        List<SubmittedLead> leads = demo.submittedLeads();
        assertThat(leads).extracting(l -> l.submission().kind()).containsExactly("LinkedIn test lead", "event registration",
                "company-page lead", "LinkedIn test lead", "event registration", "company-page lead");
        assertThat(leads).extracting(l -> l.submission().formId()).containsExactly(7234246L, 7234300L, 7234310L, 7234246L, 7234300L, 7234310L);
        SubmittedLead cancelled = leads.get(1);
        List<SubmittedLead> kept = leads.stream().filter(l -> l != cancelled).toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (SubmittedLead lead : kept) {
                assertThat(rows(lead)).as("row of %s %s", lead.submission().kind(), lead.leadId()).isEqualTo(1);
            }
            assertThat(rows(cancelled)).isZero();
            assertThat(tombstoned(cancelled)).isTrue();
        });
        assertThat(testLead(leads.get(0))).isTrue();
        assertThat(testLead(leads.get(2))).isFalse();

        List<String> lines = LogSnapshot.of(log).stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).containsSubsequence(
                "Demo round 1 of 2",
                "Demo: LinkedIn test lead submitted on 'Northwind whitepaper Q1' (lead " + leads.get(0).leadId() + ")",
                "Demo: event registration submitted on 'Northwind Data Summit registration' (lead " + cancelled.leadId() + ")",
                "Demo: company-page lead submitted on 'Northwind newsletter' (lead " + leads.get(2).leadId() + ")",
                "Demo round 2 of 2",
                "Demo: event registration withdrawn on 'Northwind Data Summit registration' (lead " + cancelled.leadId()
                        + "): LinkedIn pushes DELETED",
                "Demo: finished after 2 rounds");
        assertThat(lines).noneMatch(l -> l.startsWith("Demo round not played"));
        // 6 CREATED and 1 DELETED notifications, each on the subscription of its owner and lead type
        // (the sandbox counts a delivery once the app has answered it, after the row was written)
        await().atMost(Duration.ofSeconds(60)).until(() -> app.sandbox().stats().webhooks().delivered() >= 7);
    }

    @Test
    void theDemoIsOffWhenDisabled() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("demo.yaml"), Map.of("leadsync.demo.enabled", "false"));

        assertThat(app.camel().getRoute("demo")).isNull();
        assertThat(app.camel().getRoute("demo-round")).isNull();
    }

    private long rows(SubmittedLead lead) throws SQLException {
        return query("SELECT COUNT(*) FROM leads_form_" + lead.submission().formId() + " WHERE lead_id = ?", lead.leadId());
    }

    private boolean tombstoned(SubmittedLead lead) throws SQLException {
        return query("SELECT COUNT(*) FROM lead_ledger WHERE lead_id = ? AND state = 'WITHDRAWN'", lead.leadId()) == 1;
    }

    private boolean testLead(SubmittedLead lead) throws SQLException {
        return query("SELECT COUNT(*) FROM leads_form_" + lead.submission().formId() + " WHERE lead_id = ? AND test_lead", lead.leadId()) == 1;
    }

    private long query(String sql, String leadId) throws SQLException {
        try (Connection c = app.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
