package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.leadsync.testing.SharedPostgres;
import org.junit.jupiter.api.Test;

/**
 * Acknowledge only what is durable (issue 9 §5): on PostgreSQL the app's connections commit synchronously even when
 * the database's own default says otherwise, so a 200 to LinkedIn never rests on a commit a server crash can lose.
 */
class PostgresSynchronousCommitTest extends LeadSyncAppTestSupport {

    private static final SharedPostgres.Database DATABASE = SharedPostgres.newDatabase("synchronous_commit");

    @Test
    void theAppsConnectionsCommitSynchronouslyWhateverTheDatabaseDefault() throws Exception {
        try (Connection c = DATABASE.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE.name() + " SET synchronous_commit = off");
        }
        try (Connection c = DATABASE.dataSource().getConnection()) {
            assertThat(setting(c)).as("a plain connection gets the database's default").isEqualTo("off");
        }
        app = LeadSyncApp.start(dataDir, List.of("leads-to-database.yaml"), Map.of("leadsync.datasource.url", DATABASE.jdbcUrl(),
                "leadsync.datasource.username", "postgres", "leadsync.datasource.password", "",
                "leadsync.sandbox.allow-external-datasource", "true"));
        try (Connection c = app.dataSource().getConnection()) {
            assertThat(setting(c)).isEqualTo("on");
        }
    }

    private static String setting(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
