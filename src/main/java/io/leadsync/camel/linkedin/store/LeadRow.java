package io.leadsync.camel.linkedin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAnswer;
import io.leadsync.camel.linkedin.lead.LeadJson;

/** Binds a lead to the parameters of a form table's upsert, column by column. */
final class LeadRow {

    private LeadRow() {
    }

    static void bind(PreparedStatement statement, FormTable table, Lead lead, Instant now) throws SQLException {
        int index = 1;
        for (Column column : table.columns()) {
            bind(statement, index++, column, value(column, lead, now));
        }
    }

    static Object value(Column column, Lead lead, Instant now) {
        return switch (column.kind()) {
            case META -> lead.meta(column.source());
            case ANSWER -> {
                LeadAnswer answer = lead.answers().get(column.source());
                yield answer == null ? null : answer.value();
            }
            case HIDDEN -> lead.hiddenFields().get(column.source());
            case CONSENT -> lead.consent(column.source());
            case FIELD_ERRORS -> lead.fieldErrors().isEmpty() ? null : LeadJson.write(lead.fieldErrors());
            case RAW_JSON -> lead.raw();
            case SYNCED_AT -> now.toEpochMilli();
        };
    }

    private static void bind(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        switch (column.type()) {
            case VARCHAR, TEXT -> {
                if (value == null) {
                    statement.setNull(index, Types.VARCHAR);
                } else {
                    statement.setString(index, String.valueOf(value));
                }
            }
            case BIGINT -> {
                if (value == null) {
                    statement.setNull(index, Types.BIGINT);
                } else {
                    statement.setLong(index, ((Number) value).longValue());
                }
            }
            case BOOLEAN -> {
                if (value == null) {
                    statement.setNull(index, Types.BOOLEAN);
                } else {
                    statement.setBoolean(index, (Boolean) value);
                }
            }
            case TIMESTAMP -> {
                if (value == null) {
                    statement.setNull(index, Types.TIMESTAMP);
                } else {
                    statement.setObject(index, utc(((Number) value).longValue()));
                }
            }
        }
    }

    private static final int IDS_PER_READ = 500;

    /**
     * The ids of {@code leads} whose row in {@code table} holds what {@link #bind} would write, every column but
     * {@code synced_at} compared; a lead without a row, or with any other difference, is not among them.
     */
    static Set<String> unchanged(Connection connection, SqlDialect d, FormTable table, Map<String, Lead> leads, Instant now)
            throws SQLException {
        List<Column> compared = table.columns().stream().filter(c -> c.kind() != Column.Kind.SYNCED_AT).toList();
        StringJoiner select = new StringJoiner(", ");
        compared.forEach(c -> select.add(d.quote(c.name())));
        List<String> ids = new ArrayList<>(leads.keySet());
        Set<String> unchanged = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            String sql = "SELECT " + select + " FROM " + d.quote(table.tableName()) + " WHERE " + d.quote(FormTable.LEAD_ID) + " IN ("
                         + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Lead lead = leads.get(rs.getString(1));
                        if (lead != null && same(rs, compared, lead, now)) {
                            unchanged.add(lead.id());
                        }
                    }
                }
            }
        }
        return unchanged;
    }

    private static boolean same(ResultSet rs, List<Column> columns, Lead lead, Instant now) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = value(column, lead, now);
            int index = i + 1;
            boolean same = switch (column.type()) {
                case VARCHAR, TEXT -> Objects.equals(value == null ? null : String.valueOf(value), rs.getString(index));
                case BIGINT -> {
                    long stored = rs.getLong(index);
                    yield rs.wasNull() ? value == null : value != null && ((Number) value).longValue() == stored;
                }
                case BOOLEAN -> {
                    boolean stored = rs.getBoolean(index);
                    yield rs.wasNull() ? value == null : value != null && (Boolean) value == stored;
                }
                case TIMESTAMP -> Objects.equals(value == null ? null : utc(((Number) value).longValue()),
                        rs.getObject(index, LocalDateTime.class));
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Epoch milliseconds as the UTC wall-clock time a TIMESTAMP column holds, whatever the JVM's time zone. */
    static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
