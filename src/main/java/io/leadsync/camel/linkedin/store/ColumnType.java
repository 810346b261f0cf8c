package io.leadsync.camel.linkedin.store;

/** The SQL types the per-form tables use; {@link SqlDialect} spells them per database. */
public enum ColumnType {
    /** Bounded text: answers, ids, names. */
    VARCHAR,
    /** Unbounded text: raw JSON, field errors. */
    TEXT,
    BIGINT,
    BOOLEAN,
    /** A point in time, stored as UTC without a zone. */
    TIMESTAMP
}
