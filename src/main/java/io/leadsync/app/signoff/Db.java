package io.leadsync.app.signoff;

import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** Plain JDBC reads of the app's database ({@code leadsDataSource}): what is really stored, not what the app says. */
final class Db {

    private final DataSource dataSource;

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String table(long formId) {
        return "leads_form_" + formId;
    }

    /** The per-form lead tables, lower case. */
    List<String> leadTables() throws SQLException {
        return strings("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) LIKE 'leads_form_%' ORDER BY 1");
    }

    /** The columns of a table, lower case, in table order. */
    List<String> columns(String table) throws SQLException {
        return strings("SELECT LOWER(COLUMN_NAME) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = ? ORDER BY ORDINAL_POSITION", table);
    }

    /** Every lead id of a form's table (with repeats, if a lead were stored twice). */
    List<String> leadIds(long formId) throws SQLException {
        return strings("SELECT lead_id FROM " + table(formId));
    }

    boolean hasTable(long formId) throws SQLException {
        return leadTables().contains(table(formId));
    }

    /** The lead's row (column → value, lower-case names), or null. */
    Map<String, Object> row(long formId, String leadId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table(formId) + " WHERE lead_id = ?")) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof Clob clob) {
                        value = clob.getSubString(1, (int) clob.length());
                    }
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                }
                return row;
            }
        }
    }

    /** The row, or null when the table does not exist yet. */
    Map<String, Object> rowIfAny(long formId, String leadId) {
        try {
            return row(formId, leadId);
        } catch (SQLException e) {
            return null;
        }
    }

    long count(String sql, Object... args) throws SQLException {
        return Long.parseLong(strings(sql, args).get(0));
    }

    List<String> strings(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
