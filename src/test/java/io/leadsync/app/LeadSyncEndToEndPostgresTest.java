package io.leadsync.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end proof on PostgreSQL (embedded, a real server process), as {@code leadsync.datasource.url} sets it. */
class LeadSyncEndToEndPostgresTest extends AbstractLeadSyncEndToEndTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected Map<String, String> database(Path dataDir) {
        return Map.of("leadsync.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "leadsync.datasource.username", "postgres",
                "leadsync.datasource.password", "");
    }
}
