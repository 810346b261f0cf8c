package io.leadsync.camel.linkedin.store;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The store contract on H2 (the embedded default): a fresh in-memory database per test. */
class JdbcLeadStoreH2Test extends JdbcLeadStoreContract {

    @Override
    DataSource emptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:leads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.H2;
    }
}
