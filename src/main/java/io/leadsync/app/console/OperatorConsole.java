package io.leadsync.app.console;

import static io.leadsync.app.console.ConsoleHtml.badge;
import static io.leadsync.app.console.ConsoleHtml.card;
import static io.leadsync.app.console.ConsoleHtml.esc;
import static io.leadsync.app.console.ConsoleHtml.time;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import io.leadsync.app.LeadStoreSink;
import io.leadsync.app.SalesforceLeadMapper;
import io.leadsync.app.StatusReport;
import io.leadsync.camel.linkedin.inbox.WebhookInbox;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadJson;
import io.leadsync.camel.linkedin.lead.LeadMapping;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.store.FormTable;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console ({@code routes/console.yaml}): the app's state on one server-rendered page at {@code /console}
 * (behind the operator credentials like every path but the webhook and the OAuth callback), and its actions as POSTs
 * that answer with a redirect: replay the dead letters, tear down and set up again (each with a confirmation page).
 * What LinkedIn must answer is read by the route as {@code /api/status} reads it, and the page shows
 * {@link StatusReport}'s document plus what only a person needs: the forms' mapping, the live feed, readable times.
 * <p>
 * The operator's browser holds basic credentials and sends them with any request, so every POST also needs the
 * console's CSRF token: a random value in an HttpOnly {@code SameSite=Strict} cookie that the console's own forms
 * repeat in a hidden field (another site can neither read it nor make the browser send the cookie), and an
 * {@code Origin}, when the browser sends one, of this app.
 */
public final class OperatorConsole implements CamelContextAware {

    static final String COOKIE = "leadsync_console";
    private static final String TOKEN_PROPERTY = "LeadSyncConsole.csrf";
    private static final String NEW_COOKIE_PROPERTY = "LeadSyncConsole.newCookie";
    private static final String QUERY_PROPERTY = "LeadSyncConsole.query";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorConsole.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FEED_ROWS = 25;

