package io.leadsync.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.access.AccessCheck;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.inbox.WebhookInbox.InboxStatus;
import io.leadsync.camel.linkedin.inbox.WebhookInbox;
import io.leadsync.camel.linkedin.logging.Untrusted;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.store.FormTable;
import org.apache.camel.Exchange;

/**
 * The body of {@code GET /api/status} ({@code routes/status.yaml}): the LinkedIn connection and its tokens' days left
 * (never a token), the ad accounts and pages with their access, the forms with their tables and lead counts, the poll
 * watermarks, the webhook subscriptions of this app, and the dead letters of each sink. What LinkedIn must answer
 * is read by the route into exchange properties; a LinkedIn that cannot be asked leaves {@code linkedInError} and
 * the local parts still answer.
 */
public final class StatusReport {

    private final WebhookInbox inbox;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Exchange property: {@code List<AccessCheck>} from {@code accounts?operation=checkAccess}. */
    public static final String ACCESS = "accessChecks";
    /** Exchange property: {@code List<LeadForm>} from {@code forms?operation=listForms}. */
    public static final String FORMS = "forms";
    /** Exchange property: {@code List<LeadNotification>} from {@code notifications?operation=listNotifications}. */
    public static final String SUBSCRIPTIONS = "subscriptions";
    /** Exchange property: why LinkedIn could not be asked. */
    public static final String LINKEDIN_ERROR = "linkedInError";

    private final TokenManager tokens;
    private final LeadStoreSink leadStore;
    private final DeadLetters salesforceDeadLetters;
    private final DataSource dataSource;
    private final String connectUrl;
    private final LeadIntegration integration;

    public StatusReport(TokenManager tokens, LeadStoreSink leadStore, DeadLetters salesforceDeadLetters, DataSource dataSource,
                        String connectUrl, LeadIntegration integration, WebhookInbox inbox) {
        this.inbox = inbox;
        this.tokens = tokens;
        this.leadStore = leadStore;
        this.salesforceDeadLetters = salesforceDeadLetters;
        this.dataSource = dataSource;
        this.connectUrl = connectUrl;
        this.integration = integration;
    }

    /** The status document, from the exchange's properties and local state. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> report(Exchange exchange) throws SQLException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("connection", connection(tokens.status()));
        String error = exchange.getProperty(LINKEDIN_ERROR, String.class);
        if (error != null) {
            status.put(LINKEDIN_ERROR, error);
        }
        status.put("owners", owners((List<AccessCheck>) exchange.getProperty(ACCESS, List.class)));
        status.put("forms", forms((List<LeadForm>) exchange.getProperty(FORMS, List.class)));
        status.put("pull", pull());
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", integration.webhookUrl(exchange.getContext()));
        List<LeadNotification> all = exchange.getProperty(SUBSCRIPTIONS, List.class);
        webhook.put("subscriptions", all == null ? null : integration.ofThisWebhook(all, exchange.getContext()).stream().map(n -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", n.id());
            s.put("owner", n.owner() == null ? null : n.owner().urn());
            s.put("leadType", n.leadType());
            if (n.versionedForm() != null) {
                s.put("versionedForm", n.versionedForm());
            }
            return s;
        }).toList());
        status.put("webhook", webhook);
        Map<String, Object> deadLetters = new LinkedHashMap<>();
        deadLetters.put("database", leadStore.deadLetterCount());
        deadLetters.put("salesforce", salesforceDeadLetters.count());
        status.put("deadLetters", deadLetters);
        status.put("inbox", inbox());
        return status;
    }

    private Map<String, Object> connection(TokenStatus token) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("connected", token.connected());
        c.put("accessTokenDaysLeft", token.accessTokenDaysLeft());
        c.put("accessTokenExpiresAt", text(token.accessTokenExpiresAt()));
        c.put("refreshTokenDaysLeft", token.refreshTokenDaysLeft());
        c.put("refreshTokenExpiresAt", text(token.refreshTokenExpiresAt()));
        c.put("scopes", token.scopes().stream().sorted().toList());
        c.put("reauthorizationRequired", token.reauthorizationRequired());
        c.put("reason", token.reason());
        c.put("connectUrl", connectUrl);
        c.put("lastHeartbeatAt", text(token.lastHeartbeatAt()));
        c.put("lastHeartbeatStatus", token.lastHeartbeatStatus());
        return c;
    }

    private static List<Map<String, Object>> owners(List<AccessCheck> checks) {
        if (checks == null) {
            return null;
        }
        return checks.stream().map(check -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("urn", check.ownerUrn());
            o.put("name", check.name());
            o.put("canReceiveLeads", check.canReceiveLeads());
            o.put("missing", check.missing());
            return o;
        }).toList();
    }

    private List<Map<String, Object>> forms(List<LeadForm> forms) throws SQLException {
        if (forms == null) {
            return null;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (LeadForm form : forms) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", form.id());
            f.put("name", form.name());
            f.put("state", form.state());
            f.put("version", form.versionId());
            f.put("owner", form.owner() == null ? null : form.owner().urn());
            f.put("table", FormTable.tableName(form.id()));
            f.put("leads", leadStore.count(form.id()));
            list.add(f);
        }
        return list;
    }

    /**
     * The poll consumer's watermark per stream, as ISO-8601 times: the state table holds
     * {@code {"watermark":epochMs,"recent":[ids]}} per stream key.
     */
    private Map<String, Object> pull() throws SQLException {
        Map<String, Object> watermarks = new LinkedHashMap<>();
        Instant newest = null;
        try (Connection c = dataSource.getConnection()) {
            if (!tableExists(c)) {
                return Map.of("watermarks", watermarks);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT state_key, state_value FROM " + LeadIntegration.STATE_TABLE
                    + " ORDER BY state_key"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> stream = stream(rs.getString(2));
                    watermarks.put(rs.getString(1), stream);
                    if (stream.get("watermark") instanceof String at && (newest == null || Instant.parse(at).isAfter(newest))) {
                        newest = Instant.parse(at);
                    }
                }
            }
        }
        Map<String, Object> pull = new LinkedHashMap<>();
        pull.put("watermarks", watermarks);
        // the newest watermark says how far the pull has come
        if (newest != null) {
            pull.put("lastWatermark", newest.toString());
        }
        return pull;
    }

    private static Map<String, Object> stream(String value) {
        Map<String, Object> stream = new LinkedHashMap<>();
        try {
            com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(value);
            com.fasterxml.jackson.databind.JsonNode watermark = json.isNumber() ? json : json.path("watermark");
            if (watermark.canConvertToLong()) {
                stream.put("watermark", Instant.ofEpochMilli(watermark.asLong()).toString());
            }
            stream.put("overlapLeadIds", json.path("recent").size());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            stream.put("unreadable", Untrusted.text(value));
        }
        return stream;
    }

    /** The webhook inbox: deliveries acknowledged to LinkedIn and not routed yet, and how long the oldest has waited. */
    private Map<String, Object> inbox() {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            InboxStatus now = inbox.status(Instant.now());
            answer.put("depth", now.depth());
            answer.put("oldestPendingSeconds", now.oldestPendingAge().toSeconds());
        } catch (Exception e) {
            answer.put("error", Untrusted.text(e.getMessage()));
        }
        return answer;
    }

    private static boolean tableExists(Connection c) throws SQLException {
        for (String name : List.of(LeadIntegration.STATE_TABLE, LeadIntegration.STATE_TABLE.toUpperCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
