package io.leadsync.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import io.leadsync.camel.linkedin.JdbcStateRepository;
import io.leadsync.camel.linkedin.LinkedInLeadSyncComponent;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.EncryptedFileTokenStore;
import io.leadsync.camel.linkedin.auth.OAuthClient;
import io.leadsync.camel.linkedin.auth.TokenCipher;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.lead.CachingLeadContext;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.main.Main;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable integration: camel-main with {@code application.properties} and {@code routes/*.yaml}. Without a
 * LinkedIn app configured it starts the embedded LinkedIn sandbox and connects to it through the OAuth flow, so the
 * whole flow runs offline; with {@code LEADSYNC_LINKEDIN_CLIENT_ID} and {@code LEADSYNC_LINKEDIN_CLIENT_SECRET} the same
 * routes talk to LinkedIn.
 */
public final class LeadSyncMain {

    private static final Logger LOG = LoggerFactory.getLogger(LeadSyncMain.class);

    private LeadSyncMain() {
    }

    public static void main(String[] args) throws Exception {
        LeadSyncSettings settings = LeadSyncSettings.load(Path.of(""));
        Main main = new Main(LeadSyncMain.class);
        // camel-main reads classpath:application.properties by default; the integration's lives beside the routes
        main.setDefaultPropertyPlaceholderLocation("file:application.properties;optional=true,classpath:application.properties;optional=true");
        LinkedInSandbox sandbox = configure(main, settings);
        try {
            main.run(args);
        } finally {
            if (sandbox != null) {
                sandbox.stop();
            }
        }
    }

    /** Binds the app's beans and LinkedIn settings into {@code main}; returns the sandbox it started, if any. */
    static LinkedInSandbox configure(Main main, LeadSyncSettings settings) throws Exception {
        Path dataDir = Path.of(settings.get("leadsync.data-dir", "data")).toAbsolutePath();
        Files.createDirectories(dataDir);
        // the routes read the same settings as this class (placeholders such as {{leadsync.webhook.external-url}})
        for (String key : settings.properties().stringPropertyNames()) {
            String value = settings.get(key, null);
            if (value != null) {
                main.addInitialProperty(key, value);
            }
        }

        LinkedInSandbox sandbox = null;
        String clientId = settings.get("leadsync.linkedin.client-id", null);
        String clientSecret = settings.get("leadsync.linkedin.client-secret", null);
        String oauthBase = settings.get("leadsync.linkedin.oauth-base-url", "https://www.linkedin.com/oauth/v2");
        if (settings.useSandbox()) {
            sandbox = LinkedInSandbox.builder().port(settings.getInt("leadsync.sandbox.port", 8089))
                    .leads(settings.getInt("leadsync.sandbox.leads", 2000)).seed(42L)
                    // false shows the sandbox's consent page with Allow and Cancel, as a browser meets LinkedIn's
                    .autoApproveConsent(Boolean.parseBoolean(settings.get("leadsync.sandbox.auto-approve", "true"))).build().start();
            LOG.info("No LinkedIn app configured: using the embedded LinkedIn sandbox on {}", sandbox.baseUrl());
            clientId = sandbox.clientId();
            clientSecret = settings.get("leadsync.sandbox.client-secret", "sandbox-client-secret-0001");
            oauthBase = sandbox.oauthBaseUrl();
            // routes/demo.yaml: live sandbox leads and a withdrawal, unless leadsync.demo.enabled=false
            main.addInitialProperty("leadsync.sandbox.url", sandbox.baseUrl());
            main.addInitialProperty("leadsync.demo.enabled", settings.get("leadsync.demo.enabled", "true"));
        } else {
            // the demo talks to the sandbox's admin API, which real LinkedIn does not have
            main.addInitialProperty("leadsync.demo.enabled", "false");
        }
        String restBase = sandbox != null ? sandbox.restBaseUrl() : settings.get("leadsync.linkedin.rest-base-url", "https://api.linkedin.com/rest");
        String legacyBase = sandbox != null ? sandbox.legacyBaseUrl() : settings.get("leadsync.linkedin.legacy-base-url", "https://api.linkedin.com/v2");
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
        TokenManager tokens = TokenManager.builder().oauthClient(oauth)
                .tokenStore(new EncryptedFileTokenStore(dataDir.resolve("tokens.enc"), tokenCipher(settings, dataDir))).build();
        tokens.addReauthorizationListener(e -> LOG.warn("{} (or open /connect on this app)", e.getMessage()));
        // the operator's alert (routes/heartbeat.yaml): a WARN with the /connect link and an optional HTTP POST
        tokens.addReauthorizationListener(new AlertingReauthorizationListener(main::getCamelContext));

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("leads");
        pool.setJdbcUrl(settings.get("leadsync.datasource.url", "jdbc:h2:file:" + dataDir.resolve("leadsync") + ";AUTO_SERVER=TRUE"));
        pool.setUsername(settings.get("leadsync.datasource.username", "sa"));
        pool.setPassword(settings.get("leadsync.datasource.password", ""));
        pool.setMaximumPoolSize(settings.getInt("leadsync.datasource.pool-size", 8));
        HikariDataSource dataSource = new HikariDataSource(pool);

        LinkedInApi api = LinkedInApi.builder().tokenProvider(tokens).settings(LinkedInApiSettings.builder().restBaseUrl(restBase)
                .legacyBaseUrl(legacyBase).oauthBaseUrl(oauthBase)
                .version(settings.get("camel.component.linkedin-leadsync.api-version", "202610")).build()).build();

        main.bind("tokenManager", tokens);
        OAuthPages oauthPages = new OAuthPages(tokens, api);
        main.bind("oauthPages", oauthPages);
        main.bind("leadsDataSource", dataSource);
        main.bind("leadsState", new JdbcStateRepository(dataSource));
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

        // the operational routes: forms.yaml, heartbeat.yaml, teardown.yaml, status.yaml, audience-sync.yaml
        String publicUrl = settings.get("leadsync.public-url", "http://localhost:" + settings.getInt("camel.server.port", 8080));
        String webhookUrl = settings.get("leadsync.webhook.external-url", publicUrl) + LeadIntegration.WEBHOOK_PATH;
        main.bind("formTables", new FormTables(api, leadStore));
        main.bind("reauthorizationAlerts", new ReauthorizationAlerts(publicUrl + "/connect", java.time.Clock.systemUTC()));
        LeadIntegration integration = new LeadIntegration(dataSource, webhookUrl);
        main.bind("leadIntegration", integration);
        main.bind("statusReport", new StatusReport(tokens, leadStore, salesforceDeadLetters, dataSource, publicUrl + "/connect", integration));
        main.bind("audienceSegment", new AudienceSegment(settings.get("leadsync.audience.segment-id", null),
                settings.get("leadsync.audience.segment-name", "LeadSync audience")));

        if (sandbox != null) {
            main.bind("sandboxDemo", new SandboxDemo(sandbox.world(), settings.getInt("leadsync.demo.rounds", 3)));
        }
        boolean autoConnect = Boolean.parseBoolean(settings.get("leadsync.sandbox.auto-connect", "true"));
        if (sandbox != null && autoConnect && !tokens.status().connected()) {
            TokenStatus status = SandboxConsent.connect(tokens);
            LOG.info("Connected to the LinkedIn sandbox as {}: access token valid {} days, refresh token {} days", oauthPages.member(),
                    status.accessTokenDaysLeft(), status.refreshTokenDaysLeft());
        }
        return sandbox;
    }

    private static TokenCipher tokenCipher(LeadSyncSettings settings, Path dataDir) throws Exception {
        String key = settings.get("leadsync.token-key", System.getenv(TokenCipher.KEY_ENVIRONMENT_VARIABLE));
        if (key != null) {
            return TokenCipher.fromKeyMaterial(key);
        }
        // demo convenience: a random key beside the data, readable by its owner only; production sets LEADSYNC_TOKEN_KEY
        Path keyFile = dataDir.resolve("token.key");
        if (!Files.exists(keyFile)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(bytes));
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warn("Cannot restrict {} to its owner on this file system", keyFile);
            }
            LOG.warn("No {} set: generated a token encryption key in {} (set the variable in production)",
                    TokenCipher.KEY_ENVIRONMENT_VARIABLE, keyFile);
        }
        return TokenCipher.fromBase64Key(Files.readString(keyFile).trim());
    }
}