    private CamelContext camel;
    private LeadFeed feed;

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
        startFeed();
    }

    private synchronized void startFeed() {
        if (feed != null || camel == null) {
            return;
        }
        DataSource dataSource = camel.getRegistry().lookupByNameAndType("leadsDataSource", DataSource.class);
        if (dataSource == null) {
            return;
        }
        feed = new LeadFeed(dataSource);
        try {
            camel.getManagementStrategy().addEventNotifier(feed);
            // Camel skips exchange events when no notifier was there at start
            camel.getCamelContextExtension().setEventNotificationApplicable(true);
            feed.start();
        } catch (RuntimeException e) {
            LOG.warn("The console's live feed is off: {}", e.getMessage());
        }
    }

    // ---- GET /console -----------------------------------------------------------------------------------------------

    /** First step of {@code GET /console}: keeps what the page needs of the request, then clears its headers. */
    public void begin(Exchange exchange) {
        Message in = exchange.getMessage();
        exchange.setProperty(QUERY_PROPERTY, query(in));
        csrfToken(exchange);
        in.removeHeaders("*");
    }

    /** Last step of {@code GET /console}: the page, from {@link StatusReport}'s document (the body) and the route's properties. */
    @SuppressWarnings("unchecked")
    public void page(Exchange exchange) {
        Map<String, Object> status = exchange.getMessage().getBody(Map.class);
        List<LeadForm> forms = exchange.getProperty(StatusReport.FORMS, List.class);
        Map<String, String> query = exchange.getProperty(QUERY_PROPERTY, Map.class);
        String token = exchange.getProperty(TOKEN_PROPERTY, String.class);
        Instant now = Instant.now();
        StringBuilder body = new StringBuilder();
        flash(body, query == null ? Map.of() : query);
        Object error = status.get(StatusReport.LINKEDIN_ERROR);
        if (error != null) {
            body.append("<div class=\"flash error\" role=\"alert\">LinkedIn could not be asked: ").append(esc(error))
                    .append(" The parts below that need LinkedIn are empty; the rest is read from this app.</div>");
        }
        body.append(connection((Map<String, Object>) status.get("connection"), now));
        body.append(access((List<Map<String, Object>>) status.get("owners")));
        body.append(forms((List<Map<String, Object>>) status.get("forms"), forms, now));
        body.append(card("feed", "Live feed", "<p class=\"muted\">The newest leads the database sink handled, with how they came (push: LinkedIn's webhook; "
                + "poll: the time-bound pull) and the latency from LinkedIn's <code>submittedAt</code> to the database's answer. Updates every 3 s.</p>"
                + "<div class=\"scroll\" aria-live=\"polite\"><table><thead><tr><th scope=\"col\">Stored</th><th scope=\"col\">Lead</th><th scope=\"col\">Form</th>"
                + "<th scope=\"col\">Action</th><th scope=\"col\">Source</th><th scope=\"col\">Latency</th><th scope=\"col\">Outcome</th></tr></thead>"
                + "<tbody id=\"feed-rows\">" + feedRows(now) + "</tbody></table></div><p><a href=\"/console#feed\">Refresh</a></p>"
                + "<script>setInterval(function(){fetch('/console/feed',{cache:'no-store'}).then(function(r){return r.ok?r.text():null})"
                + ".then(function(t){if(t!==null){document.getElementById('feed-rows').innerHTML=t}}).catch(function(){})},3000)</script>", true));
        body.append(pull((Map<String, Object>) status.get("pull"), now));
        body.append(webhook((Map<String, Object>) status.get("webhook")));
        body.append(deadLetters((Map<String, Object>) status.get("deadLetters"), token, now));
        body.append(inbox());
        body.append(operations(token));
        html(exchange, 200, ConsoleHtml.page("Console", body.toString()));
    }

    /** {@code GET /console/feed}: the feed's rows, for the page's periodic refresh. */
    public void feed(Exchange exchange) {
        clear(exchange);
        Message reply = exchange.getMessage();
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        reply.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        reply.setHeader("Cache-Control", "no-store");
        reply.setBody(feedRows(Instant.now()));
    }

    // ---- actions ------------------------------------------------------------------------------------------------------

    /** {@code POST /console/dead-letters/replay}: stores the database's dead letters again, as {@code POST /api/dead-letters/replay}. */
    public void replay(Exchange exchange) throws SQLException {
        if (!checkPost(exchange)) {
            return;
        }
        Map<String, Object> report = bean("leadStore", LeadStoreSink.class).replayReport();
        LOG.info("Console: dead letters replayed by the operator: {}", report);
        redirect(exchange, "/console?replayed=" + report.get("replayed") + "&stored=" + report.get("stored") + "&waiting=" + report.get("deadLetters")
                + "#dead-letters");
    }

    /** {@code GET|POST /console/teardown}: a confirmation page, then {@code direct:teardown} (as {@code POST /api/teardown}). */
    public void teardown(Exchange exchange) {
        if ("GET".equals(method(exchange))) {
            csrfToken(exchange);
            String token = exchange.getProperty(TOKEN_PROPERTY, String.class);
            clear(exchange);
            html(exchange, 200, ConsoleHtml.page("Tear down", card("teardown", "Tear down the lead integration?", "<p>This stops the lead routes "
                    + "(push and poll) and deletes this app's webhook subscriptions on LinkedIn: no lead arrives until you set it up again. "
                    + "Leads LinkedIn receives meanwhile are kept by LinkedIn for 365 days; the next set-up's poll reads them.</p>"
                    + "<form method=\"post\" action=\"/console/teardown\">" + csrfField(token)
                    + "<label class=\"check\"><input type=\"checkbox\" name=\"dropTables\" value=\"true\"> <span>Also drop every lead table "
                    + "(<code>leads_form_*</code>) and forget the poll watermarks, so that the next set-up back-fills again. The stored leads are lost.</span></label>"
                    + "<div class=\"actions\"><button type=\"submit\" class=\"danger\" name=\"confirm\" value=\"teardown\">Tear down</button>"
                    + "<a class=\"button secondary\" href=\"/console#operations\">Cancel</a></div></form>", true)));
            return;
        }
        Map<String, String> form = checkPostForm(exchange);
        if (form == null) {
            return;
        }
        if (!"teardown".equals(form.get("confirm"))) {
            refuse(exchange, 400, "The teardown was not confirmed; nothing was changed.");
            return;
        }
        boolean dropTables = "true".equals(form.get("dropTables"));
        Map<?, ?> answer = camel.createFluentProducerTemplate().to("direct:teardown").withHeader("dropTables", String.valueOf(dropTables))
                .request(Map.class);
        LOG.info("Console: torn down by the operator: {}", answer);
        redirect(exchange, "/console?tornDown=" + size(answer.get("routesStopped")) + "&subscriptionsDeleted=" + size(answer.get("subscriptionsDeleted"))
                + "&tablesDropped=" + size(answer.get("tablesDropped")) + "#operations");
    }

    /** {@code GET|POST /console/setup}: a confirmation page, then {@code direct:setup} (as {@code POST /api/setup}). */
    public void setup(Exchange exchange) {
        if ("GET".equals(method(exchange))) {
            csrfToken(exchange);
            String token = exchange.getProperty(TOKEN_PROPERTY, String.class);
            clear(exchange);
            html(exchange, 200, ConsoleHtml.page("Set up", card("setup", "Set up the lead integration?", "<p>This creates the form tables that are "
                    + "missing, starts the lead routes (push and poll) and registers this app's webhook on LinkedIn again. The poll then reads "
                    + "what arrived since its watermarks (or back-fills, after a teardown that dropped the tables).</p>"
                    + "<form method=\"post\" action=\"/console/setup\">" + csrfField(token)
                    + "<div class=\"actions\"><button type=\"submit\" name=\"confirm\" value=\"setup\">Set up</button>"
                    + "<a class=\"button secondary\" href=\"/console#operations\">Cancel</a></div></form>", true)));
            return;
        }
        Map<String, String> form = checkPostForm(exchange);
        if (form == null) {
            return;
        }
        if (!"setup".equals(form.get("confirm"))) {
            refuse(exchange, 400, "The set-up was not confirmed; nothing was changed.");
            return;
        }
        Map<?, ?> answer = camel.createFluentProducerTemplate().to("direct:setup").request(Map.class);
        LOG.info("Console: set up by the operator: {}", answer);
        redirect(exchange, "/console?setUp=" + size(answer.get("routesStarted")) + "#operations");
    }

    /** {@code GET /console/signoff/{file}}: the sign-off walkthrough's report and its files, from {@code data/signoff/}. */
    public void signoff(Exchange exchange) throws Exception {
        String file = exchange.getMessage().getHeader("file", String.class);
        clear(exchange);
        if (file == null || !file.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,100}") || file.contains("..")) {
            refuse(exchange, 404, "No such file in the sign-off report.");
            return;
        }
        Path path = signoffDir().resolve(file);
        if (!Files.isRegularFile(path)) {
            refuse(exchange, 404, "The sign-off report has not been written yet (" + signoffDir().resolve("report.html")
                    + "): run the sign-off walkthrough.");
            return;
        }
        String name = file.toLowerCase(Locale.ROOT);
        String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".png") ? "image/png"
                : name.endsWith(".css") ? "text/css" : name.endsWith(".json") ? "application/json" : name.endsWith(".txt") || name.endsWith(".log")
                ? "text/plain; charset=utf-8" : "application/octet-stream";
        Message reply = exchange.getMessage();
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        reply.setHeader(Exchange.CONTENT_TYPE, type);
        reply.setHeader("Cache-Control", "no-store");
        reply.setHeader("X-Content-Type-Options", "nosniff");
        reply.setBody(Files.readAllBytes(path));
    }

    // ---- sections -----------------------------------------------------------------------------------------------------

    private String connection(Map<String, Object> c, Instant now) {
        boolean connected = Boolean.TRUE.equals(c.get("connected"));
        boolean reauth = Boolean.TRUE.equals(c.get("reauthorizationRequired"));
        StringBuilder b = new StringBuilder("<dl class=\"kv\"><dt>LinkedIn</dt><dd>");
        b.append(!connected ? badge(false, "not connected") : reauth ? badge(false, "re-authorization required") : badge(true, "connected"));
        if (c.get("reason") != null) {
            b.append(" <span class=\"muted\">").append(esc(c.get("reason"))).append("</span>");
        }
        b.append("</dd>");
        if (connected) {
            b.append("<dt>Access token</dt><dd>").append(days(c.get("accessTokenDaysLeft"))).append(" left, expires ")
                    .append(time(instant(c.get("accessTokenExpiresAt")), now)).append("</dd>");
            b.append("<dt>Refresh token</dt><dd>").append(c.get("refreshTokenDaysLeft") == null ? "none granted" : days(c.get("refreshTokenDaysLeft"))
                    + " left, expires " + time(instant(c.get("refreshTokenExpiresAt")), now)).append("</dd>");
            b.append("<dt>Scopes</dt><dd>");
            for (Object scope : (List<?>) c.getOrDefault("scopes", List.of())) {
                b.append("<code>").append(esc(scope)).append("</code> ");
            }
            b.append("</dd><dt>Last heartbeat</dt><dd>").append(time(instant(c.get("lastHeartbeatAt")), now))
                    .append(c.get("lastHeartbeatStatus") == null ? "" : " " + esc(c.get("lastHeartbeatStatus"))).append("</dd>");
        }
        b.append("</dl><div class=\"actions\"><a class=\"button\" href=\"/connect\">").append(connected ? "Re-connect" : "Connect")
                .append("</a><span class=\"muted\">LinkedIn's consent page, then back here.</span></div>");
        return card("connection", "Connection", b.toString(), false);
    }

    private static String access(List<Map<String, Object>> owners) {
        if (owners == null) {
            return card("access", "Accounts and pages", "<p class=\"muted\">Unknown: LinkedIn could not be asked.</p>", false);
        }
        StringBuilder rows = new StringBuilder();
        for (Map<String, Object> o : owners) {
            boolean can = Boolean.TRUE.equals(o.get("canReceiveLeads"));
            List<?> missing = (List<?>) o.getOrDefault("missing", List.of());
            rows.append("<tr><td>").append(esc(o.get("name") == null ? o.get("urn") : o.get("name"))).append("<br><code>").append(esc(o.get("urn")))
                    .append("</code></td><td>").append(badge(can, can ? "receives leads" : "cannot receive leads")).append("</td><td>")
                    .append(missing.isEmpty() ? "<span class=\"muted\">nothing missing</span>" : esc(String.join("; ", missing.stream().map(String::valueOf).toList())))
                    .append("</td></tr>");
        }
        return card("access", "Accounts and pages", "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Owner</th><th scope=\"col\">Leads</th>"
                + "<th scope=\"col\">What is missing</th></tr></thead><tbody>" + rows + "</tbody></table></div>", false);
    }

    private String forms(List<Map<String, Object>> forms, List<LeadForm> leadForms, Instant now) {
        if (forms == null) {
            return card("forms", "Forms and tables", "<p class=\"muted\">Unknown: LinkedIn could not be asked.</p>", true);
        }
        boolean salesforce = Boolean.parseBoolean(property("leadsync.salesforce.enabled", "false"));
        LeadMapping mapping = null;
        if (salesforce) {
            SalesforceLeadMapper mapper = camel.getRegistry().lookupByNameAndType("salesforceMapping", SalesforceLeadMapper.class);
            mapping = mapper == null ? LeadMapping.defaultSalesforceLead() : mapper.mapping();
        }
        StringBuilder rows = new StringBuilder();
        StringBuilder previews = new StringBuilder();
        for (Map<String, Object> f : forms) {
            long id = ((Number) f.get("id")).longValue();
            String table = String.valueOf(f.get("table"));
            Set<String> columns = columns(table);
            rows.append("<tr><td>").append(esc(f.get("name"))).append("<br><code>").append(id).append("</code></td><td>").append(esc(f.get("state")))
                    .append("</td><td>v").append(esc(f.get("version"))).append("</td><td><code>").append(esc(table)).append("</code>")
                    .append(columns.isEmpty() ? " <span class=\"badge bad\">missing</span>" : "").append("</td><td>").append(esc(f.get("leads")))
                    .append("</td><td>").append(time(lastLead(table, columns), now)).append("</td></tr>");
            LeadForm form = leadForms == null ? null : leadForms.stream().filter(l -> l.id() != null && l.id() == id).findFirst().orElse(null);
            if (form != null && form.versionId() != null) {
                previews.append(preview(form, columns, mapping));
            }
        }
        return card("forms", "Forms and tables", "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Form</th><th scope=\"col\">State</th>"
                + "<th scope=\"col\">Version</th><th scope=\"col\">Table</th><th scope=\"col\">Leads stored</th><th scope=\"col\">Last lead</th></tr></thead><tbody>"
                + rows + "</tbody></table></div><h3>Mapping preview</h3><p class=\"muted\">Where each part of a lead lands, per form (its current version)"
                + (salesforce ? ", and the Salesforce Lead field filled from it" : "; Salesforce is off (<code>leadsync.salesforce.enabled</code>)") + ".</p>"
                + previews, true);
    }

    private static String preview(LeadForm form, Set<String> columns, LeadMapping salesforce) {
        StringBuilder rows = new StringBuilder();
        for (MappingPreview.Row row : MappingPreview.of(form, columns, salesforce)) {
            rows.append("<tr><td>").append(esc(row.kind())).append("</td><td>").append(esc(row.what()))
                    .append(row.key() == null ? "" : "<br><code>" + esc(row.key()) + "</code>").append("</td><td><code>").append(esc(row.column()))
                    .append("</code>").append(row.inTable() || columns.isEmpty() ? "" : " <span class=\"badge bad\">not yet in the table</span>")
                    .append("</td><td>").append(esc(row.type())).append("</td>")
                    .append(salesforce == null ? "" : "<td>" + esc(row.salesforceField()) + "</td>").append("</tr>");
        }
        return "<details id=\"mapping-" + form.id() + "\"><summary>" + esc(form.name()) + " → <code>" + FormTable.tableName(form.id()) + "</code></summary>"
                + "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Part</th><th scope=\"col\">What</th><th scope=\"col\">Column</th>"
                + "<th scope=\"col\">Type</th>" + (salesforce == null ? "" : "<th scope=\"col\">Salesforce Lead field</th>") + "</tr></thead><tbody>"
                + rows + "</tbody></table></div></details>";
    }

    private String feedRows(Instant now) {
        if (feed == null) {
            return "<tr><td colspan=\"7\" class=\"muted\">The live feed is off (no lead database).</td></tr>";
        }
        List<LeadFeed.Entry> entries;
        try {
            entries = feed.recent(FEED_ROWS);
        } catch (SQLException e) {
            return "<tr><td colspan=\"7\" class=\"bad\">The feed cannot be read: " + esc(e.getMessage()) + "</td></tr>";
        }
        if (entries.isEmpty()) {
            return "<tr><td colspan=\"7\" class=\"muted\">No lead since the app started.</td></tr>";
        }
        StringBuilder rows = new StringBuilder();
        for (LeadFeed.Entry e : entries) {
            String source = "WEBHOOK".equals(e.source()) ? "push" : "POLL".equals(e.source()) ? "poll" : String.valueOf(e.source());
            rows.append("<tr data-lead=\"").append(esc(e.leadId())).append("\"><td>").append(time(e.storedAt(), now)).append("</td><td><code>")
                    .append(esc(e.leadId())).append("</code>").append(e.testLead() ? " <span class=\"muted\">test</span>" : "").append("</td><td>")
                    .append(esc(e.formName() == null ? e.formId() : e.formName())).append("</td><td>").append(esc(e.action())).append("</td><td>")
                    .append(esc(source)).append("</td><td>").append(e.latencyMs() == null ? "" : esc(ConsoleHtml.duration(e.latencyMs())))
                    .append("</td><td>").append(esc(e.outcome())).append("</td></tr>");
        }
        return rows.toString();
    }

    @SuppressWarnings("unchecked")
    private String pull(Map<String, Object> pull, Instant now) {
        StringBuilder b = new StringBuilder();
        PollWatch.State poll = PollWatch.of(camel);
        if (poll == null) {
            b.append("<p class=\"muted\">This app runs no poll route.</p>");
        } else {
            b.append("<dl class=\"kv\"><dt>Route</dt><dd>").append(badge(poll.running(), poll.running() ? "running" : "stopped"))
                    .append(poll.polling() ? " <span class=\"badge ok\">polling now</span>" : "").append("</dd><dt>Every</dt><dd>")
                    .append(ConsoleHtml.duration(poll.delayMs())).append(" after the previous poll ends</dd><dt>Polls</dt><dd>").append(poll.polls())
                    .append(poll.errors() > 0 ? ", " + poll.errors() + " failed" : "").append("</dd><dt>Last poll</dt><dd>")
                    .append(poll.lastEnd() == null ? "<span class=\"muted\">not seen by the console yet</span>" : time(poll.lastEnd(), now))
                    .append(poll.lastError() == null ? "" : " <span class=\"bad\">" + esc(poll.lastError()) + "</span>").append("</dd><dt>Next poll</dt><dd>")
                    .append(poll.next() != null ? time(poll.next(), now) : poll.polling() ? "after this one" : poll.running()
                            ? "within " + ConsoleHtml.duration(poll.delayMs()) + " of the last one" : "when the route is started")
                    .append("</dd></dl>");
        }
        Map<String, Object> watermarks = pull == null ? Map.of() : (Map<String, Object>) pull.getOrDefault("watermarks", Map.of());
        StringBuilder rows = new StringBuilder();
        watermarks.forEach((key, value) -> {
            Map<String, Object> stream = (Map<String, Object>) value;
            String[] parts = key.split("\\|");
            String label = parts.length >= 3 ? parts[parts.length - 1] + " leads of " + parts[parts.length - 2] : key;
            rows.append("<tr><td>").append(esc(label)).append("</td><td>").append(time(instant(stream.get("watermark")), now)).append("</td><td>")
                    .append(esc(stream.getOrDefault("overlapLeadIds", ""))).append("</td></tr>");
        });
        b.append("<h3>Streams</h3>").append(rows.isEmpty() ? "<p class=\"muted\">No watermark yet: the first poll back-fills.</p>"
                : "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Stream</th><th scope=\"col\">Read up to</th><th scope=\"col\">Overlap ids</th>"
                + "</tr></thead><tbody>" + rows + "</tbody></table></div>");
        return card("pull", "Poll", b.toString(), false);
    }

    @SuppressWarnings("unchecked")
    private static String webhook(Map<String, Object> webhook) {
        StringBuilder b = new StringBuilder("<p>LinkedIn posts to <code>").append(esc(webhook == null ? "" : webhook.get("url"))).append("</code></p>");
        List<Map<String, Object>> subscriptions = webhook == null ? null : (List<Map<String, Object>>) webhook.get("subscriptions");
        if (subscriptions == null) {
            b.append("<p class=\"muted\">Subscriptions unknown: LinkedIn could not be asked.</p>");
        } else if (subscriptions.isEmpty()) {
            b.append("<p class=\"bad\">No subscription: LinkedIn pushes nothing to this app (the poll still reads every lead).</p>");
        } else {
            StringBuilder rows = new StringBuilder();
            for (Map<String, Object> s : subscriptions) {
                rows.append("<tr><td><code>").append(esc(s.get("id"))).append("</code></td><td>").append(esc(s.get("leadType"))).append("</td><td><code>")
                        .append(esc(s.get("owner"))).append("</code></td><td>").append(s.get("versionedForm") == null ? "every form" : "<code>"
                                + esc(s.get("versionedForm")) + "</code>").append("</td></tr>");
            }
            b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Lead type</th><th scope=\"col\">Owner</th>"
                    + "<th scope=\"col\">Forms</th></tr></thead><tbody>").append(rows).append("</tbody></table></div>");
        }
        return card("webhook", "Webhook subscriptions", b.toString(), false);
    }

    private String deadLetters(Map<String, Object> counts, String token, Instant now) {
        StringBuilder b = new StringBuilder("<p>Waiting: ").append(esc(counts == null ? "?" : counts.get("database"))).append(" for the database, ")
                .append(esc(counts == null ? "?" : counts.get("salesforce"))).append(" for Salesforce.</p>");
        StringBuilder rows = new StringBuilder();
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT sink, lead_id, reason, failed_at, attempts, lead_json FROM lead_dead_letters ORDER BY failed_at DESC LIMIT 50");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String form = "";
                try {
                    Lead lead = LeadJson.fromJson(rs.getString(6));
                    form = lead.formName() == null ? String.valueOf(lead.formId()) : lead.formName();
                } catch (RuntimeException e) {
                    form = "unreadable";
                }
                Timestamp failed = rs.getTimestamp(4);
                rows.append("<tr><td>").append(esc(rs.getString(1))).append("</td><td><code>").append(esc(rs.getString(2))).append("</code><br>")
                        .append(esc(form)).append("</td><td>").append(esc(rs.getString(3))).append("</td><td>")
                        .append(time(failed == null ? null : failed.toInstant(), now)).append("</td><td>").append(rs.getInt(5)).append("</td></tr>");
            }
        } catch (SQLException e) {
            // no table until a sink created it
            LOG.debug("Dead letters not listed: {}", e.getMessage());
        }
        if (!rows.isEmpty()) {
            b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Sink</th><th scope=\"col\">Lead</th><th scope=\"col\">Reason</th>"
                    + "<th scope=\"col\">Failed</th><th scope=\"col\">Attempts</th></tr></thead><tbody>").append(rows).append("</tbody></table></div>");
        }
        b.append("<form method=\"post\" action=\"/console/dead-letters/replay\" class=\"actions\">").append(csrfField(token))
                .append("<button type=\"submit\">Replay</button><span class=\"muted\">stores the database's dead letters again "
                        + "(Salesforce's: <code>POST /api/dead-letters/replay-salesforce</code>)</span></form>");
        return card("dead-letters", "Dead letters", b.toString(), true);
    }

    /** The webhook inbox: deliveries LinkedIn was answered 200 for and that are not routed yet. */
    private String inbox() {
        WebhookInbox inbox = camel.getRegistry().lookupByNameAndType("webhookInbox", WebhookInbox.class);
        if (inbox == null) {
            return card("inbox", "Push inbox", "<p class=\"muted\">Not configured: pushed leads are routed while LinkedIn waits for "
                    + "the answer.</p>", false);
        }
        String body;
        try {
            WebhookInbox.InboxStatus status = inbox.status(java.time.Instant.now());
            body = "<dl><dt>Waiting</dt><dd>" + status.depth() + " deliveries</dd><dt>Oldest</dt><dd>"
                    + (status.depth() == 0 ? "none" : status.oldestPendingAge().toSeconds() + " s") + "</dd></dl>"
                    + "<p class=\"muted\">LinkedIn is answered 200 once a delivery is in the inbox; a worker reads and stores its leads.</p>";
        } catch (Exception e) {
            body = "<p class=\"bad\">Not readable: " + esc(e.getMessage()) + "</p>";
        }
        return card("inbox", "Push inbox", body, false);
    }

    private String operations(String token) {
        Path report = signoffDir().resolve("report.html");
        String signoff = Files.isRegularFile(report) ? "<a href=\"/console/signoff/report.html\">Sign-off report</a>"
                : "<span class=\"muted\">Sign-off report: not written yet (the sign-off walkthrough writes <code>" + esc(report) + "</code>)</span>";
        return card("operations", "Operations", "<div class=\"actions\"><a class=\"button secondary\" href=\"/console/teardown\">Tear down…</a>"
                + "<a class=\"button secondary\" href=\"/console/setup\">Set up…</a></div><p>" + signoff + "</p>"
                + "<p class=\"muted\">Machines: <code>GET /api/status</code>, <code>POST /api/teardown</code>, <code>POST /api/setup</code>, "
                + "<code>POST /api/dead-letters/replay</code> (JSON).</p>", false);
    }

    private static void flash(StringBuilder body, Map<String, String> q) {
        if (q.containsKey("replayed")) {
            body.append("<div class=\"flash\" role=\"status\">Replay: ").append(num(q, "replayed")).append(" dead letters sent again, ").append(num(q, "stored"))
                    .append(" stored, ").append(num(q, "waiting")).append(" still waiting.</div>");
        }
        if (q.containsKey("tornDown")) {
            body.append("<div class=\"flash\" role=\"status\">Torn down: ").append(num(q, "tornDown")).append(" lead routes stopped, ")
                    .append(num(q, "subscriptionsDeleted")).append(" webhook subscriptions deleted, ").append(num(q, "tablesDropped")).append(" tables dropped.</div>");
        }
        if (q.containsKey("setUp")) {
            body.append("<div class=\"flash\" role=\"status\">Set up: ").append(num(q, "setUp"))
                    .append(" lead routes started; the webhook registers in the background.</div>");
        }
    }

    private static String num(Map<String, String> q, String key) {
        String v = q.get(key);
        return v != null && v.matches("\\d{1,9}") ? v : "?";
    }

    // ---- CSRF -----------------------------------------------------------------------------------------------------------

    /** The browser's console token (its cookie), or a new one set on this answer. */
    private void csrfToken(Exchange exchange) {
        String token = cookie(exchange.getMessage().getHeader("Cookie", String.class));
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            exchange.setProperty(NEW_COOKIE_PROPERTY, COOKIE + "=" + token + "; Path=/console; HttpOnly; SameSite=Strict"
                    + (property("leadsync.public-url", "").startsWith("https:") ? "; Secure" : ""));
        }
        exchange.setProperty(TOKEN_PROPERTY, token);
    }

    private static String csrfField(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
    }

    private boolean checkPost(Exchange exchange) {
        return checkPostForm(exchange) != null;
    }

    /** The POSTed form when it carries this browser's token and comes from this app; else answers 403 and null. */
    private Map<String, String> checkPostForm(Exchange exchange) {
        Message in = exchange.getMessage();
        if (!"POST".equals(method(exchange))) {
            clear(exchange);
            refuse(exchange, 405, "Use the console's buttons.");
            return null;
        }
        String cookie = cookie(in.getHeader("Cookie", String.class));
        String origin = in.getHeader("Origin", String.class);
        // platform-http keeps the Host header from the route; the request's absolute URL carries it
        String host = authority(in.getHeader(Exchange.HTTP_URL, String.class));
        Map<String, String> form = form(in);
        clear(exchange);
        String sent = form.get("csrf");
        boolean tokenOk = cookie != null && sent != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
        boolean originOk = origin == null || sameOrigin(origin, host);
        if (!tokenOk || !originOk) {
            LOG.warn("Console: a POST {} was refused (origin {}, host {})", !tokenOk ? (cookie == null ? "without the console's cookie"
                    : sent == null ? "without the console's token" : "with a wrong token") : "from another origin",
                    origin == null ? "not sent" : io.leadsync.camel.linkedin.logging.Untrusted.text(origin),
                    host == null ? "not sent" : io.leadsync.camel.linkedin.logging.Untrusted.text(host));
            refuse(exchange, 403, "This request did not come from the console's own page (its token or origin is wrong); nothing was changed. "
                    + "Open the console again and use its buttons.");
            return null;
        }
        return form;
    }

    private boolean sameOrigin(String origin, String host) {
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            if (authority != null && authority.equalsIgnoreCase(host)) {
                return true;
            }
            String publicUrl = property("leadsync.public-url", "");
            if (!publicUrl.isEmpty()) {
                URI p = URI.create(publicUrl);
                return p.getScheme().equalsIgnoreCase(o.getScheme()) && p.getRawAuthority().equalsIgnoreCase(authority);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        return false;
    }

    private static String authority(String url) {
        try {
            return url == null ? null : URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(COOKIE)) {
                String value = pair.substring(eq + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------------

    /** The form fields of a POST: platform-http hands urlencoded fields over as headers, the raw body is parsed too. */
    private static Map<String, String> form(Message in) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = in.getBody(String.class);
        if (body != null && !body.isBlank()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    form.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed field is left out
                }
            }
        }
        for (String name : List.of("csrf", "confirm", "dropTables")) {
            Object header = in.getHeader(name);
            if (!form.containsKey(name) && header != null) {
                form.put(name, header instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : String.valueOf(header));
            }
        }
        return form;
    }

    private static Map<String, String> query(Message in) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return q;
    }

    private static String method(Exchange exchange) {
        return String.valueOf(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class)).toUpperCase(Locale.ROOT);
    }

    private void html(Exchange exchange, int status, String html) {
        String newCookie = exchange.getProperty(NEW_COOKIE_PROPERTY, String.class);
        Message reply = exchange.getMessage();
        reply.removeHeaders("*");
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        reply.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        reply.setHeader("Cache-Control", "no-store");
        reply.setHeader("X-Frame-Options", "DENY");
        reply.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; "
                + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        if (newCookie != null) {
            reply.setHeader("Set-Cookie", newCookie);
        }
        reply.setBody(html);
    }

    private void refuse(Exchange exchange, int status, String message) {
        html(exchange, status, ConsoleHtml.page("Not done", "<div class=\"flash error\" role=\"alert\">" + esc(message)
                + "</div><p class=\"wide\"><a href=\"/console\">Back to the console</a></p>"));
    }

    private static void redirect(Exchange exchange, String location) {
        Message reply = exchange.getMessage();
        reply.removeHeaders("*");
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
        reply.setHeader("Location", location);
        reply.setHeader("Cache-Control", "no-store");
        reply.setBody("");
    }

    private static void clear(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
    }

    private DataSource dataSource() {
        return bean("leadsDataSource", DataSource.class);
    }

    private <T> T bean(String name, Class<T> type) {
        T bean = camel.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("The console needs bean " + name);
        }
        return bean;
    }

    private String property(String key, String fallback) {
        return camel.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    private Path signoffDir() {
        return Path.of(property("leadsync.data-dir", "data")).toAbsolutePath().resolve("signoff");
    }

    /** The columns of a table, lower case; empty when it does not exist. */
    private Set<String> columns(String table) {
        Set<String> columns = new HashSet<>();
        if (!table.matches("[A-Za-z0-9_]+")) {
            return columns;
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            // no such table (yet)
        }
        return columns;
    }

    private Instant lastLead(String table, Set<String> columns) {
        if (!columns.contains("submitted_at")) {
            return null;
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(submitted_at) FROM " + table)) {
            Timestamp at = rs.next() ? rs.getTimestamp(1) : null;
            return at == null ? null : at.toInstant();
        } catch (SQLException e) {
            return null;
        }
    }

    private static Instant instant(Object text) {
        try {
            return text == null ? null : Instant.parse(text.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String days(Object days) {
        return days == null ? "?" : days + (Long.valueOf(1).equals(((Number) days).longValue()) ? " day" : " days");
    }

    private static int size(Object list) {
        return list instanceof List<?> l ? l.size() : 0;
    }
}
