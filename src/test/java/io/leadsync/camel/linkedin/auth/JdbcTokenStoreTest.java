package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.leadsync.testing.SharedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JdbcTokenStore on H2 and on a real (embedded) PostgreSQL: round trip, one row per connection, encrypted columns. */
class JdbcTokenStoreTest {

    abstract static class Contract {

        abstract DataSource dataSource();

        String table() {
            return JdbcTokenStore.DEFAULT_TABLE;
        }

        @BeforeEach
        void dropTable() throws SQLException {
            try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DROP TABLE IF EXISTS " + table());
            }
        }

        private JdbcTokenStore store(String connection) {
            return store(connection, TokenStoreFixtures.KEY);
        }

        private JdbcTokenStore store(String connection, String key) {
            return new JdbcTokenStore(dataSource(), TokenCipher.fromBase64Key(key), connection, table(),
                    Clock.systemUTC());
        }

        @Test
        void createsTheTableAndRoundTrips() {
            JdbcTokenStore store = store("default");
            assertThat(store.load()).isEmpty();

            store.save(TokenStoreFixtures.token());
            assertThat(store("default").load()).contains(TokenStoreFixtures.token());

            store.save(TokenStoreFixtures.tokenWithoutRefresh());
            assertThat(store.load()).contains(TokenStoreFixtures.tokenWithoutRefresh());

            store.clear();
            assertThat(store.load()).isEmpty();
        }

        @Test
        void keepsOneRowPerConnectionName() throws SQLException {
            store("tenant-a").save(TokenStoreFixtures.token());
            store("tenant-b").save(TokenStoreFixtures.tokenWithoutRefresh());
            store("tenant-a").save(TokenStoreFixtures.token());

            assertThat(store("tenant-a").load()).contains(TokenStoreFixtures.token());
            assertThat(store("tenant-b").load()).contains(TokenStoreFixtures.tokenWithoutRefresh());
            assertThat(rows()).hasSize(2);
            store("tenant-a").clear();
            assertThat(store("tenant-b").load()).isPresent();
        }

        @Test
        void tokensAreNotReadableFromTheTable() throws SQLException {
            store("default").save(TokenStoreFixtures.token());

            List<String> values = rows();
            assertThat(values).isNotEmpty();
            assertThat(String.join("|", values)).doesNotContain(TokenStoreFixtures.ACCESS)
                    .doesNotContain(TokenStoreFixtures.REFRESH).doesNotContain("AQX").doesNotContain("AQW")
                    .contains("r_ads");
        }

        @Test
        void aCiphertextCopiedToAnotherRowDoesNotDecrypt() throws SQLException {
            store("tenant-a").save(TokenStoreFixtures.token());
            store("tenant-b").save(TokenStoreFixtures.tokenWithoutRefresh());
            try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE " + table() + " SET access_token = (SELECT access_token FROM " + table()
                        + " WHERE connection_name = 'tenant-a') WHERE connection_name = 'tenant-b'");
            }
            assertThatThrownBy(() -> store("tenant-b").load()).isInstanceOf(TokenStoreException.class)
                    .hasMessageContaining("tenant-b");
        }

        @Test
        void wrongKeyGivesAClearError() {
            store("default").save(TokenStoreFixtures.token());

            assertThatThrownBy(() -> store("default", TokenStoreFixtures.OTHER_KEY).load())
                    .isInstanceOf(TokenStoreException.class)
                    .hasMessageContaining("LEADSYNC_TOKEN_KEY")
                    .hasMessageContaining(table())
                    .hasMessageNotContaining(TokenStoreFixtures.ACCESS);
        }

        private List<String> rows() throws SQLException {
            List<String> values = new ArrayList<>();
            try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM " + table())) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.append(rs.getString(i)).append(';');
                    }
                    values.add(row.toString());
                }
            }
            return values;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends Contract {
        private final JdbcDataSource dataSource = new JdbcDataSource();

        OnH2() {
            dataSource.setURL("jdbc:h2:mem:tokens-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }
    }

    @Test
    void commitsOnConnectionsHandedOutWithoutAutoCommit() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:manual-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        List<Connection> handedOut = new ArrayList<>();
        DataSource manualCommit = new ManualCommitDataSource(h2, handedOut);

        new JdbcTokenStore(manualCommit, TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default")
                .save(TokenStoreFixtures.token());

        assertThat(new JdbcTokenStore(h2, TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default").load())
                .as("visible to another connection, so committed").contains(TokenStoreFixtures.token());
        assertThat(handedOut).isNotEmpty().allSatisfy(c -> assertThat(c.isClosed()).isTrue());
    }

    @Test
    void aTableFromBeforeTheSharedRevocationGetsItsColumnAndKeepsItsToken() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:old-table-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcTokenStore writer = new JdbcTokenStore(h2, TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default");
        writer.save(TokenStoreFixtures.token());
        try (Connection c = h2.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + JdbcTokenStore.DEFAULT_TABLE + " DROP COLUMN revoked_reason");
        }

        JdbcTokenStore upgraded = new JdbcTokenStore(h2, TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default");
        assertThat(upgraded.load()).contains(TokenStoreFixtures.token());
        StoredGrant revoked = upgraded.refreshUnderLock(g -> StoredGrant.revoked(g.token(), "invalid_grant"));

        assertThat(revoked.revoked()).isTrue();
        assertThat(new JdbcTokenStore(h2, TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default").loadGrant())
                .isEqualTo(StoredGrant.revoked(TokenStoreFixtures.token(), "invalid_grant"));
        // a new grant (a consent) is not revoked
        upgraded.save(TokenStoreFixtures.tokenWithoutRefresh());
        assertThat(upgraded.loadGrant().revoked()).isFalse();
    }

    @Test
    void aLockedRefreshCommitsOnConnectionsHandedOutWithoutAutoCommit() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:manual-commit-refresh-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        List<Connection> handedOut = new ArrayList<>();
        JdbcTokenStore manual = new JdbcTokenStore(new ManualCommitDataSource(h2, handedOut),
                TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default");
        manual.save(TokenStoreFixtures.token());

        StoredGrant after = manual.refreshUnderLock(g -> StoredGrant.of(TokenStoreFixtures.tokenWithoutRefresh()));

        assertThat(after.token()).isEqualTo(TokenStoreFixtures.tokenWithoutRefresh());
        assertThat(new JdbcTokenStore(h2, TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default").load())
                .as("visible to another connection, so committed").contains(TokenStoreFixtures.tokenWithoutRefresh());
        assertThat(handedOut).allSatisfy(c -> assertThat(c.isClosed()).isTrue());
    }

    @Test
    void aRefreshThatFailsLeavesTheStoredTokenAsItWas() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:failed-refresh-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcTokenStore store = new JdbcTokenStore(h2, TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default");
        store.save(TokenStoreFixtures.token());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.refreshUnderLock(g -> {
            throw new OAuthException("token refresh", 503, "temporarily_unavailable", "LinkedIn is down", null);
        })).isInstanceOf(OAuthException.class);

        assertThat(store.loadGrant()).isEqualTo(StoredGrant.of(TokenStoreFixtures.token()));
    }

    /** Hands out connections with auto-commit off, as many pools are configured. */
    private record ManualCommitDataSource(JdbcDataSource target, List<Connection> handedOut) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection c = target.getConnection();
            c.setAutoCommit(false);
            handedOut.add(c);
            return c;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Contract {
        private final SharedPostgres.Database database = SharedPostgres.newDatabase("token_store");



        @Override
        DataSource dataSource() {
            return database.dataSource();
        }
    }
}
