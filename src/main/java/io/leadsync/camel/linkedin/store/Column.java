package io.leadsync.camel.linkedin.store;

import java.util.Objects;

/**
 * One column of a per-form table and where its value comes from in a {@link io.leadsync.camel.linkedin.lead.Lead}.
 *
 * @param name the sanitised column name (lower snake case, at most 63 characters)
 * @param type the SQL type
 * @param length the VARCHAR length (0 for other types)
 * @param kind what part of the lead fills it
 * @param source the meta name, answer key, hidden field name or consent id, per {@code kind} ({@code null} otherwise)
 */
public record Column(String name, ColumnType type, int length, Kind kind, String source) {

    /** What part of the lead fills a column. */
    public enum Kind {
        /** A {@code meta:} value of the lead. */
        META,
        /** An answer, by its key ({@code predefinedField} or question id). */
        ANSWER,
        /** A hidden field, by name. */
        HIDDEN,
        /** A consent's accepted flag, by consent id. */
        CONSENT,
        /** The lead's field errors as a JSON array. */
        FIELD_ERRORS,
        /** The lead's JSON as LinkedIn sent it. */
        RAW_JSON,
        /** When the store last wrote the row. */
        SYNCED_AT
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
    }

    /** The same column, widened to at least {@code atLeast} characters. */
    Column widenedTo(int atLeast) {
        return atLeast <= length ? this : new Column(name, type, atLeast, kind, source);
    }
}
