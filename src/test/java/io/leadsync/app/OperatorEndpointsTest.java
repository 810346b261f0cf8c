package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.ServiceStatus;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

/**
 * The public edge (issue 7 §2): anyone can reach the app's listener, so every operator endpoint answers 401 without
 * credentials and changes nothing; the webhook and the OAuth callback stay public; basic and bearer credentials work.
 */
class OperatorEndpointsTest extends LeadSyncAppTestSupport {

    private static final String TOKEN = "test-operator-token-0001";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<String[]> OPERATOR_ENDPOINTS = List.of(
            new String[] {"GET", "/connect"},
            new String[] {"GET", "/api/status"},
            new String[] {"POST", "/api/teardown?dropTables=true"},
            new String[] {"POST", "/api/setup"},
            new String[] {"POST", "/api/dead-letters/replay"},
            new String[] {"POST", "/api/dead-letters/replay-salesforce"},
            // a path no route serves is refused too: deny by default, not a list of protected paths
            new String[] {"GET", "/console"},
            // Vert.x normalizes the path before the gate and the router see it
            new String[] {"GET", "/linkedin/leads/../api/status"},
            new String[] {"GET", "//api//status"});

    @Test
    void withoutCredentialsEveryOperatorEndpointAnswers401AndChangesNothing() throws Exception {
        app = startApp();
        List<String> tables = app.leadTables();
        app.sandbox().resetStats();

        for (String[] endpoint : OPERATOR_ENDPOINTS) {
            for (String authorization : new String[] {null, "Basic " + basic("admin", "wrong"), "Basic " + basic("root", LeadSyncApp.ADMIN_PASSWORD),
                    "Bearer wrong-token", "Bearer ", "Basic !!!not-base64"}) {
                HttpResponse<String> answer = send(endpoint[0], endpoint[1], authorization);
                assertThat(answer.statusCode()).as("%s %s with %s", endpoint[0], endpoint[1], authorization).isEqualTo(401);
                assertThat(answer.body()).doesNotContain("urn:li:", "Northwind", "challengeResponse");
                assertThat(answer.headers().firstValue("Location")).isEmpty();
            }
        }

        assertThat(app.leadTables()).as("no table dropped").containsAll(tables);
        assertThat(app.camel().getRouteController().getRouteStatus("leads-push")).isEqualTo(ServiceStatus.Started);
        assertThat(app.camel().getRouteController().getRouteStatus("leads-pull")).isEqualTo(ServiceStatus.Started);
        assertThat(app.sandbox().stats().calls("DELETE leadNotifications")).as("no subscription deleted").isZero();
        assertThat(app.sandbox().stats().calls("GET adAccounts")).as("no LinkedIn call on a stranger's behalf").isZero();
    }

    @Test
    void theWebhookAndTheOAuthCallbackStayPublic() throws Exception {
        app = startApp();
        HttpResponse<String> challenge = send("GET", "/linkedin/leads?challengeCode=7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37", null);
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).contains("challengeResponse");
        HttpResponse<String> unsigned = send("POST", "/linkedin/leads", null);
        assertThat(unsigned.statusCode()).as("public, and refused by its own signature check").isEqualTo(401);
        assertThat(unsigned.headers().firstValue("WWW-Authenticate")).as("not the operator's prompt").isEmpty();
        HttpResponse<String> callback = send("GET", "/oauth/callback?state=s&code=c", null);
        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(callback.body()).contains("Not connected");
    }

    @Test
    void basicAndBearerCredentialsOpenTheOperatorEndpoints() throws Exception {
        app = startApp();
        HttpResponse<String> basic = send("GET", "/api/status", LeadSyncApp.OPERATOR);
        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(LeadSyncApp.json(basic)).containsKey("connection");
        HttpResponse<String> bearer = send("GET", "/api/status", "Bearer " + TOKEN);
        assertThat(bearer.statusCode()).isEqualTo(200);
        HttpResponse<String> connect = send("GET", "/connect", "Bearer " + TOKEN);
        assertThat(connect.statusCode()).isEqualTo(302);
        assertThat(connect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith(app.sandbox().oauthBaseUrl()));
        HttpResponse<String> teardown = send("POST", "/api/teardown", "Bearer " + TOKEN);
        assertThat(teardown.statusCode()).isEqualTo(200);
        assertThat(app.camel().getRouteController().getRouteStatus("leads-push")).isEqualTo(ServiceStatus.Stopped);
    }

    @Test
    void anAnnouncedOversizedBodyIsRefusedWith413BeforeItIsRead() throws Exception {
        app = startApp();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/linkedin/leads"))
                .header("Content-Type", "application/json").header("X-LI-Signature", "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("larger than 1048576 bytes");
        assertThat(send("GET", "/api/status", LeadSyncApp.OPERATOR).statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void aChunkedOversizedBodyGetsOne413AndOneWarnNotARouterError() throws Exception {
        app = startApp();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            for (int i = 0; i < 3; i++) {
                // an InputStream publisher has no length: the body goes chunked, past the gate's Content-Length check
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/linkedin/leads"))
                        .header("Content-Type", "application/json").header("X-LI-Signature", "0".repeat(64))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[3 * 1024 * 1024])))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(413);
            }
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).noneMatch(e -> e.getLevel() == Level.ERROR);
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("Refused")).hasSize(1)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("body over 1048576 bytes", "POST /linkedin/leads"));
    }

    private LeadSyncApp startApp() throws Exception {
        LeadSyncApp started = LeadSyncApp.start(dataDir,
                List.of("leads-to-database.yaml", "forms.yaml", "teardown.yaml", "replay.yaml", "status.yaml", "connect.yaml"),
                Map.of("leadsync.admin.token", TOKEN, "leadsync.sandbox.auto-connect", "true", "camel.server.maxBodySize", "1048576"));
        await().atMost(Duration.ofSeconds(60)).until(() -> started.leadTables().contains("leads_form_7234246"));
        return started;
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
