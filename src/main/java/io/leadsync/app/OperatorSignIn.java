package io.leadsync.app;

import java.security.SecureRandom;
import java.util.Base64;

import io.leadsync.app.edge.OperatorCredentials;

/**
 * Where the operator's credentials come from: {@code LEADSYNC_ADMIN_PASSWORD} (HTTP basic, user
 * {@code leadsync.admin.user}, default {@code admin}) and/or {@code LEADSYNC_ADMIN_TOKEN} (a bearer token). In sandbox
 * mode without either, a password is generated and printed once on the console, so the README's first command works
 * with no set-up; linkedin mode refuses to start without one ({@link StartupRules}).
 */
final class OperatorSignIn {

    private OperatorSignIn() {
    }

    static OperatorCredentials credentials(LeadSyncMode mode, LeadSyncSettings settings) {
        String user = settings.get("leadsync.admin.user", "admin");
        String password = settings.get("leadsync.admin.password", null);
        String token = settings.get("leadsync.admin.token", null);
        if (password == null && token == null && mode == LeadSyncMode.SANDBOX) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // the console, not the log: the password is for the person who started this run, and log files travel
            System.out.println("Operator sign-in for /connect and /api/* on this run: user " + user + ", password " + password
                    + " (set LEADSYNC_ADMIN_PASSWORD to choose one)");
        }
        return new OperatorCredentials(user, password, token);
    }
}
