package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.store.StoreResult;
import io.leadsync.testing.SharedPostgres;
import org.junit.jupiter.api.Test;

/**
 * The database sink on a real PostgreSQL whose server ends the app's connection (a failover, an administrator, a
 * restart): the write is retried on a new connection and the lead is stored, not dead-lettered.
 */
class LeadStoreSinkTransientErrorsTest {

    private static final SharedPostgres.Database DATABASE = SharedPostgres.newDatabase("sink_transient");

    @Test
    void aConnectionKilledByTheServerIsRetriedAndTheLeadStoredNotDeadLettered() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(DATABASE.jdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            LeadStoreSink sink = new LeadStoreSink(pool, null);
            sink.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
            List<Lead> page = LeadFixtures.normalizedPage();
            assertThat(sink.store(List.of(page.get(1)))).extracting(StoreResult::status).containsExactly(StoreResult.Status.STORED);

            // the server ends the pool's only connection; the pool does not know yet
            assertThat(terminateOtherBackends()).isPositive();

            List<StoreResult> results = sink.store(List.of(page.get(0)));

            assertThat(results).extracting(StoreResult::status).containsExactly(StoreResult.Status.STORED);
            assertThat(results.get(0).isNew()).isTrue();
            assertThat(sink.deadLetterCount()).isZero();
            assertThat(sink.count(LeadFixtures.FORM_ID)).isEqualTo(2);
        }
    }

    private static int terminateOtherBackends() throws Exception {
        try (Connection c = DATABASE.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ? "
                     + "AND pid <> pg_backend_pid()")) {
            ps.setString(1, DATABASE.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
