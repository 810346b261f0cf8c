package io.leadsync.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.leadsync.app.HeadlessChromium;
import io.leadsync.app.LeadSyncApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console and the sandbox's Campaign Manager in a real browser (headless Chromium over CDP), one app for
 * the whole story, in order: the console refuses a browser without credentials; signed in, Connect goes through
 * LinkedIn's consent page and back to the console; a form filled in by hand in Campaign Manager shows up in the
 * console's live feed (by push) and as a row with exactly those answers; Withdraw there deletes the row; a dead
 * letter is replayed from the console; the console's POSTs refuse a missing token and a foreign origin; teardown and
 * set-up go through their confirmation pages. Screenshots land in {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final long WHITEPAPER = 7234246L;
    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;

    private LeadSyncApp app;
    private HeadlessChromium chromium;
    private String filledLeadId;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.EXECUTABLE),
                "No " + HeadlessChromium.EXECUTABLE + ": install Debian's chromium package to run the browser test (CI does)");
        app = LeadSyncApp.start(dataDir, List.of("connect.yaml", "leads-to-database.yaml", "forms.yaml", "teardown.yaml", "replay.yaml",
                "console.yaml"), Map.of("leadsync.sandbox.auto-approve", "false", "leadsync.sandbox.auto-connect", "false"));
        chromium = HeadlessChromium.start(browserProfile);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    @Order(1)
    void withoutCredentialsTheConsoleAnswers401() throws Exception {
        chromium.navigate(console(false));
        await().atMost(WAIT).ignoreExceptions().until(() -> "401".equals(chromium.evaluate(
                "document.readyState === 'complete' ? String(performance.getEntriesByType('navigation')[0].responseStatus) : null")));
        assertThat(chromium.evaluate("document.body ? document.body.innerText : ''")).doesNotContain("LeadSync console", "Connection");
        assertThat(app.callAnonymously("GET", "/console").statusCode()).isEqualTo(401);
        assertThat(app.callAnonymously("GET", "/console/feed").statusCode()).isEqualTo(401);
        assertThat(app.callAnonymously("POST", "/console/dead-letters/replay").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void connectGoesThroughTheConsentPageAndBackToTheConsole() throws Exception {
        chromium.navigate(console(true));
        String page = chromium.awaitText(url -> url.endsWith("/console"), text -> text.contains("Connection"));
        assertThat(page).contains("not connected", "Connect");
        chromium.evaluate("document.querySelector('#connection a.button[href=\"/connect\"]').click()");

        String consent = chromium.awaitText(url -> url.startsWith(app.sandbox().oauthBaseUrl() + "/authorization"), text -> text.contains("Allow"));
        assertThat(consent).contains("would like to access your LinkedIn account", "Read the leads people submit on your lead gen forms");
        chromium.screenshot(SCREENSHOTS.resolve("consent.png"), 1280, 800, false);
        chromium.evaluate("document.querySelector('button[value=allow]').click()");

        String callback = chromium.awaitText(url -> url.contains("/oauth/callback"), text -> text.contains("Connected"));
        assertThat(callback).contains("Open the console");
        chromium.evaluate("document.querySelector('a[href=\"/console\"]').click()");
        String connected = chromium.awaitText(url -> url.endsWith("/console"), text -> text.contains("Re-connect"));
        assertThat(connected).contains("connected", "days left", "r_marketing_leadgen_automation");
        // the lead routes start once connected; the webhook registers its subscriptions in the background
        await().atMost(WAIT).until(() -> app.subscribed(ACCOUNT, "SPONSORED"));
    }

    @Test
    @Order(3)
    void aFormFilledInByHandInCampaignManagerReachesTheFeedByPushAndTheTable() throws Exception {
        chromium.navigate(app.sandbox().baseUrl() + "/campaignmanager/forms/" + WHITEPAPER + "/fill?utm_source=newsletter");
        chromium.awaitText(url -> url.contains("/fill"), text -> text.contains("Submit"));
        assertThat(chromium.evaluate("Array.from(document.querySelectorAll('form.leadform input:not([type=hidden])'))"
                + ".filter(i => i.labels.length === 0).length")).as("every input has a label").isEqualTo("0");
        chromium.evaluate("document.getElementById('q307234246').value = 'Ada'");
        chromium.evaluate("document.getElementById('q307234247').value = 'Lovelace'");
        chromium.evaluate("document.getElementById('q307234248').value = 'ada@analytical.example'");
        chromium.evaluate("document.querySelector('input[name=q707234246][value=\"1\"]').checked = true");
        chromium.evaluate("document.querySelector('input[name=consent0]').checked = true");
        String option = chromium.evaluate("document.querySelector('input[name=q707234246][value=\"1\"]').parentElement.innerText.trim()");
        chromium.screenshot(SCREENSHOTS.resolve("campaign-manager-form.png"), 1280, 800, false);
        chromium.evaluate("document.querySelector('form.leadform button[type=submit]').click()");

        chromium.awaitText(url -> url.contains("/leads?submitted="), text -> text.contains("submitted"));
        String url = chromium.evaluate("location.href");
        filledLeadId = URLDecoder.decode(url.substring(url.indexOf("submitted=") + "submitted=".length()), StandardCharsets.UTF_8);
        assertThat(chromium.evaluate("document.getElementById('lead-" + filledLeadId + "').innerText")).contains("Ada Lovelace");

        chromium.navigate(console(true));
        String feed = chromium.awaitText(u -> u.endsWith("/console"), text -> text.contains(filledLeadId));
        assertThat(feed).contains("Live feed");
        String row = chromium.evaluate("document.querySelector('tr[data-lead=\"" + filledLeadId + "\"]').innerText");
        assertThat(row).contains("push", "CREATED", "STORED", "Northwind whitepaper Q1");

        assertThat(rows("SELECT first_name, last_name, work_email, q_707234246, consent_0, consent_1, hidden_utm_source, test_lead"
                + " FROM leads_form_7234246 WHERE lead_id = ?", filledLeadId))
                .containsExactly(List.of("Ada", "Lovelace", "ada@analytical.example", option, "TRUE", "FALSE", "linkedin", "FALSE"));
        // the page shows the forms' mapping: the custom question's column, the consent's
        assertThat(chromium.evaluate("document.getElementById('mapping-" + WHITEPAPER + "').textContent"))
                .contains("q_707234246", "consent_0", "hidden_utm_source", "campaign_name");
        chromium.screenshot(SCREENSHOTS.resolve("console.png"), 1280, 800, false);
        chromium.screenshot(SCREENSHOTS.resolve("console-phone.png"), 390, 844, true);
        assertThat(Integer.parseInt(chromium.evaluate("String(document.documentElement.scrollWidth)"))).as("no sideways scrolling on a phone")
                .isLessThanOrEqualTo(390);
        chromium.screenshot(SCREENSHOTS.resolve("console-desktop.png"), 1280, 800, false);
    }

    @Test
    @Order(4)
    void withdrawInCampaignManagerDeletesTheRow() throws Exception {
        assertThat(filledLeadId).isNotNull();
        chromium.navigate(app.sandbox().baseUrl() + "/campaignmanager/forms/" + WHITEPAPER + "/leads");
        chromium.awaitText(url -> url.endsWith("/leads"), text -> text.contains(filledLeadId));
        chromium.evaluate("document.querySelector('#lead-" + filledLeadId + " button').click()");
        chromium.awaitText(url -> url.contains("withdrawn="), text -> text.contains("withdrawn"));

        await().atMost(WAIT).until(() -> rows("SELECT lead_id FROM leads_form_7234246 WHERE lead_id = ?", filledLeadId).isEmpty());
        chromium.navigate(console(true));
        chromium.awaitText(u -> u.endsWith("/console"), text -> text.contains("DELETED"));
        assertThat(chromium.evaluate("document.querySelector('tr[data-lead=\"" + filledLeadId + "\"]').innerText")).contains("DELETED", "push");
    }

    @Test
    @Order(5)
    void aDeadLetterIsReplayedFromTheConsole() throws Exception {
        String now = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        execute("ALTER TABLE leads_form_7234246 ADD CONSTRAINT no_new_leads CHECK (submitted_at < TIMESTAMP '" + now + "')");
        chromium.navigate(app.sandbox().baseUrl() + "/campaignmanager/forms/" + WHITEPAPER);
        chromium.awaitText(url -> url.endsWith("/forms/" + WHITEPAPER), text -> text.contains("Generate test lead"));
        chromium.evaluate("Array.from(document.querySelectorAll('button')).find(b => b.innerText === 'Generate test lead').click()");
        chromium.awaitText(url -> url.contains("generated="), text -> text.contains("generated"));
        String url = chromium.evaluate("location.href");
        String leadId = URLDecoder.decode(url.substring(url.indexOf("generated=") + "generated=".length()), StandardCharsets.UTF_8);
        await().atMost(WAIT).until(() -> !rows("SELECT lead_id FROM lead_dead_letters WHERE lead_id = ?", leadId).isEmpty());

        chromium.navigate(console(true));
        String deadLetters = chromium.awaitText(u -> u.endsWith("/console"), text -> text.contains(leadId));
        assertThat(chromium.evaluate("document.getElementById('dead-letters').innerText")).containsIgnoringCase("no_new_leads").contains(leadId);
        assertThat(deadLetters).contains("Waiting: 1 for the database");
        execute("ALTER TABLE leads_form_7234246 DROP CONSTRAINT no_new_leads");
        chromium.evaluate("document.querySelector('#dead-letters button[type=submit]').click()");

        String replayed = chromium.awaitText(u -> u.contains("/console?replayed="), text -> text.contains("Replay:"));
        assertThat(replayed).contains("Replay: 1 dead letters sent again, 1 stored, 0 still waiting.");
        assertThat(rows("SELECT test_lead FROM leads_form_7234246 WHERE lead_id = ?", leadId)).containsExactly(List.of("TRUE"));
        assertThat(rows("SELECT lead_id FROM lead_dead_letters WHERE lead_id = ?", leadId)).isEmpty();
    }

    @Test
    @Order(6)
    void aPostWithoutTheConsolesTokenOrFromAnotherOriginIsRefused() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/console")).header("Authorization", LeadSyncApp.OPERATOR)
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/console");
        String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        assertThat(page.body()).contains("name=\"csrf\" value=\"" + token + "\"");

        assertThat(post("/console/dead-letters/replay", null, null, "").statusCode()).as("no token").isEqualTo(403);
        assertThat(post("/console/dead-letters/replay", token, "http://evil.example", "csrf=" + token).statusCode()).as("foreign origin").isEqualTo(403);
        assertThat(post("/console/dead-letters/replay", token, null, "csrf=wrong" + token).statusCode()).as("wrong token").isEqualTo(403);
        HttpResponse<String> ok = post("/console/dead-letters/replay", token, app.baseUrl(), "csrf=" + token);
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).startsWith("/console?replayed=0");
    }

    @Test
    @Order(7)
    void teardownAndSetUpGoThroughAConfirmation() throws Exception {
        chromium.navigate(console(true));
        chromium.awaitText(u -> u.endsWith("/console"), text -> text.contains("Operations"));
        chromium.evaluate("document.querySelector('a[href=\"/console/teardown\"]').click()");
        String confirm = chromium.awaitText(u -> u.endsWith("/console/teardown"), text -> text.contains("Tear down the lead integration?"));
        assertThat(confirm).contains("Also drop every lead table");
        chromium.evaluate("document.querySelector('button[name=confirm]').click()");
        String tornDown = chromium.awaitText(u -> u.contains("tornDown="), text -> text.contains("Torn down:"));
        assertThat(tornDown).contains("Torn down: 2 lead routes stopped").contains("0 tables dropped");
        assertThat(app.camel().getRouteController().getRouteStatus("leads-push").isStopped()).isTrue();
        await().atMost(WAIT).until(() -> !app.subscribed(ACCOUNT, "SPONSORED"));

        chromium.evaluate("document.querySelector('a[href=\"/console/setup\"]').click()");
        chromium.awaitText(u -> u.endsWith("/console/setup"), text -> text.contains("Set up the lead integration?"));
        chromium.evaluate("document.querySelector('button[name=confirm]').click()");
        String setUp = chromium.awaitText(u -> u.contains("setUp="), text -> text.contains("Set up:"));
        assertThat(setUp).contains("Set up: 2 lead routes started");
        await().atMost(WAIT).until(() -> app.subscribed(ACCOUNT, "SPONSORED"));
    }

    private String console(boolean signedIn) {
        String base = app.baseUrl().replace("http://127.0.0.1:", signedIn ? "http://admin:" + LeadSyncApp.ADMIN_PASSWORD + "@localhost:" : "http://localhost:");
        return base + "/console";
    }

    private HttpResponse<String> post(String path, String cookie, String origin, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", LeadSyncApp.OPERATOR)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", OperatorConsole.COOKIE + "=" + cookie);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void execute(String sql) throws Exception {
        try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<List<String>> rows(String sql, String parameter) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = app.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
