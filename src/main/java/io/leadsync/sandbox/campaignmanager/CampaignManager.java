package io.leadsync.sandbox.campaignmanager;

import static io.leadsync.sandbox.campaignmanager.Html.badge;
import static io.leadsync.sandbox.campaignmanager.Html.esc;
import static io.leadsync.sandbox.campaignmanager.Html.localized;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox's Campaign Manager: server-rendered pages under {@code /campaignmanager/…}, on the paths of LinkedIn's
 * own, over the sandbox's world. An advertiser sees the ad accounts and their status, each account's lead forms with
 * state and versions, the pages (organizations) with their organic forms and events, a form's preview, and its
 * leads; a member fills a form in (or registers for an event) and the lead is created with exactly those answers and
 * pushed to the subscribed webhooks, as the admin API's submit does. Every change is a POST answered with a redirect.
 * <pre>
 * GET  /campaignmanager/accounts                      accounts (status, role), pages, events
 * GET  /campaignmanager/accounts/{id}/forms           the account's lead forms, campaigns
 * GET  /campaignmanager/pages/{id}                    a page's organic forms and events
 * GET  /campaignmanager/events/{id}                   the event and its registration form; POST …/registrations
 * GET  /campaignmanager/forms/{id}[?version=N]        the form's preview; POST …/test-leads (Generate test lead)
 * GET  /campaignmanager/forms/{id}/fill[?hidden=…]    the form as a member fills it in; POST it to submit
 * GET  /campaignmanager/forms/{id}/leads              the form's leads; POST /campaignmanager/leads/{id}/withdraw
 * </pre>
 */
public final class CampaignManager {

    /** The path prefix these pages live under. */
    public static final String PREFIX = "/campaignmanager";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int LEAD_LIST_LIMIT = 100;

