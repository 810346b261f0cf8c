package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * leadsync.mode (issue 7 §3): nothing is guessed from a missing setting. Each refusal happens before anything starts
 * (no sandbox, no data folder, no database) and is one line naming the variable to set.
 */
class StartupRulesTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingOrUnknownModeIsRefused() {
        assertRefused(Map.of(), "leadsync.mode is not set: set LEADSYNC_MODE (or leadsync.mode in application.properties) to sandbox or linkedin");
        assertRefused(Map.of("leadsync.mode", "production"), "leadsync.mode must be sandbox or linkedin, not 'production'");
    }

    @Test
    void linkedinModeNamesEachMissingSecret() {
        assertRefused(Map.of("leadsync.mode", "linkedin"),
                "leadsync.mode=linkedin needs the LinkedIn app's client id: set LEADSYNC_LINKEDIN_CLIENT_ID (leadsync.linkedin.client-id)");
        assertRefused(Map.of("leadsync.mode", "linkedin", "leadsync.linkedin.client-id", "86abc"),
                "leadsync.mode=linkedin needs the LinkedIn app's client secret: set LEADSYNC_LINKEDIN_CLIENT_SECRET (leadsync.linkedin.client-secret)");
        assertRefused(Map.of("leadsync.mode", "linkedin", "leadsync.linkedin.client-id", "86abc", "leadsync.linkedin.client-secret", "s3cr3t"),
                "leadsync.mode=linkedin needs the key that encrypts LinkedIn's tokens at rest: set LEADSYNC_TOKEN_KEY (leadsync.token-key)");
        assertRefused(Map.of("leadsync.mode", "linkedin", "leadsync.linkedin.client-id", "86abc", "leadsync.linkedin.client-secret", "s3cr3t",
                "leadsync.token-key", "a long passphrase"),
                "leadsync.mode=linkedin needs operator credentials for /connect and /api/*: set LEADSYNC_ADMIN_PASSWORD (leadsync.admin.password) "
                        + "or LEADSYNC_ADMIN_TOKEN (leadsync.admin.token)");
    }

    @Test
    void sandboxModeRefusesALinkedInClientIdAndAnExternalDatabase() {
        assertRefused(Map.of("leadsync.mode", "sandbox", "leadsync.linkedin.client-id", "86abc"),
                "LEADSYNC_LINKEDIN_CLIENT_ID is set but leadsync.mode is sandbox: set LEADSYNC_MODE=linkedin (leadsync.mode) to use that "
                        + "LinkedIn app, or unset the client id to run the sandbox");
        for (String url : new String[] {"jdbc:postgresql://db.internal:5432/leads", "jdbc:h2:tcp://db.internal/leads"}) {
            assertRefused(Map.of("leadsync.mode", "sandbox", "leadsync.datasource.url", url),
                    "leadsync.mode is sandbox, which writes demo leads, but LEADSYNC_DATASOURCE_URL (leadsync.datasource.url) is not the "
                            + "embedded H2 database: set LEADSYNC_MODE=linkedin, or LEADSYNC_SANDBOX_ALLOW_EXTERNAL_DATASOURCE=true "
                            + "(leadsync.sandbox.allow-external-datasource) if demo data there is fine");
        }
    }

    @Test
    void sandboxModeAcceptsTheEmbeddedH2AndAnAllowedExternalDatabase() {
        StartupRules.check(LeadSyncMode.SANDBOX, settings(Map.of("leadsync.datasource.url", "jdbc:h2:file:/tmp/x")));
        StartupRules.check(LeadSyncMode.SANDBOX, settings(Map.of("leadsync.datasource.url", "jdbc:h2:mem:x")));
        StartupRules.check(LeadSyncMode.SANDBOX, settings(Map.of("leadsync.datasource.url", "jdbc:postgresql://localhost/leads",
                "leadsync.sandbox.allow-external-datasource", "true")));
    }

    private void assertRefused(Map<String, String> values, String message) {
        Path dataDir = tmp.resolve("data-" + values.hashCode());
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("leadsync.data-dir", dataDir.toString());
        Main main = new Main();
        assertThatThrownBy(() -> LeadSyncMain.configure(main, settings(all)))
                .isInstanceOf(StartupRefusedException.class).hasMessage(message).hasNoCause();
        assertThat(dataDir).as("refused before anything was created").doesNotExist();
        assertThat(main.getCamelContext()).isNull();
    }

    private static LeadSyncSettings settings(Map<String, String> values) {
        Properties p = new Properties();
        values.forEach(p::setProperty);
        return new LeadSyncSettings(p);
    }
}
