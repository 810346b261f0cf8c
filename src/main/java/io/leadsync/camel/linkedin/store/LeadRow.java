package io.leadsync.camel.linkedin.store;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAnswer;
import io.leadsync.camel.linkedin.lead.LeadJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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

    /** Epoch milliseconds as the UTC wall-clock time a TIMESTAMP column holds, whatever the JVM's time zone. */
    static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
