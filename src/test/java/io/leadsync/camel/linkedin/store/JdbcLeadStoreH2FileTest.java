package io.leadsync.camel.linkedin.store;

import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on an H2 file database with the app's {@code WRITE_DELAY=0}, where each commit writes the file:
 * slower commits than in memory widen the windows in which concurrent writers meet.
 */
class JdbcLeadStoreH2FileTest extends JdbcLeadStoreContract {

    @TempDir
    Path dir;

    @Override
    DataSource emptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("leads-" + UUID.randomUUID()).toAbsolutePath() + ";WRITE_DELAY=0");
        return h2;
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.H2;
    }
}
