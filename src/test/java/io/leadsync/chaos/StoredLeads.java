package io.leadsync.chaos;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows of the app's per-form tables ({@code leads_form_<id>}), read over JDBC from its H2 file database once the
 * app has stopped (an H2 file database takes one process), opened read-only so the check changes nothing.
 */
final class StoredLeads {

    /** One stored row: the table it is in and the columns the check compares. */
    record Row(String table, String leadId, Long formId, String leadType, Boolean testLead, Long submittedAtMillis, String firstName,
               String email) {
    }

    private StoredLeads() {
    }

    static List<Row> read(Path appDataDir) throws SQLException {
        String url = "jdbc:h2:file:" + appDataDir.resolve("leadsync").toAbsolutePath() + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "LEADS_FORM_%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    Set<String> columns = columns(rs.getMetaData());
                    String email = columns.contains("WORK_EMAIL") ? "WORK_EMAIL" : columns.contains("EMAIL") ? "EMAIL" : null;
                    while (rs.next()) {
                        LocalDateTime submitted = rs.getObject("SUBMITTED_AT", LocalDateTime.class);
                        rows.add(new Row(table.toLowerCase(Locale.ROOT), rs.getString("LEAD_ID"), (Long) rs.getObject("FORM_ID", Long.class),
                                rs.getString("LEAD_TYPE"), rs.getObject("TEST_LEAD", Boolean.class),
                                submitted == null ? null : submitted.toInstant(ZoneOffset.UTC).toEpochMilli(),
                                columns.contains("FIRST_NAME") ? rs.getString("FIRST_NAME") : null, email == null ? null : rs.getString(email)));
                    }
                }
            }
        }
        return rows;
    }

    /** Rows by lead id, in the order read. */
    static Map<String, List<Row>> byId(List<Row> rows) {
        Map<String, List<Row>> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.computeIfAbsent(r.leadId(), k -> new ArrayList<>()).add(r));
        return byId;
    }

    private static Set<String> columns(ResultSetMetaData meta) throws SQLException {
        Set<String> names = new HashSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnName(i).toUpperCase(Locale.ROOT));
        }
        return names;
    }
}
