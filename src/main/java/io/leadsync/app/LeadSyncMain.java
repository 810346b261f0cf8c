package io.leadsync.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import io.leadsync.app.edge.OperatorHttpServerFactory;

import io.leadsync.app.metrics.AppMeters;
import io.leadsync.camel.linkedin.ledger.JdbcLeadDeliveryRepository;
import io.leadsync.camel.linkedin.metrics.LeadSyncMetrics;
import io.leadsync.camel.linkedin.poll.JdbcStateRepository;
import io.leadsync.camel.linkedin.LinkedInLeadSyncComponent;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.EncryptedFileTokenStore;
import io.leadsync.camel.linkedin.auth.JdbcTokenStore;
import io.leadsync.camel.linkedin.auth.TokenStore;
import io.leadsync.camel.linkedin.auth.OAuthClient;
import io.leadsync.camel.linkedin.auth.TokenCipher;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.inbox.JdbcWebhookInbox;
import io.leadsync.camel.linkedin.lead.CachingLeadContext;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.main.Main;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable integration: camel-main with {@code application.properties} and {@code routes/*.yaml}. In
 * {@code leadsync.mode=sandbox} it starts the embedded LinkedIn sandbox and connects to it through the OAuth flow, so
 * the whole flow runs offline; in {@code leadsync.mode=linkedin}, with the app's client id, client secret and token key
 * from the environment, the same routes talk to LinkedIn.
 */
public final class LeadSyncMain {

    static {
        // The JDK's HttpClient builds the default SSLContext in its constructor (the trust store and the TLS providers:
        // 100 to 150 ms of CPU), and the app's first client is built on the main thread. Built here, before logging is
        // configured, it is ready by then; SSLContext.getDefault() is one per JVM, so later callers only wait for it.
        Thread tls = new Thread(LeadSyncMain::defaultSslContext, "leadsync-tls-init");
        tls.setDaemon(true);
        tls.start();
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeadSyncMain.class);

    private LeadSyncMain() {
    }

    private static void defaultSslContext() {
        try {
            javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            // the first HttpClient reports it, on the thread that needs it
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "signoff".equals(args[0])) {
            // the sign-off walkthrough runs this same app in-process, wired by configure() on its own settings
            System.exit(io.leadsync.app.signoff.SignOffMain.run(java.util.List.of(args).subList(1, args.length),
                    (camelMain, properties) -> configure(camelMain, new LeadSyncSettings(properties)).embedded(), System.out));
            return;
        }
        LeadSyncSettings settings = LeadSyncSettings.load(Path.of(""));
        // no classpath scanning from this package: the app's routes are the YAML files, and a scan would also pick up
        // any RouteBuilder a test classpath holds (the benchmark and the chaos run start the app on one)
        Main main = new Main();
        // camel-main reads classpath:application.properties by default; the integration's lives beside the routes
        main.setDefaultPropertyPlaceholderLocation("file:application.properties;optional=true,classpath:application.properties;optional=true");
        SandboxConnection sandbox;
        try {
            sandbox = configure(main, settings);
        } catch (StartupRefusedException e) {
            LOG.error("Not started: {}", e.getMessage());
            System.exit(2);
            return;
        } catch (Exception | Error e) {
            // the sandbox and the connection pool run non-daemon threads: without an exit the JVM would stay up idle
            LOG.error("Not started", e);
            System.exit(1);
            return;
        }
        try {
            main.run(args);
        } catch (RuntimeException e) {
            // the database or the LinkedIn connection failed (ConnectionAtStart) while camel-main was configuring
            LOG.error("Not started", e);
            System.exit(1);
            return;
        } finally {
            if (sandbox != null) {
                sandbox.stop();
            }
        }
        if (main.getExitCode() != 0) {
            System.exit(main.getExitCode());
        }
    }

    /**
     * Binds the app's beans and LinkedIn settings into {@code main}; returns the sandbox it started, if any.
     *
     * @throws StartupRefusedException when a setting keeps the app from starting safely (one line naming it)
     */
    static SandboxConnection configure(Main main, LeadSyncSettings settings) throws Exception {
        LeadSyncMode mode = LeadSyncMode.of(settings.get("leadsync.mode", null));
        StartupRules.check(mode, settings);
        Listeners.configure(main, mode, settings);
        Path dataDir = DataFiles.privateDirectory(Path.of(settings.get("leadsync.data-dir", "data")).toAbsolutePath());
        // the routes read the same settings as this class (placeholders such as {{leadsync.webhook.external-url}})
        for (String key : settings.properties().stringPropertyNames()) {
            String value = settings.get(key, null);
            if (value != null) {
                main.addInitialProperty(key, value);
            }
        }

        String clientId = settings.get("leadsync.linkedin.client-id", null);
        String clientSecret = settings.get("leadsync.linkedin.client-secret", null);
        String oauthBase = settings.get("leadsync.linkedin.oauth-base-url", "https://www.linkedin.com/oauth/v2");
        String restBase = settings.get("leadsync.linkedin.rest-base-url", "https://api.linkedin.com/rest");
        String legacyBase = settings.get("leadsync.linkedin.legacy-base-url", "https://api.linkedin.com/v2");
        SandboxConnection sandbox = null;
        if (mode == LeadSyncMode.SANDBOX) {
            sandbox = sandbox(settings, dataDir);
            clientId = sandbox.clientId();
            clientSecret = sandbox.clientSecret();
            oauthBase = sandbox.oauthBaseUrl();
            restBase = sandbox.restBaseUrl();
            legacyBase = sandbox.legacyBaseUrl();
            // the sandbox shares this host's clock and makes a lead readable when it is submitted: the pull may trail
            // the clock by seconds, not LinkedIn's minutes (application.properties can still set it)
            main.addInitialProperty("camel.component.linkedin-leadsync.visibility-lag",
                    settings.get("camel.component.linkedin-leadsync.visibility-lag", "10000"));
            // routes/demo.yaml: live sandbox leads and a withdrawal, unless leadsync.demo.enabled=false
            main.addInitialProperty("leadsync.sandbox.url", sandbox.baseUrl());
            main.addInitialProperty("leadsync.demo.enabled", settings.get("leadsync.demo.enabled", "true"));
        } else {
            // the demo talks to the sandbox's admin API, which real LinkedIn does not have
            main.addInitialProperty("leadsync.demo.enabled", "false");
        }
        main.addInitialProperty("camel.component.linkedin-leadsync.rest-base-url", restBase);
        main.addInitialProperty("camel.component.linkedin-leadsync.legacy-base-url", legacyBase);
        main.addInitialProperty("camel.component.linkedin-leadsync.client-id", clientId);
        main.addInitialProperty("camel.component.linkedin-leadsync.client-secret", clientSecret);
        main.addInitialProperty("camel.component.linkedin-leadsync.oauth-base-url", oauthBase);

        String redirectUri = settings.get("leadsync.oauth.redirect-uri",
                "http://localhost:" + settings.getInt("camel.server.port", 8080) + "/oauth/callback");
        OAuthClient oauth = OAuthClient.builder().clientId(clientId).clientSecret(clientSecret).redirectUri(redirectUri)
                .scopes(settings.get("leadsync.linkedin.scopes",
                        "r_marketing_leadgen_automation r_ads r_organization_admin r_events rw_dmp_segments openid profile").split("[,\\s]+"))
                .oauthBaseUrl(oauthBase).build();
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("leads");
        // no AUTO_SERVER: it opens a TCP port on every interface that serves the members' personal data; the app is
        // the database's only user. WRITE_DELAY=0: a commit is in the file before the app acknowledges it
        String jdbcUrl = settings.get("leadsync.datasource.url", null);
        if (jdbcUrl == null) {
            jdbcUrl = "jdbc:h2:file:" + DataFiles.privateDatabase(dataDir, "leadsync") + ";WRITE_DELAY=0";
        }
        pool.setJdbcUrl(jdbcUrl);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // a server or role configured with synchronous_commit=off could lose commits the app acknowledged
            pool.setConnectionInitSql("SET synchronous_commit TO on");
        }
        pool.setUsername(settings.get("leadsync.datasource.username", "sa"));
        pool.setPassword(settings.get("leadsync.datasource.password", ""));
        pool.setMaximumPoolSize(settings.getInt("leadsync.datasource.pool-size", 8));
        // the pool does not open the database in its constructor: ConnectionAtStart opens it (an H2 file: about a second
        // on a loaded machine) while camel-main loads the routes
        pool.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(pool);

        String publicUrl = settings.get("leadsync.public-url", "http://localhost:" + settings.getInt("camel.server.port", 8080));
        // errors carry the app's /connect link: a LinkedIn state is minted only when the operator opens it
        TokenCipher cipher = tokenCipher(mode, settings, dataDir);
        // on a database server the grant lives there (encrypted columns), shared by every replica; an H2 database
        // belongs to one process, so the grant stays in the data folder's encrypted file
        TokenStore tokenStore = !jdbcUrl.startsWith("jdbc:h2:")
                ? new JdbcTokenStore(dataSource, cipher, settings.get("leadsync.token-store.connection", "linkedin"))
                : new EncryptedFileTokenStore(dataDir.resolve("tokens.enc"), cipher);
        TokenManager tokens = TokenManager.builder().oauthClient(oauth).connectUrl(publicUrl + "/connect").tokenStore(tokenStore).build();
        // the operator's alert (routes/heartbeat.yaml): a WARN with the /connect link and an optional HTTP POST
        tokens.addReauthorizationListener(new AlertingReauthorizationListener(main::getCamelContext));


        LinkedInApi api = LinkedInApi.builder().tokenProvider(tokens).settings(LinkedInApiSettings.builder().restBaseUrl(restBase)
                .legacyBaseUrl(legacyBase).oauthBaseUrl(oauthBase)
                .version(settings.get("camel.component.linkedin-leadsync.api-version", "202610")).build()).build();

        main.bind("tokenManager", tokens);
        OAuthPages oauthPages = new OAuthPages(tokens, api, redirectUri.startsWith("https:"));
        main.bind("oauthPages", oauthPages);
        // from here on the database opens and the LinkedIn connection is made beside the wiring below and camel-main's
        // configuration; the routes start only once both are done
        boolean autoConnect = sandbox != null && Boolean.parseBoolean(settings.get("leadsync.sandbox.auto-connect", "true"));
        main.addMainListener(new ConnectionAtStart(dataSource, () -> {
            DeadLetters.createTable(dataSource);
            return null;
        }, () -> {
            TokenStatus status = tokens.status();
            if (status.connected()) {
                // a second run: say what it continues with (the heartbeat checks the grant with LinkedIn right after start)
                LOG.info("Using the stored LinkedIn grant: access token valid {} days, refresh token {} days", status.accessTokenDaysLeft(),
                        status.refreshTokenDaysLeft());
            } else if (autoConnect) {
                status = SandboxConsent.connect(tokens);
                LOG.info("Connected to the LinkedIn sandbox as {}: access token valid {} days, refresh token {} days", oauthPages.member(),
                        status.accessTokenDaysLeft(), status.refreshTokenDaysLeft());
            }
            return null;
        }));
        // camel-main takes a MainHttpServerFactory from the registry: the app's listener then needs operator
        // credentials everywhere but on the webhook and the OAuth callback
        main.bind("operatorHttpServerFactory", new OperatorHttpServerFactory(Set.of(LeadIntegration.WEBHOOK_PATH, "/oauth/callback"),
                OperatorSignIn.credentials(mode, settings)));
        main.bind("leadsDataSource", dataSource);
        LeaderElection.bind(main, settings, dataDir);
        main.bind("leadsState", new JdbcStateRepository(dataSource));
        JdbcWebhookInbox webhookInbox = new JdbcWebhookInbox(dataSource);
        main.bind("webhookInbox", webhookInbox);
        LeadStoreSink leadStore = new LeadStoreSink(dataSource, urn -> {
            LinkedInLeadSyncComponent component = main.getCamelContext().getComponent("linkedin-leadsync", LinkedInLeadSyncComponent.class);
            CachingLeadContext forms = component.getSharedLeadContext();
            if (forms == null) {
                throw new IllegalStateException("No linkedin-leadsync endpoint has started yet; cannot read form " + urn);
            }
            return forms.formVersion(urn);
        });
        main.bind("leadStore", leadStore);
        // the dead letters of sinks other than the database (routes/leads-to-salesforce.yaml)
        DeadLetters salesforceDeadLetters = new DeadLetters(dataSource, "salesforce");
        main.bind("deadLetters", salesforceDeadLetters);
        main.bind("salesforceLedger", new JdbcLeadDeliveryRepository(dataSource, "salesforce"));
        // the leadsync.* meters on /observe/metrics (README, Metrics)
        leadStore.setMetrics(() -> LeadSyncMetrics.of(main.getCamelContext()));
        main.addMainListener(new AppMeters(tokens::status, webhookInbox,
                Map.of("database", new DeadLetters(dataSource, "database")::count, "salesforce", salesforceDeadLetters::count)));

        // the operational routes: forms.yaml, heartbeat.yaml, teardown.yaml, status.yaml, audience-sync.yaml
        String webhookUrl = settings.get("leadsync.webhook.external-url", publicUrl) + LeadIntegration.WEBHOOK_PATH;
        FormTables formTables = new FormTables(api, leadStore);
        leadStore.formVersionSource(formTables);
        main.bind("formTables", formTables);
        main.bind("withdrawalReconciliation", new WithdrawalReconciliation(dataSource, api, java.time.Clock.systemUTC()));
        main.bind("reauthorizationAlerts", new ReauthorizationAlerts(publicUrl + "/connect", java.time.Clock.systemUTC()));
        LeadIntegration integration = new LeadIntegration(dataSource, webhookUrl);
        main.bind("leadIntegration", integration);
        main.bind("statusReport", new StatusReport(tokens, leadStore, salesforceDeadLetters, dataSource, publicUrl + "/connect", integration, webhookInbox));
        main.bind("audienceSegment", new AudienceSegment(settings.get("leadsync.audience.segment-id", null),
                settings.get("leadsync.audience.segment-name", "LeadSync audience")));

        // only routes/demo.yaml uses the plan, and reading the world is an HTTP call to a standalone sandbox
        if (sandbox != null && Boolean.parseBoolean(settings.get("leadsync.demo.enabled", "true"))) {
            main.bind("sandboxDemo", new SandboxDemo(sandbox.world(), settings.getInt("leadsync.demo.rounds", 3)));
        }
        return sandbox;
    }

    /** The embedded sandbox, started here, or the standalone one at {@code leadsync.sandbox.url}. */
    private static SandboxConnection sandbox(LeadSyncSettings settings, Path dataDir) {
        String clientSecret = settings.get("leadsync.sandbox.client-secret", "sandbox-client-secret-0001");
        String url = settings.get("leadsync.sandbox.url", null);
        if (url != null) {
            LOG.info("Sandbox mode: using the standalone LinkedIn sandbox at {}", url);
            return SandboxConnection.standalone(url, settings.get("leadsync.sandbox.client-id", "sandbox-client"), clientSecret);
        }
        // the sandbox keeps its world (grants, leads, withdrawals, subscriptions, form versions, ids) beside the app's
        // data: a second run continues the same LinkedIn, so the stored grant still works and no lead id repeats
        LinkedInSandbox embedded;
        try {
            embedded = LinkedInSandbox.builder().port(settings.getInt("leadsync.sandbox.port", 8089))
                    .dataDir(dataDir.resolve("sandbox"))
                    .leads(settings.getInt("leadsync.sandbox.leads", 2000)).seed(42L).clientSecret(clientSecret)
                    // false shows the sandbox's consent page with Allow and Cancel, as a browser meets LinkedIn's
                    .autoApproveConsent(Boolean.parseBoolean(settings.get("leadsync.sandbox.auto-approve", "true"))).build().start();
        } catch (IllegalStateException e) {
            // a world seeded otherwise (leadsync.sandbox.leads changed), a damaged journal, or a second app on it
            throw new StartupRefusedException(e.getMessage() + ": keep its settings, or remove " + dataDir.resolve("sandbox")
                    + " (and the app's database) to start a new sandbox world");
        }
        LOG.info("Sandbox mode: the embedded LinkedIn sandbox runs on {}", embedded.baseUrl());
        return SandboxConnection.embedded(embedded, clientSecret);
    }

    private static TokenCipher tokenCipher(LeadSyncMode mode, LeadSyncSettings settings, Path dataDir) throws Exception {
        String key = settings.get("leadsync.token-key", null);
        if (key != null) {
            return TokenCipher.fromKeyMaterial(key);
        }
        // StartupRules made LEADSYNC_TOKEN_KEY mandatory outside the sandbox: a key beside its ciphertext protects
        // nothing once the data folder is copied; the sandbox's demo tokens are worth a key file
        Path keyFile = dataDir.resolve("token.key");
        if (!Files.exists(keyFile)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            DataFiles.writePrivate(keyFile, Base64.getEncoder().encode(bytes));
            LOG.info("Sandbox mode: generated a token encryption key in {} (owner-only); linkedin mode takes it from {}", keyFile,
                    TokenCipher.KEY_ENVIRONMENT_VARIABLE);
        }
        return TokenCipher.fromBase64Key(Files.readString(keyFile).trim());
    }
}
