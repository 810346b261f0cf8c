package io.leadsync.app;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.model.LeadNotification;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.component.webhook.WebhookCapableEndpoint;
import org.apache.camel.component.webhook.WebhookEndpoint;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tear down and set up again the lead integration (LGF-110), for {@code routes/teardown.yaml}: which routes carry
 * leads, which LinkedIn subscriptions belong to this app's webhook, the webhook's background registration, and the
 * per-form tables. Camel's webhook endpoint registers once when it starts, and stopping its route does not stop the
 * endpoint, so teardown and setup drive the registration themselves.
 */
public final class LeadIntegration {

    /** The webhook path of route {@code leads-push} (routes/leads-to-database.yaml). */
    public static final String WEBHOOK_PATH = "/linkedin/leads";
    /** The routes that bring leads in: the webhook receiver first, so nothing is pushed to a stopped route. */
    public static final List<String> LEAD_ROUTES = List.of("leads-push", "leads-pull");
    /** The table of the poll watermarks ({@code JdbcStateRepository}'s default). */
    static final String STATE_TABLE = "leadsync_state";

    private static final Logger LOG = LoggerFactory.getLogger(LeadIntegration.class);
    private static final Pattern FORM_TABLE = Pattern.compile("leads_form_\\d+");

    private final DataSource dataSource;
    private final String configuredWebhookUrl;

    public LeadIntegration(DataSource dataSource, String configuredWebhookUrl) {
        this.dataSource = dataSource;
        this.configuredWebhookUrl = configuredWebhookUrl;
    }

    /** The lead routes this app runs (of {@link #LEAD_ROUTES}). */
    public List<String> leadRoutes(CamelContext camel) {
        return LEAD_ROUTES.stream().filter(id -> camel.getRoute(id) != null).toList();
    }

    /** The URL LinkedIn posts this app's leads to: the running webhook route's, else the configured one. */
    public String webhookUrl(CamelContext camel) {
        WebhookEndpoint webhook = webhookEndpoint(camel);
        if (webhook == null) {
            return configuredWebhookUrl;
        }
        try {
            return webhook.getConfiguration().computeFullExternalUrl();
        } catch (java.net.UnknownHostException e) {
            // only without webhookExternalUrl, which the app always sets
            return configuredWebhookUrl;
        }
    }

    /** The subscriptions among {@code all} that deliver to this app's webhook; others (other apps' URLs) are left alone. */
    public List<LeadNotification> ofThisWebhook(List<LeadNotification> all, CamelContext camel) {
        if (all == null) {
            return List.of();
        }
        String url = webhookUrl(camel);
        return all.stream().filter(n -> url.equals(n.webhook())).toList();
    }

    /** The ids of subscriptions, for the answer. */
    public List<Long> ids(List<LeadNotification> subscriptions) {
        return subscriptions.stream().map(LeadNotification::id).toList();
    }

    /** Stops the webhook's background registration so it cannot subscribe again behind the teardown. */
    public void stopWebhookRegistration(CamelContext camel) throws Exception {
        WebhookEndpoint webhook = webhookEndpoint(camel);
        if (webhook != null) {
            webhook.getEndpoint().unregisterWebhook();
        }
    }

    /** Registers the webhook again (in the background, until LinkedIn accepts it). */
    public boolean startWebhookRegistration(CamelContext camel) throws Exception {
        WebhookEndpoint webhook = webhookEndpoint(camel);
        if (webhook == null) {
            return false;
        }
        WebhookCapableEndpoint delegate = webhook.getEndpoint();
        delegate.registerWebhook();
        return true;
    }

