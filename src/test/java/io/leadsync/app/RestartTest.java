package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Run it twice (issue 8 §1): a second run on the same data folder meets the same sandbox world, so it needs no new
 * consent, reuses its webhook subscriptions, resumes from its watermarks, stores new leads by push, and no lead id
 * is handed out twice.
 */
class RestartTest extends LeadSyncAppTestSupport {

    private static final long WHITEPAPER_FORM = 7234246L;
    private static final long REGISTRATION_FORM = 7234300L;
    private static final List<String> ROUTES = List.of("leads-to-database.yaml", "forms.yaml");
    // the default H2 file database under the data folder, as the README's command uses it
    private static final Map<String, String> ON_DISK = Map.of("leadsync.datasource.url", "");

    @Test
    void aSecondRunContinuesTheSameLinkedInWithoutConsentDuplicatesOrCollisions() throws Exception {
        int port = LeadSyncApp.freePort();
        app = LeadSyncApp.start(dataDir, ROUTES, ON_DISK, port);
        // registration runs in the background, one owner and lead type after the other
        await().atMost(Duration.ofSeconds(60)).until(() -> app.webhookSubscriptions().size() == 7 && app.leadTables().contains("leads_form_7234300"));
        Set<Long> subscriptions = subscriptionIds();
        List<String> firstRun = new ArrayList<>(app.sandbox().submitLeads(WHITEPAPER_FORM, 2, true));
        firstRun.addAll(app.sandbox().submitLeads(REGISTRATION_FORM, 1, false));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedIds().containsAll(firstRun));
        Set<String> storedBefore = storedIds();
        app.close();
        app = null;

        app = LeadSyncApp.start(dataDir, ROUTES, ON_DISK, port);
        assertThat(app.storedToken()).as("the stored grant is the first run's").isNotNull();
        TokenManagerView tokens = new TokenManagerView(app);
        assertThat(tokens.connected()).as("connected without a new consent").isTrue();
        assertThat(app.sandbox().stats().calls("POST accessToken")).as("no new authorization-code exchange").isZero();
        List<String> secondRun = new ArrayList<>(app.sandbox().submitLeads(WHITEPAPER_FORM, 2, true));
        secondRun.addAll(app.sandbox().submitLeads(REGISTRATION_FORM, 1, false));
        await().atMost(Duration.ofSeconds(60)).until(() -> storedIds().containsAll(secondRun));

        assertThat(secondRun).as("lead ids never repeat across runs").doesNotContainAnyElementsOf(firstRun);
        await().atMost(Duration.ofSeconds(60)).until(() -> app.webhookSubscriptions().size() == 7);
        assertThat(subscriptionIds()).as("the first run's subscriptions are reused").isEqualTo(subscriptions);
        List<String> all = storedIdList();
        assertThat(all).as("no lead stored twice, in one table or across tables").doesNotHaveDuplicates();
        // the back-fill of the seeded leads may still be going on: what matters is that the first run's rows are all
        // there after the restart, not how many more the poll has added since
        assertThat(all).as("every row of the first run survived the restart").containsAll(storedBefore).containsAll(secondRun);
    }

    private Set<Long> subscriptionIds() {
        Set<Long> ids = new HashSet<>();
        app.webhookSubscriptions().forEach(n -> ids.add(n.id()));
        return ids;
    }

    private Set<String> storedIds() throws Exception {
        return new HashSet<>(storedIdList());
    }

    private List<String> storedIdList() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : app.leadTables()) {
                try (ResultSet rs = s.executeQuery("SELECT lead_id FROM " + table)) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
        }
        return ids;
    }

    /** The app's token manager, as the routes see it. */
    private record TokenManagerView(LeadSyncApp app) {
        boolean connected() {
            return app.camel().getRegistry().lookupByNameAndType("tokenManager", io.leadsync.camel.linkedin.auth.TokenManager.class)
                    .status().connected();
        }
    }
}
