package io.leadsync.camel.linkedin.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import io.leadsync.testing.SharedPostgres;

/** The store contract on a real PostgreSQL (embedded, one server for the class; tables dropped before each test). */
class JdbcLeadStorePostgresTest extends JdbcLeadStoreContract {

    private static final SharedPostgres.Database DATABASE = SharedPostgres.newDatabase("lead_store");

    @Override
    DataSource emptyDatabase() throws SQLException {
        DataSource ds = DATABASE.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS leads_form_7234246, leads_form_999, lead_tombstones, lead_ledger");
        }
        return ds;
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.POSTGRESQL;
    }
}
