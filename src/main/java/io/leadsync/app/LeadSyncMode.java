package io.leadsync.app;

import java.util.Locale;

/**
 * What the app talks to, said explicitly in {@code leadsync.mode} ({@code LEADSYNC_MODE}). It is never guessed from
 * a missing client id: a Secret that fails to mount in production must stop the app, not start the emulator and
 * write demo leads into the production database.
 */
enum LeadSyncMode {

    /** The embedded (or a standalone) LinkedIn sandbox, a demo and an embedded H2 database. */
    SANDBOX,

    /** Real LinkedIn, with the app's client id, client secret and token key from the environment. */
    LINKEDIN;

    static LeadSyncMode of(String value) {
        if (value == null || value.isBlank()) {
            throw new StartupRefusedException("leadsync.mode is not set: set LEADSYNC_MODE (or leadsync.mode in application.properties) "
                    + "to sandbox or linkedin");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StartupRefusedException("leadsync.mode must be sandbox or linkedin, not '" + value.trim() + "'");
        }
    }
}