    /**
     * One request.
     *
     * @param method the HTTP method, upper case
     * @param path   the raw path, starting with {@link #PREFIX}
     * @param query  the query parameters, decoded
     * @param form   the {@code application/x-www-form-urlencoded} body parameters, decoded (empty for a GET)
     */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> form) {
    }

    /** One answer: status, content type ({@code null} for none), extra headers, body. */
    public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {

        static Response html(int status, String html) {
            return new Response(status, "text/html; charset=utf-8", Map.of("Cache-Control", "no-store"),
                    html.getBytes(StandardCharsets.UTF_8));
        }

        /** A 303: the browser GETs {@code location} after a POST, so a reload never submits twice. */
        static Response seeOther(String location) {
            return new Response(303, null, Map.of("Location", location), new byte[0]);
        }
    }

    private final CampaignManagerWorld world;

    public CampaignManager(CampaignManagerWorld world) {
        this.world = world;
    }

    /** Answers one request under {@link #PREFIX}. */
    public Response handle(Request request) {
        String[] p = request.path().substring(PREFIX.length()).replaceAll("^/+|/+$", "").split("/");
        String method = request.method();
        try {
            if (p.length == 1 && p[0].isEmpty()) {
                return Response.seeOther(PREFIX + "/accounts");
            }
            switch (p[0]) {
                case "accounts" -> {
                    if (p.length == 1 && "GET".equals(method)) {
                        return accounts();
                    }
                    if (p.length == 2 && "GET".equals(method)) {
                        return Response.seeOther(PREFIX + "/accounts/" + number(p[1]) + "/forms");
                    }
                    if (p.length == 3 && "forms".equals(p[2]) && "GET".equals(method)) {
                        return accountForms(number(p[1]));
                    }
                }
                case "pages" -> {
                    if (p.length == 2 && "GET".equals(method)) {
                        return page(number(p[1]));
                    }
                }
                case "events" -> {
                    if (p.length == 2 && "GET".equals(method)) {
                        return event(p[1], request.query(), null, Map.of(), 200);
                    }
                    if (p.length == 3 && "registrations".equals(p[2]) && "POST".equals(method)) {
                        return register(p[1], request.form());
                    }
                }
                case "forms" -> {
                    if (p.length == 2 && "GET".equals(method)) {
                        return form(number(p[1]), request.query());
                    }
                    if (p.length == 3 && "test-leads".equals(p[2]) && "POST".equals(method)) {
                        long formId = number(p[1]);
                        String leadId = world.generateTestLead(formId);
                        return Response.seeOther(PREFIX + "/forms/" + formId + "?generated=" + url(leadId));
                    }
                    if (p.length == 3 && "fill".equals(p[2]) && "GET".equals(method)) {
                        return fillPage(number(p[1]), hiddenFrom(number(p[1]), request.query()), Map.of(), List.of(), 200);
                    }
                    if (p.length == 3 && "fill".equals(p[2]) && "POST".equals(method)) {
                        return fill(number(p[1]), request.form());
                    }
                    if (p.length == 3 && "leads".equals(p[2]) && "GET".equals(method)) {
                        return leads(number(p[1]), request.query());
                    }
                }
                case "leads" -> {
                    if (p.length == 3 && "withdraw".equals(p[2]) && "POST".equals(method)) {
                        return withdraw(p[1], request.form());
                    }
                }
                default -> {
                }
            }
            return notFound("There is no Campaign Manager page at " + request.method() + " " + request.path() + ".");
        } catch (NotFound e) {
            return notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Response.html(400, Html.page("Not done", member(), null, "<div class=\"flash error\" role=\"alert\">" + esc(e.getMessage())
                    + "</div><p><a href=\"" + PREFIX + "/accounts\">Back to the accounts</a></p>"));
        }
    }

    // ---- accounts, pages, events --------------------------------------------------------------------------------

    private Response accounts() {
        ObjectNode w = world.world();
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card\" aria-labelledby=\"accounts\"><h2 id=\"accounts\">Ad accounts</h2><div class=\"scroll\"><table>"
                + "<thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Id</th><th scope=\"col\">Status</th><th scope=\"col\">Currency</th>"
                + "<th scope=\"col\">Your role</th><th scope=\"col\">Lead forms</th></tr></thead><tbody>");
        for (JsonNode a : w.withArray("adAccounts")) {
            long id = a.get("id").asLong();
            String urn = "urn:li:sponsoredAccount:" + id;
            body.append("<tr><td><a href=\"").append(PREFIX).append("/accounts/").append(id).append("/forms\">").append(esc(a.path("name").asText()))
                    .append("</a></td><td><code>").append(id).append("</code></td><td>").append(badge(a.path("status").asText()))
                    .append("</td><td>").append(esc(a.path("currency").asText())).append("</td><td>").append(esc(role(w, urn)))
                    .append("</td><td>").append(formsOf(w, "sponsoredAccount", urn).size()).append("</td></tr>");
        }
        body.append("</tbody></table></div></section>");
        body.append("<section class=\"card\" aria-labelledby=\"pages\"><h2 id=\"pages\">Pages</h2><div class=\"scroll\"><table>"
                + "<thead><tr><th scope=\"col\">Page</th><th scope=\"col\">Id</th><th scope=\"col\">Your role</th><th scope=\"col\">Organic lead forms</th>"
                + "<th scope=\"col\">Events</th></tr></thead><tbody>");
        for (JsonNode o : w.withArray("organizations")) {
            String urn = o.path("urn").asText();
            body.append("<tr><td><a href=\"").append(PREFIX).append("/pages/").append(o.get("id").asLong()).append("\">").append(esc(o.path("name").asText()))
                    .append("</a></td><td><code>").append(o.get("id").asLong()).append("</code></td><td>").append(esc(pageRole(w, urn)))
                    .append("</td><td>").append(formsOf(w, "organization", urn).size()).append("</td><td>")
                    .append(eventsOf(w, urn).size()).append("</td></tr>");
        }
        body.append("</tbody></table></div></section>");
        return Response.html(200, Html.page("Accounts and pages", member(w), null, body.toString()));
    }

    private Response accountForms(long accountId) {
        ObjectNode w = world.world();
        JsonNode account = null;
        for (JsonNode a : w.withArray("adAccounts")) {
            if (a.get("id").asLong() == accountId) {
                account = a;
            }
        }
        if (account == null) {
            throw new NotFound("No ad account " + accountId + ".");
        }
        String urn = "urn:li:sponsoredAccount:" + accountId;
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card\"><dl class=\"kv\"><dt>Status</dt><dd>").append(badge(account.path("status").asText()))
                .append("</dd><dt>Account id</dt><dd><code>").append(accountId).append("</code></dd><dt>Your role</dt><dd>")
                .append(esc(role(w, urn))).append("</dd><dt>Currency</dt><dd>").append(esc(account.path("currency").asText()))
                .append("</dd></dl></section>");
        body.append(formTable(w, formsOf(w, "sponsoredAccount", urn), "Lead gen forms"));
        body.append("<section class=\"card\" aria-labelledby=\"campaigns\"><h2 id=\"campaigns\">Campaigns</h2><ul class=\"plain\">");
        for (JsonNode c : w.withArray("campaigns")) {
            if (urn.equals(c.path("account").asText())) {
                body.append("<li>").append(esc(c.path("name").asText())).append(" <span class=\"muted\">(").append(c.get("id").asLong())
                        .append(", ").append(esc(c.path("objectiveType").asText())).append(")</span> ").append(badge(c.path("status").asText()))
                        .append("</li>");
            }
        }
        body.append("</ul></section>");
        return Response.html(200, Html.page(account.path("name").asText(), member(w), crumbs(), body.toString()));
    }

    private Response page(long organizationId) {
        ObjectNode w = world.world();
        String urn = "urn:li:organization:" + organizationId;
        String name = null;
        for (JsonNode o : w.withArray("organizations")) {
            if (o.get("id").asLong() == organizationId) {
                name = o.path("name").asText();
            }
        }
        if (name == null) {
            throw new NotFound("No page " + organizationId + ".");
        }
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card\"><dl class=\"kv\"><dt>Page id</dt><dd><code>").append(organizationId)
                .append("</code></dd><dt>Your role</dt><dd>").append(esc(pageRole(w, urn))).append("</dd></dl></section>");
        body.append(formTable(w, formsOf(w, "organization", urn), "Organic lead gen forms"));
        body.append("<section class=\"card\" aria-labelledby=\"events\"><h2 id=\"events\">Events</h2><ul class=\"plain\">");
        List<JsonNode> events = eventsOf(w, urn);
        for (JsonNode e : events) {
            body.append("<li><a href=\"").append(PREFIX).append("/events/").append(e.get("id").asText()).append("\">")
                    .append(esc(localized(e.get("name"), "Event"))).append("</a> <span class=\"muted\">")
                    .append(esc(TIME.format(Instant.ofEpochMilli(e.path("timeRangeV2").path("startAt").asLong())))).append("</span></li>");
        }
        if (events.isEmpty()) {
            body.append("<li class=\"muted\">No events.</li>");
        }
        body.append("</ul></section>");
        return Response.html(200, Html.page(name, member(w), crumbs(), body.toString()));
    }

    private Response event(String eventId, Map<String, String> query, String error, Map<String, String> values, int status) {
        ObjectNode w = world.world();
        JsonNode event = event(w, eventId);
        long formId = formIdOf(event.path("leadGenForm").asText());
        ObjectNode version = world.formVersion(formId, null);
        StringBuilder body = new StringBuilder();
        flash(body, query.get("registered"), "Registration %s received: LinkedIn notifies the subscribed webhooks (CREATED).");
        flash(body, query.get("withdrawn"), "Registration %s cancelled: LinkedIn notifies the subscribed webhooks (DELETED).");
        if (error != null) {
            body.append("<div class=\"flash error\" role=\"alert\">").append(esc(error)).append("</div>");
        }
        body.append("<section class=\"card\"><dl class=\"kv\"><dt>Starts</dt><dd>")
                .append(esc(TIME.format(Instant.ofEpochMilli(event.path("timeRangeV2").path("startAt").asLong()))))
                .append("</dd><dt>Organizer</dt><dd>").append(esc(organizationName(w, event.path("organizer").asText())))
                .append("</dd><dt>Registration form</dt><dd><a href=\"").append(PREFIX).append("/forms/").append(formId).append("\">")
                .append(esc(version == null ? String.valueOf(formId) : version.path("name").asText())).append("</a></dd></dl></section>");
        if (version != null) {
            Map<String, String> hidden = values.isEmpty() ? hiddenFrom(formId, query) : Map.of();
            body.append("<section class=\"card\" aria-labelledby=\"register\"><h2 id=\"register\">Register</h2>")
                    .append(formFields(version, PREFIX + "/events/" + esc(eventId) + "/registrations", values, hidden, "Register"))
                    .append("</section>");
            body.append(leadList(formId, version, PREFIX + "/events/" + eventId, "Registrations", "Cancel registration"));
        }
        return Response.html(status, Html.page(localized(event.get("name"), "Event"), member(w), crumbs(), body.toString()));
    }

    private Response register(String eventId, Map<String, String> form) {
        JsonNode event = event(world.world(), eventId);
        long formId = formIdOf(event.path("leadGenForm").asText());
        ObjectNode version = world.formVersion(formId, null);
        FormAnswers answers = FormAnswers.read(version, form);
        if (!answers.problems().isEmpty()) {
            return event(eventId, Map.of(), String.join(" ", answers.problems()), form, 400);
        }
        String leadId = world.submit(formId, answers.formResponse(), false);
        return Response.seeOther(PREFIX + "/events/" + eventId + "?registered=" + url(leadId));
    }

    // ---- forms ---------------------------------------------------------------------------------------------------

    private Response form(long formId, Map<String, String> query) {
        ObjectNode w = world.world();
        JsonNode summary = formSummary(w, formId);
        Integer versionId = query.containsKey("version") ? (int) number(query.get("version")) : null;
        ObjectNode version = world.formVersion(formId, versionId);
        if (version == null) {
            throw new NotFound("Form " + formId + " has no version " + versionId + ".");
        }
        StringBuilder body = new StringBuilder();
        flash(body, query.get("generated"), "Test lead %s generated: LinkedIn notifies the subscribed webhooks (CREATED).");
        int latest = summary.path("latestVersionId").asInt();
        body.append("<section class=\"card\"><dl class=\"kv\"><dt>State</dt><dd>").append(badge(summary.path("state").asText()))
                .append("</dd><dt>Form id</dt><dd><code>").append(formId).append("</code></dd><dt>Lead type</dt><dd>")
                .append(esc(summary.path("leadType").asText())).append("</dd><dt>Owner</dt><dd>").append(esc(ownerName(w, summary.path("owner"))))
                .append("</dd><dt>Versions</dt><dd>");
        List<String> links = new ArrayList<>();
        for (JsonNode v : summary.withArray("versions")) {
            int id = v.path("versionId").asInt();
            String label = "v" + id + " (" + v.path("leadCount").asInt() + " leads)";
            links.add(id == version.path("versionId").asInt() ? "<strong aria-current=\"page\">" + label + "</strong>"
                    : "<a href=\"" + PREFIX + "/forms/" + formId + (id == latest ? "" : "?version=" + id) + "\">" + label + "</a>");
        }
        body.append(String.join(", ", links)).append("</dd><dt>Headline</dt><dd>").append(esc(localized(version.path("content").get("headline"), "")))
                .append("</dd></dl><div class=\"actions\">");
        boolean archived = "ARCHIVED".equals(summary.path("state").asText());
        if (!archived) {
            body.append("<form class=\"inline\" method=\"post\" action=\"").append(PREFIX).append("/forms/").append(formId)
                    .append("/test-leads\"><button type=\"submit\">Generate test lead</button></form>")
                    .append("<a class=\"button secondary\" href=\"").append(PREFIX).append("/forms/").append(formId).append("/fill\">Fill in the form</a>");
        } else {
            body.append("<span class=\"muted\">Archived: the form takes no new leads.</span>");
        }
        body.append("<a class=\"button secondary\" href=\"").append(PREFIX).append("/forms/").append(formId).append("/leads\">Leads (")
                .append(world.leadCount(formId)).append(")</a></div></section>");
        body.append(preview(version));
        return Response.html(200, Html.page(version.path("name").asText(), member(w), crumbs(), body.toString()));
    }

    /** Predefined fields, custom questions with their options, hidden fields and consents of one version. */
    private static String preview(ObjectNode version) {
        StringBuilder predefined = new StringBuilder();
        StringBuilder custom = new StringBuilder();
        for (JsonNode q : version.path("content").path("questions")) {
            String text = localized(q.get("question"), q.path("label").asText());
            String required = q.path("responseRequired").asBoolean() ? "required" : "optional";
            if (q.hasNonNull("predefinedField")) {
                predefined.append("<tr><td>").append(esc(text)).append("</td><td><code>").append(esc(q.get("predefinedField").asText()))
                        .append("</code></td><td><code>").append(q.path("questionId").asLong()).append("</code></td><td>").append(required).append("</td></tr>");
            } else {
                JsonNode options = q.path("questionDetails").path("multipleChoiceQuestionDetails").path("options");
                StringBuilder detail = new StringBuilder();
                if (options.isArray() && !options.isEmpty()) {
                    detail.append("Multiple choice:<ul>");
                    for (JsonNode o : options) {
                        detail.append("<li>").append(esc(localized(o.get("text"), ""))).append(" <span class=\"muted\">(option ")
                                .append(o.path("id").asInt()).append(")</span></li>");
                    }
                    detail.append("</ul>");
                } else {
                    detail.append("Text, at most ").append(q.path("questionDetails").path("textQuestionDetails").path("maxResponseLength").asInt(300))
                            .append(" characters");
                }
                custom.append("<tr><td>").append(esc(text)).append("</td><td><code>").append(q.path("questionId").asLong()).append("</code></td><td>")
                        .append(detail).append("</td><td>").append(required).append("</td></tr>");
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(section("Predefined fields", predefined, "<th scope=\"col\">Question</th><th scope=\"col\">Field</th><th scope=\"col\">Question id</th><th scope=\"col\">Answer</th>"));
        out.append(section("Custom questions", custom, "<th scope=\"col\">Question</th><th scope=\"col\">Question id</th><th scope=\"col\">Kind</th><th scope=\"col\">Answer</th>"));
        StringBuilder hidden = new StringBuilder();
        for (JsonNode h : version.path("hiddenFields")) {
            hidden.append("<tr><td><code>").append(esc(h.path("name").asText())).append("</code></td><td>").append(esc(h.path("value").asText())).append("</td></tr>");
        }
        out.append(section("Hidden fields", hidden, "<th scope=\"col\">Name</th><th scope=\"col\">Value</th>"));
        StringBuilder consents = new StringBuilder();
        JsonNode legal = version.path("content").path("legalInfo");
        for (JsonNode c : legal.path("consents")) {
            consents.append("<tr><td>").append(esc(localized(c.get("consent"), ""))).append("</td><td><code>").append(c.path("id").asInt())
                    .append("</code></td><td>").append(c.path("checkRequired").asBoolean() ? "must be checked" : "optional").append("</td></tr>");
        }
        out.append(section("Consents", consents, "<th scope=\"col\">Text</th><th scope=\"col\">Consent id</th><th scope=\"col\">Checkbox</th>"));
        if (legal.hasNonNull("privacyPolicyUrl")) {
            out.append("<p class=\"muted\">Privacy policy: ").append(esc(legal.get("privacyPolicyUrl").asText())).append(". ")
                    .append(esc(localized(legal.get("legalDisclaimer"), ""))).append("</p>");
        }
        return out.toString();
    }

    private static String section(String title, StringBuilder rows, String head) {
        String id = title.toLowerCase().replace(' ', '-');
        return "<section class=\"card\" aria-labelledby=\"" + id + "\"><h2 id=\"" + id + "\">" + esc(title) + "</h2>"
                + (rows.isEmpty() ? "<p class=\"muted\">None.</p>" : "<div class=\"scroll\"><table><thead><tr>" + head + "</tr></thead><tbody>" + rows
                + "</tbody></table></div>") + "</section>";
    }

    private Response fillPage(long formId, Map<String, String> hidden, Map<String, String> values, List<String> problems, int status) {
        ObjectNode version = world.formVersion(formId, null);
        if (version == null) {
            throw new NotFound("No lead form " + formId + ".");
        }
        StringBuilder body = new StringBuilder();
        if (!problems.isEmpty()) {
            body.append("<div class=\"flash error\" role=\"alert\"><strong>Not submitted.</strong><ul>");
            problems.forEach(p -> body.append("<li>").append(esc(p)).append("</li>"));
            body.append("</ul></div>");
        }
        body.append("<section class=\"card\"><p><strong>").append(esc(localized(version.path("content").get("headline"), "")))
                .append("</strong><br><span class=\"muted\">").append(esc(localized(version.path("content").get("description"), "")))
                .append("</span></p>")
                .append(formFields(version, PREFIX + "/forms/" + formId + "/fill", values, hidden, "Submit"))
                .append("</section>");
        return Response.html(status, Html.page(version.path("name").asText(), member(), crumbs() + " › <a href=\"" + PREFIX + "/forms/" + formId
                + "\">" + esc(version.path("name").asText()) + "</a>", body.toString()));
    }

    /** The form's inputs as a member sees them; hidden fields travel as hidden inputs, listed for the tester. */
    private static String formFields(ObjectNode version, String action, Map<String, String> values, Map<String, String> hidden, String submit) {
        StringBuilder f = new StringBuilder("<form method=\"post\" action=\"" + action + "\" class=\"leadform\">");
        for (JsonNode q : version.path("content").path("questions")) {
            long id = q.path("questionId").asLong();
            String name = "q" + id;
            String text = localized(q.get("question"), q.path("label").asText());
            boolean required = q.path("responseRequired").asBoolean();
            String mark = required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "";
            JsonNode options = q.path("questionDetails").path("multipleChoiceQuestionDetails").path("options");
            if (options.isArray() && !options.isEmpty()) {
                f.append("<fieldset><legend>").append(esc(text)).append(mark).append("</legend>");
                for (JsonNode o : options) {
                    String value = String.valueOf(o.path("id").asInt());
                    f.append("<label><input type=\"radio\" name=\"").append(name).append("\" value=\"").append(value).append("\"")
                            .append(value.equals(values.get(name)) ? " checked" : "").append(required ? " required" : "").append("> ")
                            .append(esc(localized(o.get("text"), ""))).append("</label>");
                }
                f.append("</fieldset>");
            } else {
                String field = q.path("predefinedField").asText("");
                String type = field.contains("EMAIL") ? "email" : field.contains("PHONE") ? "tel" : "text";
                int max = q.path("questionDetails").path("textQuestionDetails").path("maxResponseLength").asInt(300);
                f.append("<label for=\"").append(name).append("\">").append(esc(text)).append(mark).append("</label><input type=\"").append(type)
                        .append("\" id=\"").append(name).append("\" name=\"").append(name).append("\" maxlength=\"").append(max).append("\"")
                        .append(required ? " required" : "").append(autocomplete(field)).append(" value=\"").append(esc(values.get(name))).append("\">");
            }
        }
        for (JsonNode c : version.path("content").path("legalInfo").path("consents")) {
            String name = "consent" + c.path("id").asInt();
            boolean required = c.path("checkRequired").asBoolean();
            f.append("<label class=\"check\"><input type=\"checkbox\" name=\"").append(name).append("\" value=\"yes\"")
                    .append(values.containsKey(name) ? " checked" : "").append(required ? " required" : "").append("> <span>")
                    .append(esc(localized(c.get("consent"), ""))).append(required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "")
                    .append("</span></label>");
        }
        JsonNode hiddenFields = version.path("hiddenFields");
        if (hiddenFields.isArray() && !hiddenFields.isEmpty()) {
            f.append("<details><summary>Hidden fields (the member does not see them)</summary><dl class=\"kv\">");
            for (JsonNode h : hiddenFields) {
                String key = h.path("name").asText();
                String value = values.containsKey("hidden_" + key) ? values.get("hidden_" + key) : hidden.getOrDefault(key, h.path("value").asText());
                f.append("<input type=\"hidden\" name=\"hidden_").append(esc(key)).append("\" value=\"").append(esc(value)).append("\">");
                f.append("<dt><code>").append(esc(key)).append("</code></dt><dd>").append(esc(value)).append("</dd>");
            }
            f.append("</dl><p class=\"muted\">Taken from this page's URL (<code>?name=value</code>) when given, else the form's value. "
                    + "LinkedIn delivers a lead's hidden fields as its form version defines them.</p></details>");
        }
        f.append("<div class=\"actions\"><button type=\"submit\">").append(esc(submit)).append("</button></div></form>");
        return f.toString();
    }

    private static String autocomplete(String predefinedField) {
        String token = switch (predefinedField) {
            case "FIRST_NAME" -> "given-name";
            case "LAST_NAME" -> "family-name";
            case "EMAIL", "WORK_EMAIL" -> "email";
            case "PHONE_NUMBER", "WORK_PHONE_NUMBER" -> "tel";
            case "COMPANY_NAME" -> "organization";
            case "JOB_TITLE" -> "organization-title";
            case "COUNTRY" -> "country-name";
            default -> null;
        };
        return token == null ? "" : " autocomplete=\"" + token + "\"";
    }

    private Response fill(long formId, Map<String, String> form) {
        ObjectNode version = world.formVersion(formId, null);
        if (version == null) {
            throw new NotFound("No lead form " + formId + ".");
        }
        FormAnswers answers = FormAnswers.read(version, form);
        if (!answers.problems().isEmpty()) {
            return fillPage(formId, Map.of(), form, answers.problems(), 400);
        }
        String leadId = world.submit(formId, answers.formResponse(), false);
        return Response.seeOther(PREFIX + "/forms/" + formId + "/leads?submitted=" + url(leadId));
    }

    private Response leads(long formId, Map<String, String> query) {
        ObjectNode version = world.formVersion(formId, null);
        if (version == null) {
            throw new NotFound("No lead form " + formId + ".");
        }
        StringBuilder body = new StringBuilder();
        flash(body, query.get("submitted"), "Lead %s submitted: LinkedIn notifies the subscribed webhooks (CREATED).");
        flash(body, query.get("withdrawn"), "Lead %s withdrawn: LinkedIn notifies the subscribed webhooks (DELETED).");
        body.append(leadList(formId, version, PREFIX + "/forms/" + formId + "/leads", "Leads", "Withdraw"));
        return Response.html(200, Html.page("Leads of " + version.path("name").asText(), member(), crumbs() + " › <a href=\"" + PREFIX
                + "/forms/" + formId + "\">" + esc(version.path("name").asText()) + "</a>", body.toString()));
    }

    private String leadList(long formId, ObjectNode latest, String back, String title, String withdrawLabel) {
        List<ObjectNode> leads = world.leads(formId, LEAD_LIST_LIMIT);
        int total = world.leadCount(formId);
        StringBuilder rows = new StringBuilder();
        for (ObjectNode lead : leads) {
            String id = lead.path("id").asText();
            rows.append("<tr id=\"lead-").append(esc(id)).append("\"><td><code>").append(esc(id)).append("</code></td><td>")
                    .append(esc(TIME.format(Instant.ofEpochMilli(lead.path("submittedAt").asLong())))).append("</td><td>")
                    .append(esc(who(lead, latest))).append("</td><td>v").append(versionOf(lead)).append(lead.path("testLead").asBoolean() ? ", test" : "")
                    .append("</td><td><form class=\"inline\" method=\"post\" action=\"").append(PREFIX).append("/leads/").append(esc(id))
                    .append("/withdraw\"><input type=\"hidden\" name=\"back\" value=\"").append(esc(back)).append("\"><button type=\"submit\" class=\"danger\" ")
                    .append("aria-label=\"").append(esc(withdrawLabel)).append(" lead ").append(esc(id)).append("\">").append(esc(withdrawLabel))
                    .append("</button></form></td></tr>");
        }
        String id = title.toLowerCase();
        return "<section class=\"card\" aria-labelledby=\"" + id + "\"><h2 id=\"" + id + "\">" + esc(title) + " <span class=\"muted\">(" + total
                + (total > leads.size() ? ", newest " + leads.size() + " shown" : "") + ")</span></h2>"
                + (leads.isEmpty() ? "<p class=\"muted\">No leads.</p>" : "<div class=\"scroll\"><table class=\"leads\"><thead><tr><th scope=\"col\">Lead</th>"
                + "<th scope=\"col\">Submitted</th><th scope=\"col\">Member</th><th scope=\"col\">Version</th><th scope=\"col\">Action</th></tr></thead><tbody>"
                + rows + "</tbody></table></div>") + "</section>";
    }

    private Response withdraw(String leadId, Map<String, String> form) {
        String back = form.getOrDefault("back", "");
        ObjectNode lead = world.lead(leadId);
        if (!back.startsWith(PREFIX + "/") || back.contains("//") || back.contains("?")) {
            back = lead == null ? PREFIX + "/accounts" : PREFIX + "/forms/" + formIdOf(lead.path("versionedLeadGenFormUrn").asText()) + "/leads";
        }
        if (!world.withdraw(leadId)) {
            throw new IllegalArgumentException("Lead " + leadId + " is not live: it was withdrawn already, or never submitted.");
        }
        return Response.seeOther(back + "?withdrawn=" + url(leadId));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private String formTable(ObjectNode w, List<JsonNode> forms, String title) {
        StringBuilder rows = new StringBuilder();
        for (JsonNode f : forms) {
            long id = f.get("id").asLong();
            StringBuilder versions = new StringBuilder();
            for (JsonNode v : f.withArray("versions")) {
                if (!versions.isEmpty()) {
                    versions.append(", ");
                }
                versions.append("v").append(v.path("versionId").asInt()).append(" (").append(v.path("leadCount").asInt()).append(")");
            }
            rows.append("<tr><td><a href=\"").append(PREFIX).append("/forms/").append(id).append("\">").append(esc(f.path("name").asText()))
                    .append("</a></td><td><code>").append(id).append("</code></td><td>").append(esc(f.path("leadType").asText())).append("</td><td>")
                    .append(badge(f.path("state").asText())).append("</td><td>").append(versions).append("</td><td>").append(f.path("leadCount").asInt())
                    .append("</td><td><a href=\"").append(PREFIX).append("/forms/").append(id).append("/leads\">Leads</a></td></tr>");
        }
        String id = title.toLowerCase().replace(' ', '-');
        return "<section class=\"card\" aria-labelledby=\"" + id + "\"><h2 id=\"" + id + "\">" + esc(title) + "</h2>" + (rows.isEmpty()
                ? "<p class=\"muted\">No forms.</p>" : "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Form</th><th scope=\"col\">Id</th>"
                + "<th scope=\"col\">Lead type</th><th scope=\"col\">State</th><th scope=\"col\">Versions (leads)</th><th scope=\"col\">Leads</th><th scope=\"col\"></th>"
                + "</tr></thead><tbody>" + rows + "</tbody></table></div>") + "</section>";
    }

    private static List<JsonNode> formsOf(ObjectNode w, String ownerKind, String urn) {
        List<JsonNode> forms = new ArrayList<>();
        for (JsonNode f : w.withArray("forms")) {
            if (urn.equals(f.path("owner").path(ownerKind).asText())) {
                forms.add(f);
            }
        }
        return forms;
    }

    private static List<JsonNode> eventsOf(ObjectNode w, String organizationUrn) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode e : w.withArray("events")) {
            if (organizationUrn.equals(e.path("organizer").asText())) {
                events.add(e);
            }
        }
        return events;
    }

    private static JsonNode event(ObjectNode w, String eventId) {
        for (JsonNode e : w.withArray("events")) {
            if (e.path("id").asText().equals(eventId)) {
                return e;
            }
        }
        throw new NotFound("No event " + eventId + ".");
    }

    private static JsonNode formSummary(ObjectNode w, long formId) {
        for (JsonNode f : w.withArray("forms")) {
            if (f.get("id").asLong() == formId) {
                return f;
            }
        }
        throw new NotFound("No lead form " + formId + ".");
    }

    private static String role(ObjectNode w, String accountUrn) {
        for (JsonNode u : w.withArray("adAccountUsers")) {
            if (accountUrn.equals(u.path("account").asText())) {
                return u.path("role").asText();
            }
        }
        return "none";
    }

    private static String pageRole(ObjectNode w, String organizationUrn) {
        for (JsonNode a : w.withArray("organizationAcls")) {
            if (organizationUrn.equals(a.path("organization").asText())) {
                return a.path("role").asText();
            }
        }
        return "none";
    }

    private static String organizationName(ObjectNode w, String urn) {
        for (JsonNode o : w.withArray("organizations")) {
            if (urn.equals(o.path("urn").asText())) {
                return o.path("name").asText();
            }
        }
        return urn;
    }

    private static String ownerName(ObjectNode w, JsonNode owner) {
        if (owner.hasNonNull("sponsoredAccount")) {
            String urn = owner.get("sponsoredAccount").asText();
            for (JsonNode a : w.withArray("adAccounts")) {
                if (urn.equals("urn:li:sponsoredAccount:" + a.get("id").asLong())) {
                    return "Ad account " + a.path("name").asText();
                }
            }
            return urn;
        }
        return "Page " + organizationName(w, owner.path("organization").asText());
    }

    /** The hidden-field values a link brings ({@code ?utm_source=…}), for the fields the form has. */
    private Map<String, String> hiddenFrom(long formId, Map<String, String> query) {
        Map<String, String> hidden = new LinkedHashMap<>();
        ObjectNode version = world.formVersion(formId, null);
        if (version != null) {
            for (JsonNode h : version.path("hiddenFields")) {
                String name = h.path("name").asText();
                if (query.containsKey(name)) {
                    hidden.put(name, query.get(name));
                }
            }
        }
        return hidden;
    }

    private static String who(ObjectNode lead, ObjectNode version) {
        Map<Long, String> fieldOf = new LinkedHashMap<>();
        for (JsonNode q : version.path("content").path("questions")) {
            if (q.hasNonNull("predefinedField")) {
                fieldOf.put(q.path("questionId").asLong(), q.get("predefinedField").asText());
            }
        }
        String first = "";
        String last = "";
        String email = "";
        for (JsonNode a : lead.path("formResponse").path("answers")) {
            String field = fieldOf.get(a.path("questionId").asLong());
            String text = a.path("answerDetails").path("textQuestionAnswer").path("answer").asText("");
            if ("FIRST_NAME".equals(field)) {
                first = text;
            } else if ("LAST_NAME".equals(field)) {
                last = text;
            } else if (field != null && field.contains("EMAIL")) {
                email = text;
            }
        }
        String name = (first + " " + last).trim();
        return email.isEmpty() ? name : name + " <" + email + ">";
    }

    private static int versionOf(JsonNode lead) {
        String urn = lead.path("versionedLeadGenFormUrn").asText();
        try {
            return Integer.parseInt(urn.substring(urn.lastIndexOf(',') + 1, urn.length() - 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static long formIdOf(String versionedUrn) {
        int start = versionedUrn.indexOf("leadGenForm:") + "leadGenForm:".length();
        int end = versionedUrn.indexOf(',', start);
        return number(versionedUrn.substring(start, end < 0 ? versionedUrn.length() : end));
    }

    private static void flash(StringBuilder body, String leadId, String message) {
        if (leadId != null && !leadId.isEmpty()) {
            body.append("<div class=\"flash\" role=\"status\">").append(esc(String.format(message, leadId))).append("</div>");
        }
    }

    private String member() {
        return member(world.world());
    }

    private static String member(ObjectNode w) {
        return w.path("member").path("name").asText(null);
    }

    private static String crumbs() {
        return "<a href=\"" + PREFIX + "/accounts\">Accounts and pages</a>";
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NotFound("No such page: " + text + " is not an id.");
        }
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Response notFound(String message) {
        return Response.html(404, Html.page("Not found", null, crumbs(), "<p>" + esc(message) + "</p>"));
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
