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

/** The JDBC chores of {@link JdbcLeadStore}: catalog look-ups, tombstone look-ups, DDL, and reading SQL errors. */
final class JdbcSupport {

    // unique violation (a concurrent insert won the race), serialization failure, deadlock, lock not available, H2 lock timeout
    private static final Set<String> RETRYABLE_STATES = Set.of("23505", "40001", "40P01", "55P03", "HYT00");
    private static final int TOMBSTONE_LOOKUP_CHUNK = 500;
    private static final int MAX_REASON_LENGTH = 300;

    private JdbcSupport() {
    }


    /** The ids among {@code ids} with a tombstone that has not expired at {@code now}. */
    static Set<String> tombstoned(Connection connection, SqlDialect d, List<String> ids, LocalDateTime now) throws SQLException {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += TOMBSTONE_LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + TOMBSTONE_LOOKUP_CHUNK));
            String sql = "SELECT " + d.quote("lead_id") + " FROM " + d.quote(SqlDialect.TOMBSTONES) + " WHERE " + d.quote("lead_id")
                    + " IN (" + SqlDialect.placeholders(chunk.size()) + ") AND (" + d.quote(SqlDialect.EXPIRES_AT) + " IS NULL OR "
                    + d.quote(SqlDialect.EXPIRES_AT) + " > ?)";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                select.setObject(chunk.size() + 1, now);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }


    /** The lower-case column names of a table in the connection's schema; empty when there is no such table. */
    static Set<String> columns(Connection connection, SqlDialect d, String tableName) throws SQLException {
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


    static void execute(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (!autoCommit) {
                connection.commit();
            }
        }
    }


    static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && RETRYABLE_STATES.contains(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
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
