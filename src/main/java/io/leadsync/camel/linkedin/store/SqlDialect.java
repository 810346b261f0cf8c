package io.leadsync.camel.linkedin.store;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The SQL of the per-form tables for H2 and PostgreSQL. Identifiers are quoted (a predefined field such as
 * {@code YEAR} may be a reserved word) in the case each database folds unquoted names to, so that hand-written
 * unquoted SQL ({@code select lead_id from leads_form_7234246}) finds them on both.
 */
public enum SqlDialect {

    /** H2 2.x: upper-case identifiers, {@code MERGE INTO … KEY (lead_id)}. */
    H2 {
        @Override
        public String storedName(String name) {
            return name.toUpperCase(Locale.ROOT);
        }

        @Override
        String textType() {
            // unbounded in H2 2.x (up to 10^9 characters) and kept inline, unlike CLOB
            return "CHARACTER VARYING";
        }

        @Override
        public String upsert(FormTable table) {
            return "MERGE INTO " + quote(table.tableName()) + " (" + columnList(table) + ") KEY (" + quote(FormTable.LEAD_ID)
                    + ") VALUES (" + placeholders(table.columns().size()) + ")";
        }

    },

    /** PostgreSQL: lower-case identifiers, {@code INSERT … ON CONFLICT (lead_id) DO UPDATE}. */
    POSTGRESQL {
        @Override
        public String storedName(String name) {
            return name.toLowerCase(Locale.ROOT);
        }

        @Override
        String textType() {
            return "TEXT";
        }

        @Override
        public String upsert(FormTable table) {
            StringJoiner updates = new StringJoiner(", ");
            for (Column column : table.columns()) {
                if (!column.name().equals(FormTable.LEAD_ID)) {
                    updates.add(quote(column.name()) + " = EXCLUDED." + quote(column.name()));
                }
            }
            return "INSERT INTO " + quote(table.tableName()) + " (" + columnList(table) + ") VALUES ("
                    + placeholders(table.columns().size()) + ") ON CONFLICT (" + quote(FormTable.LEAD_ID) + ") DO UPDATE SET " + updates;
        }

    };

    /**
     * The delivery ledger: one row per lead id, live or withdrawn, with its form; every write of a lead locks its row
     * first (see {@link JdbcLeadStore}).
     */
    public static final String LEDGER = "lead_ledger";
    /**
     * The tombstone table of earlier versions of the store, which held the withdrawn leads; its rows move into the
     * ledger when the ledger is created, and it is never read or written after that.
     */
    public static final String TOMBSTONES = "lead_tombstones";
    /** The ledger column after which a withdrawal no longer blocks an upsert and its row may be purged. */
    public static final String EXPIRES_AT = "expires_at";

    /**
     * The dialect of a database.
     *
     * @throws IllegalArgumentException for a database other than H2 or PostgreSQL
     */
    public static SqlDialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        if (product != null && product.toLowerCase(Locale.ROOT).contains("h2")) {
            return H2;
        }
        if (product != null && product.toLowerCase(Locale.ROOT).contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Lead tables support H2 and PostgreSQL, not " + product);
    }

    /** The name as the database stores an unquoted identifier (for metadata look-ups). */
    public abstract String storedName(String name);

    abstract String textType();

    /** The upsert of one lead row: every column of the table, keyed on {@code lead_id}. */
    public abstract String upsert(FormTable table);

    /** The insert of one lead row: every column of the table. */
    public String insert(FormTable table) {
        return "INSERT INTO " + quote(table.tableName()) + " (" + columnList(table) + ") VALUES (" + placeholders(table.columns().size()) + ")";
    }

    /** A quoted identifier. */
    public String quote(String name) {
        return '"' + storedName(name) + '"';
    }

    /** The SQL type of a column. */
    public String type(Column column) {
        return switch (column.type()) {
            case VARCHAR -> "VARCHAR(" + column.length() + ")";
            case TEXT -> textType();
            case BIGINT -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
        };
    }

