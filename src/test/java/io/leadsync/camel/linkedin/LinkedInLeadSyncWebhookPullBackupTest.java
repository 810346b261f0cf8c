package io.leadsync.camel.linkedin;

import java.time.Duration;
import java.util.List;
import java.util.Set;
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
        // only once stored: the test waits on these ids and then counts the rows
        leads.stream().filter(l -> Long.valueOf(WHITEPAPER_FORM).equals(l.formId())).forEach(l -> whitepaperIds.add(l.id()));
    }

    @Test
    void droppedWebhooksAreRecoveredByThePollAndEveryLeadLandsOnce() throws Exception {
        awaitRegistered(context);
        sandbox.faults().dropWebhookRate(0.5);
        List<String> ids = sandbox.submitLeads(WHITEPAPER_FORM, 20, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(whitepaperIds).containsAll(ids));
        assertThat(sandbox.stats().webhooks().dropped()).isPositive();
        assertThat(store.count(WHITEPAPER_FORM)).as("pushed and polled copies of a lead are one row").isEqualTo(whitepaperIds.size());
        sandbox.faults().clear();
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pullbackup;DB_CLOSE_DELAY=-1");
        return ds;
    }
}
