package io.leadsync.app.signoff;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.camel.linkedin.auth.EncryptedFileTokenStore;
import io.leadsync.camel.linkedin.auth.OAuthToken;
import io.leadsync.camel.linkedin.auth.TokenCipher;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The integration as shipped ({@code application.properties}, every {@code routes/*.yaml}), started in this process
 * for one walkthrough: the embedded sandbox and both listeners on free ports, a fresh data folder, a password and a
 * token key made for this run. Nothing is shared with an app running beside it.
 */
final class SignOffApp implements AutoCloseable {

    /** The sandbox's client secret on this run: it signs webhooks, and LGF-203's second webhook answers challenges with it. */
    static final String CLIENT_SECRET = "sandbox-client-secret-0001";

    /** The settings the walkthrough changes from application.properties, and why. */
    private static Properties settings(SignOffOptions options, int port, int managementPort, String password, String tokenKey) throws IOException {
        Properties p = shipped();
        p.setProperty("leadsync.mode", "sandbox");
        p.setProperty("leadsync.data-dir", options.runDir().toString());
        p.setProperty("leadsync.admin.password", password);
        p.setProperty("leadsync.token-key", tokenKey);
        p.setProperty("camel.server.port", Integer.toString(port));
        p.setProperty("camel.management.port", Integer.toString(managementPort));
        String base = "http://127.0.0.1:" + port;
        p.setProperty("leadsync.public-url", base);
        p.setProperty("leadsync.webhook.external-url", base);
        p.setProperty("leadsync.oauth.redirect-uri", base + "/oauth/callback");
        p.setProperty("leadsync.sandbox.port", "0");
        p.setProperty("leadsync.sandbox.client-secret", CLIENT_SECRET);
        p.setProperty("leadsync.sandbox.leads", Integer.toString(options.leads()));
        // the walkthrough walks the OAuth flow itself, through the sandbox's consent page (LGF-001)
        p.setProperty("leadsync.sandbox.auto-connect", "false");
        p.setProperty("leadsync.sandbox.auto-approve", "false");
        // the demo's own leads would change the counts the steps check
        p.setProperty("leadsync.demo.enabled", "false");
        // no timer-driven poll or forms run between the steps: each step triggers the one it shows
        p.setProperty("leadsync.poll.delay", Long.toString(SignOffIds.POLL_DELAY_MS));
        p.setProperty("leadsync.forms.delay", "3600000");
        // the sandbox makes a lead readable the moment it is submitted, and each step checks its leads at once: the
        // pull need not trail the clock as it does against LinkedIn (see the visibilityLag option)
        p.setProperty("camel.component.linkedin-leadsync.visibility-lag", "0");
        p.setProperty("leadsync.cluster.acquire-lock-interval", "200");
        // the lead routes start within a second of the connection instead of five
        p.setProperty("camel.routecontroller.backOffDelay", "500");
        // editing forms through the API (guide: manage forms; LGF-302's new version) needs rw_ads
        p.setProperty("leadsync.linkedin.scopes",
                "r_marketing_leadgen_automation rw_ads r_ads r_organization_admin r_events rw_dmp_segments openid profile");
        p.setProperty("camel.main.name", "leadsync-signoff");
        return p;
    }

    private static Properties shipped() throws IOException {
        Path file = Path.of("application.properties");
        if (!Files.exists(file) || !Files.isDirectory(Path.of("routes"))) {
            throw new IllegalStateException("Run the sign-off walkthrough from the project folder (application.properties and routes/ are read from "
                    + Path.of("").toAbsolutePath() + ")");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        p.stringPropertyNames().forEach(k -> p.setProperty(k, p.getProperty(k).trim()));
        return p;
    }

    private final Main main;
    private final LinkedInSandbox sandbox;
    private final SignOffOptions options;
    private final int port;
    private final int managementPort;
    private final String tokenKey;
    private final OperatorHttp http;

    private SignOffApp(Main main, LinkedInSandbox sandbox, SignOffOptions options, int port, int managementPort, String password, String tokenKey) {
        this.main = main;
        this.sandbox = sandbox;
        this.options = options;
        this.port = port;
        this.managementPort = managementPort;
        this.tokenKey = tokenKey;
        this.http = new OperatorHttp("http://127.0.0.1:" + port, "admin", password);
    }

    static SignOffApp start(SignOffOptions options, AppLauncher launcher) throws Exception {
        deleteRecursively(options.runDir());
        int port = freePort();
        int managementPort = freePort();
        String password = random(18);
        String tokenKey = random(32);
        Properties settings = settings(options, port, managementPort, password, tokenKey);
        Main main = new Main();
        LinkedInSandbox sandbox = launcher.configure(main, settings);
        if (sandbox == null) {
            main.stop();
            throw new IllegalStateException("The app did not start its embedded sandbox (is LEADSYNC_SANDBOX_URL or LEADSYNC_MODE set?)");
        }
        try {
            main.start();
        } catch (Exception | Error e) {
            main.stop();
            sandbox.stop();
            throw e;
        }
        return new SignOffApp(main, sandbox, options, port, managementPort, password, tokenKey);
    }

    LinkedInSandbox sandbox() {
        return sandbox;
    }

    ObjectNode world() {
        return sandbox.world();
    }

    CamelContext camel() {
        return main.getCamelContext();
    }

    ProducerTemplate producer() {
        return camel().createProducerTemplate();
    }

    DataSource dataSource() {
        return camel().getRegistry().lookupByNameAndType("leadsDataSource", DataSource.class);
    }

    Db db() {
        return new Db(dataSource());
    }

    TokenManager tokens() {
        return camel().getRegistry().lookupByNameAndType("tokenManager", TokenManager.class);
    }

    /** The grant as the app stored it (encrypted in {@code tokens.enc}): the refresh token is only there. */
    OAuthToken storedToken() {
        return new EncryptedFileTokenStore(options.runDir().resolve("tokens.enc"), TokenCipher.fromKeyMaterial(tokenKey)).load()
                .orElseThrow(() -> new IllegalStateException("No token stored yet"));
    }

    OperatorHttp http() {
        return http;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/observe/health";
    }

    @Override
    public void close() {
        DataSource dataSource = null;
        try {
            dataSource = main.getCamelContext() == null ? null : dataSource();
            main.stop();
        } finally {
            sandbox.stop();
            if (dataSource instanceof AutoCloseable pool) {
                try {
                    pool.close();
                } catch (Exception e) {
                    // the run is over; a pool that does not close cleanly changes no result
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
