package io.leadsync.app;

import java.util.regex.Pattern;

/**
 * The settings each {@link LeadSyncMode} needs, checked before anything starts. Each refusal is one line that names
 * the environment variable (and property) to set, so that a Secret that failed to mount reads as exactly that.
 */
final class StartupRules {

    // jdbc:h2:file:…, jdbc:h2:mem:… and jdbc:h2:<path>, but not jdbc:h2:tcp:// or jdbc:h2:ssl:// (a server elsewhere)
    private static final Pattern EMBEDDED_H2 = Pattern.compile("(?i)jdbc:h2:(?!tcp:|ssl:).*");

    private StartupRules() {
    }

    static void check(LeadSyncMode mode, LeadSyncSettings settings) {
        if (mode == LeadSyncMode.LINKEDIN) {
            require(settings, "leadsync.linkedin.client-id", "the LinkedIn app's client id");
            require(settings, "leadsync.linkedin.client-secret", "the LinkedIn app's client secret");
            require(settings, "leadsync.token-key", "the key that encrypts LinkedIn's tokens at rest");
            if (settings.get("leadsync.admin.password", null) == null && settings.get("leadsync.admin.token", null) == null) {
                throw new StartupRefusedException("leadsync.mode=linkedin needs operator credentials for /connect and /api/*: "
                        + "set LEADSYNC_ADMIN_PASSWORD (leadsync.admin.password) or LEADSYNC_ADMIN_TOKEN (leadsync.admin.token)");
            }
            return;
        }
        if (settings.get("leadsync.linkedin.client-id", null) != null) {
            throw new StartupRefusedException("LEADSYNC_LINKEDIN_CLIENT_ID is set but leadsync.mode is sandbox: set LEADSYNC_MODE=linkedin "
                    + "(leadsync.mode) to use that LinkedIn app, or unset the client id to run the sandbox");
        }
        String url = settings.get("leadsync.datasource.url", null);
        if (url != null && !EMBEDDED_H2.matcher(url).matches()
                && !Boolean.parseBoolean(settings.get("leadsync.sandbox.allow-external-datasource", "false"))) {
            throw new StartupRefusedException("leadsync.mode is sandbox, which writes demo leads, but LEADSYNC_DATASOURCE_URL "
                    + "(leadsync.datasource.url) is not the embedded H2 database: set LEADSYNC_MODE=linkedin, or "
                    + "LEADSYNC_SANDBOX_ALLOW_EXTERNAL_DATASOURCE=true (leadsync.sandbox.allow-external-datasource) if demo data there is fine");
        }
    }

    private static void require(LeadSyncSettings settings, String key, String what) {
        if (settings.get(key, null) == null) {
            throw new StartupRefusedException("leadsync.mode=linkedin needs " + what + ": set " + LeadSyncSettings.environmentName(key)
                    + " (" + key + ")");
        }
    }
}
