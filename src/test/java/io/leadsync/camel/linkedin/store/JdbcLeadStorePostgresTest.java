package io.leadsync.camel.linkedin.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL (embedded, one server for the class; tables dropped before each test). */
class JdbcLeadStorePostgresTest extends JdbcLeadStoreContract {

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
    DataSource emptyDatabase() throws SQLException {
        DataSource ds = postgres.getPostgresDatabase();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS leads_form_7234246, leads_form_999, lead_tombstones");
        }
        return ds;
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.POSTGRESQL;
    }
}