    /** {@code CREATE TABLE IF NOT EXISTS} with every column and the {@code lead_id} primary key. */
    public String createTable(FormTable table) {
        StringJoiner columns = new StringJoiner(",\n  ", "CREATE TABLE IF NOT EXISTS " + quote(table.tableName()) + " (\n  ", "\n)");
        for (Column column : table.columns()) {
            columns.add(quote(column.name()) + " " + type(column) + (column.name().equals(FormTable.LEAD_ID) ? " NOT NULL" : ""));
        }
        columns.add("PRIMARY KEY (" + quote(FormTable.LEAD_ID) + ")");
        return columns.toString();
    }

    /**
     * {@code ALTER TABLE … ADD COLUMN} for each column of {@code table} missing from {@code existingColumns}
     * (compared ignoring case); never drops a column.
     */
    public List<String> addMissingColumns(FormTable table, Set<String> existingColumns) {
        Set<String> existing = new java.util.HashSet<>();
        existingColumns.forEach(c -> existing.add(c.toLowerCase(Locale.ROOT)));
        List<String> statements = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!existing.contains(column.name().toLowerCase(Locale.ROOT))) {
                statements.add("ALTER TABLE " + quote(table.tableName()) + " ADD COLUMN IF NOT EXISTS " + quote(column.name()) + " "
                        + type(column));
            }
        }
        return statements;
    }

    /**
     * {@code ALTER TABLE … ALTER COLUMN … SET DATA TYPE VARCHAR(n)} for each text column of {@code table} declared
     * shorter in the database (a newer form version raised {@code maxResponseLength}); widening keeps every value.
     *
     * @param existingSizes lower-case column names and their declared sizes
     */
    public List<String> widenColumns(FormTable table, Map<String, Integer> existingSizes) {
        List<String> statements = new ArrayList<>();
        for (Column column : table.columns()) {
            Integer size = existingSizes.get(column.name().toLowerCase(Locale.ROOT));
            if (column.type() == ColumnType.VARCHAR && size != null && size > 0 && size < column.length()) {
                statements.add("ALTER TABLE " + quote(table.tableName()) + " ALTER COLUMN " + quote(column.name()) + " SET DATA TYPE "
                        + type(column));
            }
        }
        return statements;
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS lead_ledger}: {@code lead_id} (primary key), {@code state} ({@code LIVE} or
     * {@code WITHDRAWN}), {@code form_id} and {@code form_version} of the row, {@code first_seen_at},
     * {@code last_seen_at}, {@code last_source} ({@link WriteSource}), and for a withdrawn lead {@code withdrawn_at}
     * and {@code expires_at}.
     */
    public String createLedgerTable() {
        return "CREATE TABLE IF NOT EXISTS " + quote(LEDGER) + " (\n  " + quote("lead_id") + " VARCHAR(" + FormTable.ID_LENGTH
                + ") NOT NULL,\n  " + quote("state") + " VARCHAR(16) NOT NULL,\n  " + quote("form_id") + " BIGINT,\n  "
                + quote("form_version") + " BIGINT,\n  " + quote("first_seen_at") + " TIMESTAMP NOT NULL,\n  " + quote("last_seen_at")
                + " TIMESTAMP NOT NULL,\n  " + quote("last_source") + " VARCHAR(16) NOT NULL,\n  " + quote("withdrawn_at") + " TIMESTAMP,\n  "
                + quote(EXPIRES_AT) + " TIMESTAMP,\n  PRIMARY KEY (" + quote("lead_id") + ")\n)";
    }

    /** The index the purge of expired withdrawals uses. */
    public String indexLedgerExpiry() {
        return "CREATE INDEX IF NOT EXISTS " + quote(LEDGER + "_" + EXPIRES_AT) + " ON " + quote(LEDGER) + " (" + quote(EXPIRES_AT) + ")";
    }

    String columnList(FormTable table) {
        StringJoiner names = new StringJoiner(", ");
        table.columns().forEach(c -> names.add(quote(c.name())));
        return names.toString();
    }

    static String placeholders(int count) {
        StringJoiner marks = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            marks.add("?");
        }
        return marks.toString();
    }
}
