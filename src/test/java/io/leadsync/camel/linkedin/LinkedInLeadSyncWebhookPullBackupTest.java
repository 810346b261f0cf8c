package io.leadsync.camel.linkedin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.store.JdbcLeadStore;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Push with pull backup (LGF-201): the sandbox drops some webhooks, a slow poll of the same owner recovers them, and
 * both routes write into one JdbcLeadStore, so every lead lands exactly once.
 */
class LinkedInLeadSyncWebhookPullBackupTest extends LinkedInLeadSyncWebhookTestSupport {

    private final DataSource dataSource = h2();
    /** Whitepaper leads whose upsert has returned: recorded after the write, never before it. */
    private final Set<String> whitepaperIds = ConcurrentHashMap.newKeySet();
    private JdbcLeadStore store;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, "/linkedin/leads", "owners=" + ACCOUNT + "&leadTypes=SPONSORED&unregisterOnStop=true"))
                        .routeId("push").process(e -> store(e.getMessage().getBody(List.class)));
                from("linkedin-leadsync:leads?owners=" + ACCOUNT + "&leadTypes=SPONSORED&initialDelay=3000&delay=2000&backfillDays=1&visibilityLag=0")
                        .routeId("pull").process(e -> store(e.getMessage().getBody(List.class)));
            }
        };
    }

    private synchronized void store(List<?> body) {
        if (store == null) {
            LinkedInLeadSyncEndpoint endpoint = context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance)
                    .map(LinkedInLeadSyncEndpoint.class::cast).findFirst().orElseThrow();
            store = new JdbcLeadStore(dataSource, urn -> endpoint.getLeadContext().formVersion(urn));
        }
        List<Lead> leads = body.stream().map(Lead.class::cast).toList();
        store.upsert(leads);
        leads.stream().filter(l -> Long.valueOf(WHITEPAPER_FORM).equals(l.formId())).forEach(l -> whitepaperIds.add(l.id()));
    }

    /**
     * Rows per lead id in the whitepaper form's table, as the database holds them. Read under the lock the routes write
     * under, so no upsert is half done; empty while no whitepaper lead was stored (no table yet).
     */
    private synchronized Map<String, Long> whitepaperRows() throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        if (whitepaperIds.isEmpty()) {
            return rows;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT lead_id, COUNT(*) FROM " + store.table(WHITEPAPER_FORM).tableName()
                     + " GROUP BY lead_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }

    @Test
    void droppedWebhooksAreRecoveredByThePollAndEveryLeadLandsOnce() throws Exception {
        awaitRegistered(context);
        sandbox.faults().dropWebhookRate(0.5);
        List<String> ids = sandbox.submitLeads(WHITEPAPER_FORM, 20, true);
        try {
            // wait for the rows themselves, not for the routes to have seen the leads
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(whitepaperRows()).containsKeys(ids.toArray(String[]::new)));
            assertThat(sandbox.stats().webhooks().dropped()).isPositive();
            Map<String, Long> rows;
            long count;
            Set<String> stored;
            synchronized (this) {
                rows = whitepaperRows();
                count = store.count(WHITEPAPER_FORM);
                stored = Set.copyOf(whitepaperIds);
            }
            assertThat(rows).as("pushed and polled copies of a lead are one row").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(count).isEqualTo(stored.size());
        } finally {
            sandbox.faults().clear();
        }
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pullbackup;DB_CLOSE_DELAY=-1");
        return ds;
    }
}
