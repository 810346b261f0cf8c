package io.leadsync.camel.linkedin.auth;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tokens in a database table, one row per connection name (several LinkedIn members or apps can share a
 * table). The token columns are encrypted with {@link TokenCipher}, bound to the connection name and column, so the
 * table never holds a usable token; expiries and scopes stay readable for monitoring. Plain JDBC and standard SQL:
 * tested on H2 and PostgreSQL. The table is created on first use when missing.
 * <p>
 * Replicas sharing the table refresh once between them: {@link #refreshUnderLock} holds a row lock
 * ({@code SELECT … FOR UPDATE}) from re-reading the token to writing the refreshed one, and a grant LinkedIn refused
 * is recorded in {@code revoked_reason} for all of them to see.
 */
public final class JdbcTokenStore implements TokenStore {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "leadsync_oauth_token";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTokenStore.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final TokenCipher cipher;
    private final String connectionName;
    private final String table;
    private final Clock clock;
    private volatile boolean tableReady;

    /** A store on {@value #DEFAULT_TABLE}. */
    public JdbcTokenStore(DataSource dataSource, TokenCipher cipher, String connectionName) {
        this(dataSource, cipher, connectionName, DEFAULT_TABLE, Clock.systemUTC());
    }

    /**
     * @param dataSource     where the table lives
     * @param cipher         encrypts the token columns
     * @param connectionName the row key, e.g. {@code "default"} (at most 200 characters)
     * @param table          the table name (letters, digits, underscore)
     * @param clock          stamps {@code updated_at}
     */
    public JdbcTokenStore(DataSource dataSource, TokenCipher cipher, String connectionName, String table, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.cipher = Objects.requireNonNull(cipher, "cipher == null");
        if (connectionName == null || connectionName.isBlank() || connectionName.length() > 200) {
            throw new IllegalArgumentException("connectionName must have 1 to 200 characters");
        }
        this.connectionName = connectionName;
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be a plain SQL identifier (letters, digits, _): " + table);
        }
        this.table = table;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The table this store uses. */
    public String table() {
        return table;
    }

    @Override
    public Optional<OAuthToken> load() {
        return Optional.ofNullable(loadGrant().token());
    }

    @Override
    public StoredGrant loadGrant() {
        try (Borrowed b = borrow()) {
            return read(b.connection(), false);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Runs {@code refresh} in one transaction that starts with {@code SELECT … FOR UPDATE} on the connection's row:
     * another process calling this for the same connection waits until this one commits, then reads what it stored.
     * When no row exists yet nothing is locked (there is no grant to refresh).
     */
    @Override
    public StoredGrant refreshUnderLock(java.util.function.UnaryOperator<StoredGrant> refresh) {
        try (Borrowed b = borrow()) {
            Connection c = b.connection();
            c.setAutoCommit(false);
            try {
                StoredGrant before = read(c, true);
                StoredGrant after = Objects.requireNonNull(refresh.apply(before), "refresh returned null");
                if (after != before) {
                    store(c, after);
                }
                c.commit();
                return after;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("lock and refresh", e);
        }
    }

    private StoredGrant read(Connection c, boolean forUpdate) throws SQLException {
        String sql = "SELECT access_token, access_token_expires_at, refresh_token, refresh_token_expires_at, scopes,"
                + " granted_at, revoked_reason FROM " + table + " WHERE connection_name = ?"
                + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, connectionName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return StoredGrant.none();
                }
                String refresh = rs.getString("refresh_token");
                OAuthToken token = new OAuthToken(
                        cipher.decryptFromBase64(rs.getString("access_token"), context("access_token")),
                        instant(rs, "access_token_expires_at"),
                        refresh == null ? null : cipher.decryptFromBase64(refresh, context("refresh_token")),
                        instant(rs, "refresh_token_expires_at"),
                        OAuthToken.parseScopes(rs.getString("scopes")),
                        instant(rs, "granted_at"));
                String revoked = rs.getString("revoked_reason");
                return revoked == null ? StoredGrant.of(token) : StoredGrant.revoked(token, revoked);
            }
        } catch (TokenStoreException e) {
            throw new TokenStoreException("Token of connection '" + connectionName + "' in table " + table + ": "
                    + e.getMessage(), null);
        }
    }

    private void store(Connection c, StoredGrant grant) throws SQLException {
        if (!grant.present()) {
            delete(c);
            return;
        }
        upsert(c, grant.token(), grant.revokedReason());
        if (grant.revoked()) {
            LOG.info("Recorded in {} that LinkedIn revoked the grant of connection '{}' (token sha256:{})", table,
                    connectionName, grant.token().accessTokenFingerprint());
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it ends the transaction on the server
        }
    }

    @Override
    public void save(OAuthToken token) {
        Objects.requireNonNull(token, "token == null");
        try (Borrowed b = borrow()) {
            upsert(b.connection(), token, null);
            LOG.debug("Saved LinkedIn token sha256:{} for connection '{}' in {}", token.accessTokenFingerprint(),
                    connectionName, table);
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void upsert(Connection c, OAuthToken token, String revokedReason) throws SQLException {
        String access = cipher.encryptToBase64(token.accessToken(), context("access_token"));
        String refresh = token.refreshToken() == null ? null
                : cipher.encryptToBase64(token.refreshToken(), context("refresh_token"));
        String scopes = String.join(",", token.scopes());
        String update = "UPDATE " + table + " SET access_token = ?, access_token_expires_at = ?, refresh_token = ?,"
                + " refresh_token_expires_at = ?, scopes = ?, granted_at = ?, updated_at = ?, revoked_reason = ?"
                + " WHERE connection_name = ?";
        String insert = "INSERT INTO " + table + " (access_token, access_token_expires_at, refresh_token,"
                + " refresh_token_expires_at, scopes, granted_at, updated_at, revoked_reason, connection_name)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        // UPDATE then INSERT: MERGE and ON CONFLICT are not both available on H2 and PostgreSQL 14
        if (write(c, update, access, refresh, scopes, token, revokedReason) == 0) {
            try {
                write(c, insert, access, refresh, scopes, token, revokedReason);
            } catch (SQLException duplicate) {
                // another process inserted the row between our UPDATE and INSERT: ours is the newer value
                if (!c.getAutoCommit() || write(c, update, access, refresh, scopes, token, revokedReason) == 0) {
                    throw duplicate;
                }
            }
        }
    }

    @Override
    public void clear() {
        try (Borrowed b = borrow()) {
            delete(b.connection());
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    private void delete(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE connection_name = ?")) {
            ps.setString(1, connectionName);
            ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "JdbcTokenStore[table=" + table + ", connection=" + connectionName + "]";
    }

    private int write(Connection c, String sql, String access, String refresh, String scopes, OAuthToken token,
            String revokedReason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, access);
            ps.setObject(2, timestamp(token.accessTokenExpiresAt()));
            ps.setString(3, refresh);
            ps.setObject(4, timestamp(token.refreshTokenExpiresAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(5, scopes);
            ps.setObject(6, timestamp(token.grantedAt()));
            ps.setObject(7, timestamp(clock.instant()));
            ps.setString(8, revokedReason);
            ps.setString(9, connectionName);
            return ps.executeUpdate();
        }
    }

    // each statement commits on its own; a pooled connection gets its auto-commit setting back on close
    private Borrowed borrow() throws SQLException {
        Connection c = dataSource.getConnection();
        boolean autoCommit = true;
        try {
            autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            if (!tableReady) {
                createTableIfMissing(c);
                tableReady = true;
            }
            return new Borrowed(c, autoCommit);
        } catch (SQLException | RuntimeException e) {
            new Borrowed(c, autoCommit).close();
            throw e;
        }
    }

    /** A connection from the data source, handed back with its original auto-commit setting. */
    private record Borrowed(Connection connection, boolean autoCommit) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try {
                if (!autoCommit && !connection.isClosed()) {
                    connection.setAutoCommit(false);
                }
            } finally {
                connection.close();
            }
        }
    }

    private void createTableIfMissing(Connection c) throws SQLException {
        if (tableExists(c)) {
            addRevokedReasonIfMissing(c);
            return;
        }
        String ddl = "CREATE TABLE " + table + " ("
                + "connection_name VARCHAR(200) NOT NULL PRIMARY KEY, "
                + "access_token VARCHAR(4000) NOT NULL, "
                + "access_token_expires_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "refresh_token VARCHAR(4000), "
                + "refresh_token_expires_at TIMESTAMP WITH TIME ZONE, "
                + "scopes VARCHAR(2000), "
                + "granted_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "revoked_reason VARCHAR(1000))";
        try (Statement st = c.createStatement()) {
            st.executeUpdate(ddl);
            LOG.info("Created token table {}", table);
        } catch (SQLException e) {
            // a concurrent starter may have created it first
            if (!tableExists(c)) {
                throw e;
            }
        }
    }

    // tables created before the revocation was shared lack the column
    private void addRevokedReasonIfMissing(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT),
                table.toLowerCase(java.util.Locale.ROOT)}) {
            for (String column : new String[] {"revoked_reason", "REVOKED_REASON"}) {
                try (ResultSet rs = meta.getColumns(null, null, name, column)) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE " + table + " ADD COLUMN revoked_reason VARCHAR(1000)");
            LOG.info("Added column revoked_reason to token table {}", table);
        } catch (SQLException e) {
            // a concurrent starter may have added it first: the next read tells
            LOG.debug("Could not add revoked_reason to {} (SQLState {})", table, e.getSQLState());
        }
    }

    private boolean tableExists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        // unquoted identifiers fold to upper case on H2 and to lower case on PostgreSQL
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT),
                table.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private String context(String column) {
        return table + "/" + connectionName + "/" + column;
    }

    private TokenStoreException failure(String action, SQLException e) {
        return new TokenStoreException("Cannot " + action + " the LinkedIn token of connection '" + connectionName
                + "' in table " + table + " (SQLState " + e.getSQLState() + ")", e);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