    /**
     * Drops every per-form table ({@code leads_form_<id>}) and forgets the poll watermarks, so that a later setup
     * back-fills into new tables. The withdrawn-lead tombstones and the dead letters stay.
     *
     * @return the tables dropped
     */
    public List<String> dropLeadTables() throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (FORM_TABLE.matcher(name.toLowerCase(Locale.ROOT)).matches() && !tables.contains(name)) {
                        tables.add(name);
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    // names matched leads_form_<digits>: safe to quote as they are stored
                    s.execute("DROP TABLE \"" + table + "\"");
                    dropped.add(table.toLowerCase(Locale.ROOT));
                    LOG.info("Lead table {} dropped", table);
                }
                if (hasTable(meta, c, STATE_TABLE)) {
                    int forgotten = s.executeUpdate("DELETE FROM " + STATE_TABLE);
                    LOG.info("{} poll watermarks forgotten: the next setup back-fills", forgotten);
                }
                if (hasTable(meta, c, io.leadsync.camel.linkedin.store.SqlDialect.LEDGER)) {
                    // the rows are gone, so the leads are new again; withdrawals stay, so none of them comes back
                    int live = s.executeUpdate("DELETE FROM " + io.leadsync.camel.linkedin.store.SqlDialect.LEDGER + " WHERE state = 'LIVE'");
                    LOG.info("{} stored leads forgotten by the ledger; its withdrawals are kept", live);
                }
            }
        }
        return dropped;
    }

    /** The answer of {@code POST /api/teardown}. */
    public Map<String, Object> teardownAnswer(List<String> routesStopped, List<Long> subscriptionsDeleted, List<String> tablesDropped) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("routesStopped", routesStopped);
        answer.put("subscriptionsDeleted", subscriptionsDeleted);
        answer.put("tablesDropped", tablesDropped == null ? List.of() : tablesDropped);
        return answer;
    }

    /**
     * Starts the lead routes again for a set-up, but leaves a leader-only route ({@code group: leader}) to
     * its {@link ClusteredRoutePolicy} on a replica that is not the leader: starting it there would make a second
     * poller, which the policy would not even stop when leadership moves (it only stops the routes it started
     * itself). On the leader a stopped leader-only route is one the policy started and teardown stopped, so starting
     * it keeps it under the policy: it stops when leadership is lost.
     *
     * @return the ids of the routes started (or already running)
     */
    public List<String> startLeadRoutes(CamelContext camel, List<String> routeIds) throws Exception {
        List<String> started = new ArrayList<>();
        for (String id : routeIds) {
            Route route = camel.getRoute(id);
            if (route == null) {
                continue;
            }
            ClusteredRoutePolicy policy = leaderPolicy(route);
            if (policy != null && !policy.isLeader()) {
                LOG.info("Route {} left to the leader: this replica is not the leader of its cluster", id);
                continue;
            }
            camel.getRouteController().startRoute(id);
            LOG.info("Route {} started", id);
            started.add(id);
        }
        return started;
    }

    /** Of {@code routeIds}, the leader-only routes that this replica leaves to the leader (it is not the leader). */
    public List<String> leftToLeader(CamelContext camel, List<String> routeIds) {
        return routeIds.stream().map(camel::getRoute).filter(java.util.Objects::nonNull)
                .filter(r -> leaderPolicy(r) != null && !leaderPolicy(r).isLeader()).map(Route::getId).toList();
    }

    private static ClusteredRoutePolicy leaderPolicy(Route route) {
        for (RoutePolicy policy : route.getRoutePolicyList()) {
            if (policy instanceof ClusteredRoutePolicy clustered) {
                return clustered;
            }
        }
        return null;
    }

    /** The answer of {@code POST /api/setup}. */
    public Map<String, Object> setupAnswer(List<String> routesStarted, boolean webhookRegistration, String formTables) {
        return setupAnswer(routesStarted, List.of(), webhookRegistration, formTables);
    }

    /**
     * The answer of {@code POST /api/setup} on a replica: {@code routesLeftToLeader} lists the leader-only routes the
     * set-up did not start because another replica leads.
     */
    public Map<String, Object> setupAnswer(List<String> routesStarted, List<String> routesLeftToLeader,
            boolean webhookRegistration, String formTables) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("routesStarted", routesStarted);
        answer.put("routesLeftToLeader", routesLeftToLeader == null ? List.of() : routesLeftToLeader);
        answer.put("webhookRegistration", webhookRegistration ? "started" : "no webhook route");
        answer.put("formTables", formTables);
        return answer;
    }

    private static boolean hasTable(DatabaseMetaData meta, Connection c, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static WebhookEndpoint webhookEndpoint(CamelContext camel) {
        Route route = camel.getRoute(LEAD_ROUTES.get(0));
        Endpoint endpoint = route == null ? null : route.getEndpoint();
        return endpoint instanceof WebhookEndpoint webhook ? webhook : null;
    }
}
