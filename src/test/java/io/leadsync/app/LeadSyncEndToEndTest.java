package io.leadsync.app;

import java.nio.file.Path;
import java.util.Map;

/** The end-to-end proof on H2, the database the app uses when none is configured (a file in the data directory). */
class LeadSyncEndToEndTest extends AbstractLeadSyncEndToEndTest {

    @Override
    protected Map<String, String> database(Path dataDir) {
        // LeadSyncMain's default, in this test's data directory
        return Map.of("leadsync.datasource.url", "jdbc:h2:file:" + dataDir.resolve("leadsync").toAbsolutePath() + ";AUTO_SERVER=TRUE");
    }
}
