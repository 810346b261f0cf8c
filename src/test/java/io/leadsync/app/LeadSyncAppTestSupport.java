package io.leadsync.app;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the integration as LeadSyncMain wires it: a temporary data folder and the app, closed after each test. */
abstract class LeadSyncAppTestSupport {

    @TempDir
    Path dataDir;

    LeadSyncApp app;

    @AfterEach
    void closeApp() {
        if (app != null) {
            app.close();
        }
    }
}
