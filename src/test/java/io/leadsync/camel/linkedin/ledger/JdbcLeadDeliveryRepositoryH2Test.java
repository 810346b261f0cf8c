package io.leadsync.camel.linkedin.ledger;

import java.util.UUID;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The delivery rules on H2 (the embedded default): a fresh in-memory database per test. */
class JdbcLeadDeliveryRepositoryH2Test extends JdbcLeadDeliveryRepositoryContract {

    @Override
    DataSource emptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:delivery-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
