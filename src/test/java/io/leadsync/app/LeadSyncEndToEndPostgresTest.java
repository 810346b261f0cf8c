package io.leadsync.app;

import java.nio.file.Path;
import java.util.Map;

import io.leadsync.testing.SharedPostgres;

/** The end-to-end proof on PostgreSQL (embedded, a real server process), as {@code leadsync.datasource.url} sets it. */
class LeadSyncEndToEndPostgresTest extends AbstractLeadSyncEndToEndTest {

    private static final SharedPostgres.Database DATABASE = SharedPostgres.newDatabase("end_to_end");




    @Override
    protected Map<String, String> database(Path dataDir) {
        return Map.of("leadsync.datasource.url", DATABASE.jdbcUrl(),
                "leadsync.datasource.username", "postgres",
                "leadsync.datasource.password", "",
                // sandbox mode refuses a database server unless told that demo data there is fine
                "leadsync.sandbox.allow-external-datasource", "true");
    }
}
