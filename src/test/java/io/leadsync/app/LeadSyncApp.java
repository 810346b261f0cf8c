package io.leadsync.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.access.AccessCheck;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.auth.EncryptedFileTokenStore;
import io.leadsync.camel.linkedin.auth.OAuthToken;
import io.leadsync.camel.linkedin.auth.TokenCipher;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The app as {@link LeadSyncMain#main} wires it (same {@link LeadSyncMain#configure}, same YAML files), on test
 * settings: the embedded sandbox on a free port, an H2 in-memory database, a temporary data directory, a free HTTP
 * port, and only the route files a test names.
 */
public final class LeadSyncApp implements AutoCloseable {

    static final String TOKEN_KEY = "leadsync-test-token-key-material-0001";
    /** The operator's password in tests (user admin). */
    public static final String ADMIN_PASSWORD = "test-operator-password-0001";
    /** The {@code Authorization} header an operator sends. */
    public static final String OPERATOR = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final Main main;
    private final LinkedInSandbox sandbox;
    private final Path dataDir;
    private final int port;

    private LeadSyncApp(Main main, LinkedInSandbox sandbox, Path dataDir, int port) {
        this.main = main;
        this.sandbox = sandbox;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts the app with {@code routeFiles} (e.g. "forms.yaml") and {@code extra} settings over the test defaults. */
    public static LeadSyncApp start(Path dataDir, List<String> routeFiles, Map<String, String> extra) throws Exception {
        return start(dataDir, routeFiles, extra, freePort());
    }

    /** As {@link #start(Path, List, Map)} on a given HTTP port (a restarted app keeps its webhook URL). */
    static LeadSyncApp start(Path dataDir, List<String> routeFiles, Map<String, String> extra, int port) throws Exception {
        Properties p = new Properties();
        p.setProperty("leadsync.mode", "sandbox");
        p.setProperty("leadsync.admin.password", ADMIN_PASSWORD);
        p.setProperty("leadsync.data-dir", dataDir.toString());
        p.setProperty("leadsync.token-key", TOKEN_KEY);
        p.setProperty("leadsync.sandbox.port", "0");
        p.setProperty("leadsync.sandbox.leads", "60");
        p.setProperty("leadsync.datasource.url", "jdbc:h2:mem:app-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        p.setProperty("camel.server.enabled", "true");
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("leadsync.webhook.external-url", "http://127.0.0.1:" + port);
        p.setProperty("leadsync.poll.delay", "3600000");
        // the test app leads at once: camel-file's first lock try waits for the next multiple of the interval
        p.setProperty("leadsync.cluster.acquire-lock-interval", "200");
        p.setProperty("camel.main.name", "leadsync-test");
        p.setProperty("camel.main.routesIncludePattern", String.join(",", routeFiles.stream().map(f -> "file:routes/" + f).toList()));
        extra.forEach(p::setProperty);
        Main main = new Main();
        LinkedInSandbox sandbox = LeadSyncMain.configure(main, new LeadSyncSettings(p)).embedded();
        try {
            main.start();
        } catch (Exception | Error e) {
            main.stop();
            sandbox.stop();
            throw e;
        }
        return new LeadSyncApp(main, sandbox, dataDir, port);
    }

    public LinkedInSandbox sandbox() {
        return sandbox;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public DataSource dataSource() {
        return camel().getRegistry().lookupByNameAndType("leadsDataSource", DataSource.class);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The grant the app stored (encrypted) after the OAuth flow. */
    OAuthToken storedToken() {
        return new EncryptedFileTokenStore(dataDir.resolve("tokens.enc"), TokenCipher.fromKeyMaterial(TOKEN_KEY)).load().orElseThrow();
    }

    /** An HTTP call to the app as the operator (HTTP basic); the answer's status and body. */
    public HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", OPERATOR)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP call to the app without credentials, as anyone on the internet can make it. */
    public HttpResponse<String> callAnonymously(String method, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return json(response.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return LinkedInJson.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.class);
    }

    /** This app's lead-notification subscriptions, as LinkedIn lists them for the owners the member can read. */
    @SuppressWarnings("unchecked")
    List<LeadNotification> webhookSubscriptions() {
        String webhook = baseUrl() + LeadIntegration.WEBHOOK_PATH;
        ProducerTemplate camel = camel().createProducerTemplate();
        List<AccessCheck> checks = camel.requestBody("linkedin-leadsync:accounts?operation=checkAccess", null, List.class);
        List<LeadNotification> all = camel.requestBodyAndHeader("linkedin-leadsync:notifications?operation=listNotifications", null,
                LinkedInLeadSyncConstants.OWNER, AccessibleOwners.of(checks), List.class);
        return all.stream().filter(n -> webhook.equals(n.webhook())).toList();
    }

    /** Whether LinkedIn holds this app's subscription for {@code owner} and {@code leadType}: its pushes reach the app. */
    public boolean subscribed(String owner, String leadType) {
        return webhookSubscriptions().stream().anyMatch(n -> n.owner() != null && owner.equals(n.owner().urn()) && leadType.equals(n.leadType()));
    }

    /** The lead tables in the database, lower-case (INFORMATION_SCHEMA). */
    public List<String> leadTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) LIKE 'leads_form_%' ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** The table of every form of the sandbox's world, sorted: what the forms sync at start creates. */
    List<String> expectedFormTables() {
        return sandbox.world().withArray("forms").valueStream().map(f -> "leads_form_" + f.get("id").asLong()).sorted().toList();
    }

    /**
     * Whether the forms sync that routes/forms.yaml runs at start is complete: every form's table exists (so the run
     * has begun) and no exchange of its trigger route is in flight any more.
     */
    boolean formsSyncedAtStart() throws Exception {
        return leadTables().equals(expectedFormTables()) && camel().getInflightRepository().size("forms-schedule") == 0;
    }

    /** The columns of a table, lower-case (INFORMATION_SCHEMA). */
    List<String> columns(String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    @Override
    public void close() {
        DataSource dataSource = main.getCamelContext() == null ? null : dataSource();
        try {
            main.stop();
        } finally {
            sandbox.stop();
            if (dataSource instanceof AutoCloseable pool) {
                try {
                    pool.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    int port() {
        return port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
