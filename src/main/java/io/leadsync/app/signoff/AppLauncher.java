package io.leadsync.app.signoff;

import java.util.Properties;

import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.main.Main;

/**
 * Wires the integration into a camel-main {@link Main} exactly as {@code LeadSyncMain} does, on the given settings,
 * and answers the embedded sandbox it started. {@code LeadSyncMain.main} hands its own {@code configure} over as this
 * interface, so the walkthrough runs the app as shipped without this package reaching into {@code io.leadsync.app}.
 */
@FunctionalInterface
public interface AppLauncher {

    LinkedInSandbox configure(Main main, Properties settings) throws Exception;
}
