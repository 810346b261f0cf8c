package io.leadsync.camel.linkedin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JDBC chores of the project's tables (the store, the inbox, the delivery ledger): transactions, catalog look-ups,
 * DDL, and reading SQL errors (which are transient).
 */
public final class JdbcSupport {

    /**
     * SQLStates worth trying again, beyond every connection exception (class 08): a concurrent insert won the race
     * (23505; PostgreSQL also raises it for two concurrent {@code CREATE TABLE}s, on its catalog), serialization
     * failure or deadlock (40001, 40P01), lock not available (55P03), the server going away (57P01 admin shutdown,
     * 57P02 crash, 57P03 cannot connect now, 53300 too many connections), a lost DDL race (PostgreSQL 42P07 duplicate
     * table, 42701 duplicate column, 42710 duplicate object; H2 42S01, 42S21, 42S11), H2's lock timeout (HYT00),
     * concurrent update (90131) and broken connection (90067).
     */
    private static final Set<String> RETRYABLE_STATES = Set.of("23505", "40001", "40P01", "55P03", "57P01", "57P02", "57P03", "53300",
            "42P07", "42701", "42710", "42S01", "42S21", "42S11", "HYT00", "90131", "90067");
    private static final int MAX_REASON_LENGTH = 300;

    private JdbcSupport() {
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on {@code connection}: committed when it returns, rolled back when it throws,
     * and the connection's auto-commit restored. One commit for a whole batch matters beyond atomicity: with auto-commit
     * on, H2 commits each row of a JDBC batch on its own, and with {@code WRITE_DELAY=0} every commit writes to the file.
     */
    public static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException lost) {
                // a lost connection cannot roll back; the server rolls back by itself
                e.addSuppressed(lost);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }


    /** The lower-case column names of a table in the connection's schema; empty when there is no such table. */
    public static Set<String> columns(Connection connection, SqlDialect d, String tableName) throws SQLException {
        return columnSizes(connection, d, tableName).keySet();
    }

    /** The lower-case column names of a table with their declared sizes (characters, for text columns). */
    static Map<String, Integer> columnSizes(Connection connection, SqlDialect d, String tableName) throws SQLException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        String stored = d.storedName(tableName);
        try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(), stored, null)) {
            while (rs.next()) {
                // the name is a LIKE pattern, where `_` matches any character
                if (stored.equals(rs.getString("TABLE_NAME"))) {
                    sizes.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"));
                }
            }
        }
        return sizes;
    }


    public static void execute(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (!autoCommit) {
                connection.commit();
            }
        }
    }


    /** Whether {@code e} is transient (see {@link #RETRYABLE_STATES}): the same work may succeed on a new attempt. */
    static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next instanceof java.sql.SQLTransientException || next instanceof java.sql.SQLRecoverableException
                        || retryableState(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean retryableState(String state) {
        return state != null && (state.startsWith("08") || RETRYABLE_STATES.contains(state));
    }

    /** The SQLState that made {@code e} retryable, for a log line. */
    static String state(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null) {
                        return next.getSQLState();
                    }
                }
            }
        }
        return "none";
    }


    static String reason(Exception e) {
        String text;
        if (e instanceof SQLException sql) {
            SQLException cause = sql.getNextException() != null ? sql.getNextException() : sql;
            text = "SQLState " + cause.getSQLState() + ": " + cause.getMessage();
        } else {
            text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        // H2 quotes the offending value ("Value too long for column …: 'Amara…' (301)"): a reason names, it never repeats answers
        int statement = text.indexOf("; SQL statement:");
        text = (statement < 0 ? text : text.substring(0, statement)).replaceAll("'[^']*('|\\.\\.\\.)", "'…'");
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH) + "…";
    }
}
