package io.leadsync.camel.linkedin.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import io.leadsync.testing.SharedPostgres;

/** The delivery rules on a real PostgreSQL (embedded, one server for the class; the table dropped before each test). */
class JdbcLeadDeliveryRepositoryPostgresTest extends JdbcLeadDeliveryRepositoryContract {

    private static final SharedPostgres.Database DATABASE = SharedPostgres.newDatabase("lead_delivery");

    @Override
    DataSource emptyDatabase() throws SQLException {
        DataSource ds = DATABASE.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS lead_delivery");
        }
        return ds;
    }
}
