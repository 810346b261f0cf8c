package io.leadsync.camel.linkedin.ledger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import io.leadsync.camel.linkedin.store.FormTable;
import io.leadsync.camel.linkedin.store.JdbcSupport;
import io.leadsync.camel.linkedin.store.SqlDialect;
import io.leadsync.camel.linkedin.store.WriteSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery ledger: one row per LinkedIn lead id in {@code lead_ledger}, the one place that says whether a lead is
 * live or withdrawn and which form holds it. Every write of a lead first locks its ledger row, inserting it when
 * absent, in the same transaction as the per-form row; see {@link #lock} for how each database does it.
 */
public final class LeadLedger {

    private static final Logger LOG = LoggerFactory.getLogger(LeadLedger.class);

    static final String TABLE = SqlDialect.LEDGER;
    public static final String LIVE = "LIVE";
    public static final String WITHDRAWN = "WITHDRAWN";
    private static final String COLUMNS = "lead_id, state, form_id, form_version, first_seen_at, last_seen_at, last_source, withdrawn_at, expires_at";
    private static final int ROWS_PER_STATEMENT = 200;
    private static final Pattern FORM_TABLE = Pattern.compile("leads_form_(\\d+)");

    private LeadLedger() {
    }

    /** What a lead's row said when its lock was taken; {@code inserted} when this transaction created it. */
    public record Entry(String leadId, String state, Long formId, Long formVersion, LocalDateTime expiresAt, boolean inserted) {

        /** Withdrawn and the withdrawal has not expired at {@code now}: nothing may write the lead. */
        public boolean blocks(LocalDateTime now) {
            return WITHDRAWN.equals(state) && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** The row a writer wants, used as is when the lead has none yet. */
    public record Intent(String leadId, String state, Long formId, Long formVersion, WriteSource source, LocalDateTime now,
                  LocalDateTime expiresAt) {
    }

    /**
     * Locks the ledger rows of {@code intents} (distinct lead ids, in lead-id order so that two writers never wait on
     * each other in a circle), inserting the absent ones with the intent's values. Until the transaction ends no
     * other writer can change or insert these leads.
     * <ul>
     * <li>PostgreSQL: {@code INSERT … ON CONFLICT (lead_id) DO UPDATE SET last_seen_at = last_seen_at RETURNING …}: one
     * statement per 200 leads inserts or row-locks each (a concurrent inserter is waited for), and returns the row as
     * it was, with {@code xmax = 0} telling an insert from a lock.</li>
     * <li>H2: per 200 leads, one multi-row {@code INSERT}, which waits for a concurrent inserter. When a lead exists
     * it fails alone (23505, H2 keeps the transaction); a {@code SELECT … WHERE lead_id IN (…)} then tells the existing
     * rows from the absent ones and, in lead-id order, each run of existing rows is locked by one
     * {@code SELECT … FOR UPDATE} (which waits for a writer that holds one, and reads what it committed) and each run
     * of absent ones is added by one multi-row {@code INSERT}. When another writer inserted one of those meanwhile,
     * its leads are taken one by one: {@code MERGE … WHEN NOT MATCHED THEN INSERT}, then {@code SELECT … FOR UPDATE}
     * when the other writer had it first.</li>
     * </ul>
     */
    public static Map<String, Entry> lock(Connection connection, SqlDialect d, List<Intent> intents) throws SQLException {
        Map<String, Entry> locked = new LinkedHashMap<>();
        for (int from = 0; from < intents.size(); from += ROWS_PER_STATEMENT) {
            List<Intent> chunk = intents.subList(from, Math.min(intents.size(), from + ROWS_PER_STATEMENT));
            if (d == SqlDialect.POSTGRESQL) {
                lockPostgres(connection, d, chunk, locked);
            } else {
                lockH2(connection, d, chunk, locked);
            }
        }
        return locked;
    }

    private static void lockPostgres(Connection connection, SqlDialect d, List<Intent> intents, Map<String, Entry> locked) throws SQLException {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < intents.size(); i++) {
            rows.add("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        String sql = "INSERT INTO " + d.quote(TABLE) + " (" + columns(d) + ") VALUES " + rows + " ON CONFLICT (" + d.quote("lead_id")
                + ") DO UPDATE SET " + d.quote("last_seen_at") + " = " + d.quote(TABLE) + "." + d.quote("last_seen_at") + " RETURNING "
                + d.quote("lead_id") + ", " + d.quote("state") + ", " + d.quote("form_id") + ", " + d.quote("form_version") + ", "
                + d.quote("expires_at") + ", (xmax = 0)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Intent intent : intents) {
                index = bind(statement, index, intent);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Entry entry = new Entry(rs.getString(1), rs.getString(2), longOrNull(rs, 3), longOrNull(rs, 4),
                            rs.getObject(5, LocalDateTime.class), rs.getBoolean(6));
                    locked.put(entry.leadId(), entry);
                }
            }
        }
    }

    /**
     * The whole chunk in one insert first: a back-fill's pages hold new leads only. The runs that follow keep every
     * lock in lead-id order; locking all the existing rows first and inserting afterwards would not: a writer whose view
     * of the absent leads is stale (a third one inserted one meanwhile) would wait for that row while holding higher
     * ones, and H2 would report a deadlock (40001).
     */
    private static void lockH2(Connection connection, SqlDialect d, List<Intent> intents, Map<String, Entry> locked) throws SQLException {
        if (insertH2(connection, d, intents, locked)) {
            return;
        }
        Set<String> existing = existingH2(connection, d, intents);
        for (int from = 0, to; from < intents.size(); from = to) {
            boolean exists = existing.contains(intents.get(from).leadId());
            to = from + 1;
            while (to < intents.size() && existing.contains(intents.get(to).leadId()) == exists) {
                to++;
            }
            List<Intent> run = intents.subList(from, to);
            if (exists) {
                lockExistingH2(connection, d, run, locked);
            } else if (!insertH2(connection, d, run, locked)) {
                lockOneByOneH2(connection, d, run, locked);
            }
        }
    }

    private static Set<String> existingH2(Connection connection, SqlDialect d, List<Intent> intents) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement select = selectIn(connection, d, d.quote("lead_id"), "", intents); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        return existing;
    }

    /**
     * {@code SELECT … WHERE lead_id IN (…) FOR UPDATE}: locks the rows, waiting for a writer that holds one and reading
     * the row as that writer committed it. A row purged since it was seen is taken one by one.
     */
    private static void lockExistingH2(Connection connection, SqlDialect d, List<Intent> intents, Map<String, Entry> locked)
            throws SQLException {
        String columns = d.quote("lead_id") + ", " + d.quote("state") + ", " + d.quote("form_id") + ", " + d.quote("form_version") + ", "
                + d.quote("expires_at");
        try (PreparedStatement select = selectIn(connection, d, columns, " FOR UPDATE", intents); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Entry entry = new Entry(rs.getString(1), rs.getString(2), longOrNull(rs, 3), longOrNull(rs, 4),
                        rs.getObject(5, LocalDateTime.class), false);
                locked.put(entry.leadId(), entry);
            }
        }
        List<Intent> gone = intents.stream().filter(intent -> !locked.containsKey(intent.leadId())).toList();
        if (!gone.isEmpty()) {
            lockOneByOneH2(connection, d, gone, locked);
        }
    }

    /**
     * One multi-row {@code INSERT}; false when one of the leads exists, or was inserted by another writer since it was
     * found absent (H2 waits for that writer, then fails with 23505). The failed statement leaves none of its rows and
     * the transaction keeps what it did before. (A JDBC batch would not do: H2 goes on after the failed row and keeps
     * the others.)
     */
    private static boolean insertH2(Connection connection, SqlDialect d, List<Intent> intents, Map<String, Entry> locked)
            throws SQLException {
        StringJoiner rows = new StringJoiner(", ");
        intents.forEach(intent -> rows.add("(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + d.quote(TABLE) + " (" + columns(d) + ") VALUES " + rows)) {
            int index = 1;
            for (Intent intent : intents) {
                index = bind(insert, index, intent);
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            return false;
        }
        for (Intent intent : intents) {
            locked.put(intent.leadId(), new Entry(intent.leadId(), intent.state(), intent.formId(), intent.formVersion(), intent.expiresAt(),
                    true));
        }
        return true;
    }

    private static PreparedStatement selectIn(Connection connection, SqlDialect d, String columns, String suffix, List<Intent> intents)
            throws SQLException {
        StringJoiner ids = new StringJoiner(", ");
        intents.forEach(intent -> ids.add("?"));
        PreparedStatement select = connection.prepareStatement("SELECT " + columns + " FROM " + d.quote(TABLE) + " WHERE "
                + d.quote("lead_id") + " IN (" + ids + ")" + suffix);
        int index = 1;
        for (Intent intent : intents) {
            select.setString(index++, intent.leadId());
        }
        return select;
    }

    /**
     * Per lead, {@code MERGE INTO … WHEN NOT MATCHED THEN INSERT} then, when another writer had it first,
     * {@code SELECT … FOR UPDATE}: for the leads a multi-row statement could not take (another writer inserted or
     * purged one meanwhile), so that each lead is either inserted here or locked as the other writer committed it.
     */
    private static void lockOneByOneH2(Connection connection, SqlDialect d, List<Intent> intents, Map<String, Entry> locked)
            throws SQLException {
        String merge = "MERGE INTO " + d.quote(TABLE) + " l USING (VALUES (CAST(? AS VARCHAR(" + FormTable.ID_LENGTH + ")))) v("
                + d.quote("lead_id") + ") ON l." + d.quote("lead_id") + " = v." + d.quote("lead_id") + " WHEN NOT MATCHED THEN INSERT ("
                + columns(d) + ") VALUES (v." + d.quote("lead_id") + ", ?, ?, ?, ?, ?, ?, ?, ?)";
        String select = "SELECT " + d.quote("state") + ", " + d.quote("form_id") + ", " + d.quote("form_version") + ", " + d.quote("expires_at")
                + " FROM " + d.quote(TABLE) + " WHERE " + d.quote("lead_id") + " = ? FOR UPDATE";
        try (PreparedStatement insert = connection.prepareStatement(merge); PreparedStatement lock = connection.prepareStatement(select)) {
            for (Intent intent : intents) {
                bind(insert, 1, intent);
                boolean inserted;
                try {
                    inserted = insert.executeUpdate() == 1;
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    // a concurrent writer inserted it first and committed: lock its row below
                    inserted = false;
                }
                if (inserted) {
                    locked.put(intent.leadId(), new Entry(intent.leadId(), intent.state(), intent.formId(), intent.formVersion(),
                            intent.expiresAt(), true));
                    continue;
                }
                lock.setString(1, intent.leadId());
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        // inserted and rolled back by another writer between the two statements: rare, and worth a retry
                        throw new SQLException("ledger row of lead " + intent.leadId() + " vanished while being locked", "40001");
                    }
                    locked.put(intent.leadId(), new Entry(intent.leadId(), rs.getString(1), longOrNull(rs, 2), longOrNull(rs, 3),
                            rs.getObject(4, LocalDateTime.class), false));
                }
            }
        }
    }

    private static int bind(PreparedStatement statement, int index, Intent intent) throws SQLException {
        // the lead id, then the other eight columns: the layout of a PostgreSQL VALUES row and of H2's MERGE alike
        statement.setString(index++, intent.leadId());
        statement.setString(index++, intent.state());
        setLong(statement, index++, intent.formId());
        setLong(statement, index++, intent.formVersion());
        statement.setObject(index++, intent.now());
        statement.setObject(index++, intent.now());
        statement.setString(index++, intent.source().name());
        if (WITHDRAWN.equals(intent.state())) {
            statement.setObject(index++, intent.now());
        } else {
            statement.setNull(index++, Types.TIMESTAMP);
        }
        if (intent.expiresAt() == null) {
            statement.setNull(index++, Types.TIMESTAMP);
        } else {
            statement.setObject(index++, intent.expiresAt());
        }
        return index;
    }

    /**
     * The lead is (again) live: its form, the time and the source of this write. A withdrawal that had expired is
     * forgotten, and the lead counts as first seen now.
     */
    public static void markLive(Connection connection, SqlDialect d, List<Intent> intents) throws SQLException {
        if (intents.isEmpty()) {
            return;
        }
        String sql = "UPDATE " + d.quote(TABLE) + " SET " + d.quote("first_seen_at") + " = CASE WHEN " + d.quote("state") + " = '" + WITHDRAWN
                + "' THEN ? ELSE " + d.quote("first_seen_at") + " END, " + d.quote("state") + " = '" + LIVE + "', " + d.quote("form_id")
                + " = ?, " + d.quote("form_version") + " = ?, " + d.quote("last_seen_at") + " = ?, " + d.quote("last_source") + " = ?, "
                + d.quote("withdrawn_at") + " = NULL, " + d.quote("expires_at") + " = NULL WHERE " + d.quote("lead_id") + " = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (Intent intent : intents) {
                update.setObject(1, intent.now());
                setLong(update, 2, intent.formId());
                setLong(update, 3, intent.formVersion());
                update.setObject(4, intent.now());
                update.setString(5, intent.source().name());
                update.setString(6, intent.leadId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * The lead is withdrawn until {@code intent.expiresAt()} (a repeated withdrawal only ever extends that); the form
     * it was known under is kept, or learnt from the withdrawal.
     */
    public static void markWithdrawn(Connection connection, SqlDialect d, Intent intent) throws SQLException {
        String sql = "UPDATE " + d.quote(TABLE) + " SET " + d.quote("withdrawn_at") + " = CASE WHEN " + d.quote("state") + " = '" + WITHDRAWN
                + "' AND " + d.quote("withdrawn_at") + " IS NOT NULL THEN " + d.quote("withdrawn_at") + " ELSE ? END, " + d.quote("state")
                + " = '" + WITHDRAWN + "', " + d.quote("form_id") + " = COALESCE(" + d.quote("form_id") + ", ?), " + d.quote("form_version")
                + " = COALESCE(" + d.quote("form_version") + ", ?), " + d.quote("last_seen_at") + " = ?, " + d.quote("last_source") + " = ?, "
                + d.quote("expires_at") + " = CASE WHEN " + d.quote("expires_at") + " IS NOT NULL AND " + d.quote("expires_at") + " > ? THEN "
                + d.quote("expires_at") + " ELSE ? END WHERE " + d.quote("lead_id") + " = ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, intent.now());
            setLong(update, 2, intent.formId());
            setLong(update, 3, intent.formVersion());
            update.setObject(4, intent.now());
            update.setString(5, intent.source().name());
            update.setObject(6, intent.expiresAt());
            update.setObject(7, intent.expiresAt());
            update.setString(8, intent.leadId());
            update.executeUpdate();
        }
    }

    /** Whether the lead is withdrawn and the withdrawal has not expired at {@code now}. */
    public static boolean isWithdrawn(Connection connection, SqlDialect d, String leadId, LocalDateTime now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + d.quote(TABLE) + " WHERE " + d.quote("lead_id")
                + " = ? AND " + d.quote("state") + " = '" + WITHDRAWN + "' AND (" + d.quote("expires_at") + " IS NULL OR "
                + d.quote("expires_at") + " > ?)")) {
            select.setString(1, leadId);
            select.setObject(2, now);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Deletes the withdrawn rows whose expiry is at or before {@code now}. */
    public static int purge(Connection connection, SqlDialect d, LocalDateTime now) throws SQLException {
        try (PreparedStatement purge = connection.prepareStatement("DELETE FROM " + d.quote(TABLE) + " WHERE " + d.quote("state") + " = '"
                + WITHDRAWN + "' AND " + d.quote("expires_at") + " <= ?")) {
            purge.setObject(1, now);
            return purge.executeUpdate();
        }
    }

    /**
     * Creates the ledger if it is missing, and then brings in what older versions of the store kept elsewhere: every
     * tombstone of {@code lead_tombstones} becomes a withdrawn row (with its expiry, or {@code defaultExpiry} when it
     * had none), every row of a {@code leads_form_*} table a live one, and rows of withdrawn leads that a race of the
     * older store had re-created are deleted. The old tombstone table is left as it was, unread.
     */
    public static void ensure(Connection connection, SqlDialect d, LocalDateTime now, LocalDateTime defaultExpiry) throws SQLException {
        if (!JdbcSupport.columns(connection, d, TABLE).isEmpty()) {
            return;
        }
        JdbcSupport.execute(connection, d.createLedgerTable());
        JdbcSupport.execute(connection, d.indexLedgerExpiry());
        boolean autoCommit = connection.getAutoCommit();
        int withdrawn = 0;
        int live = 0;
        int resurrected = 0;
        java.util.Set<String> tombstoneColumns = JdbcSupport.columns(connection, d, SqlDialect.TOMBSTONES);
        if (!tombstoneColumns.isEmpty()) {
            String expiry = tombstoneColumns.contains(SqlDialect.EXPIRES_AT) ? "COALESCE(t." + d.quote(SqlDialect.EXPIRES_AT) + ", ?)" : "?";
            try (PreparedStatement copy = connection.prepareStatement("INSERT INTO " + d.quote(TABLE) + " (" + columns(d) + ") SELECT t."
                    + d.quote("lead_id") + ", '" + WITHDRAWN + "', t." + d.quote("form_id") + ", NULL, t." + d.quote("deleted_at") + ", t."
                    + d.quote("deleted_at") + ", '" + WriteSource.RECONCILIATION + "', t." + d.quote("deleted_at") + ", " + expiry + " FROM "
                    + d.quote(SqlDialect.TOMBSTONES) + " t WHERE NOT EXISTS (SELECT 1 FROM " + d.quote(TABLE) + " l WHERE l."
                    + d.quote("lead_id") + " = t." + d.quote("lead_id") + ")")) {
                copy.setObject(1, defaultExpiry);
                withdrawn = copy.executeUpdate();
            }
        }
        for (String table : formTables(connection, d)) {
            java.util.Set<String> columns = JdbcSupport.columns(connection, d, table);
            String formId = columns.contains("form_id") ? "t." + d.quote("form_id") : "CAST(NULL AS BIGINT)";
            String version = columns.contains("form_version") ? "t." + d.quote("form_version") : "CAST(NULL AS BIGINT)";
            String seen = columns.contains("synced_at") ? "COALESCE(t." + d.quote("synced_at") + ", ?)" : "?";
            try (PreparedStatement copy = connection.prepareStatement("INSERT INTO " + d.quote(TABLE) + " (" + columns(d) + ") SELECT t."
                    + d.quote("lead_id") + ", '" + LIVE + "', " + formId + ", " + version + ", " + seen + ", " + seen + ", '"
                    + WriteSource.RECONCILIATION + "', NULL, NULL FROM " + d.quote(table) + " t WHERE NOT EXISTS (SELECT 1 FROM "
                    + d.quote(TABLE) + " l WHERE l." + d.quote("lead_id") + " = t." + d.quote("lead_id") + ")")) {
                copy.setObject(1, now);
                copy.setObject(2, now);
                live += copy.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + d.quote(table) + " WHERE " + d.quote("lead_id")
                    + " IN (SELECT " + d.quote("lead_id") + " FROM " + d.quote(TABLE) + " WHERE " + d.quote("state") + " = '" + WITHDRAWN
                    + "' AND " + d.quote("expires_at") + " > ?)")) {
                delete.setObject(1, now);
                resurrected += delete.executeUpdate();
            }
        }
        if (!autoCommit) {
            connection.commit();
        }
        if (withdrawn + live + resurrected > 0) {
            LOG.info("Lead ledger {} created from the existing data: {} withdrawn lead(s) from {}, {} stored lead(s) from the form tables{}",
                    TABLE, withdrawn, SqlDialect.TOMBSTONES, live,
                    resurrected == 0 ? "" : "; " + resurrected + " row(s) of withdrawn leads deleted (re-created by an earlier race)");
        }
    }

    /** The {@code leads_form_<id>} tables of the connection's schema. */
    static List<String> formTables(Connection connection, SqlDialect d) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), d.storedName("leads_form_%"), new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (FORM_TABLE.matcher(name).matches()) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static String columns(SqlDialect d) {
        StringJoiner names = new StringJoiner(", ");
        for (String column : COLUMNS.split(", ")) {
            names.add(d.quote(column));
        }
        return names.toString();
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Long longOrNull(ResultSet rs, int index) throws SQLException {
        long value = rs.getLong(index);
        return rs.wasNull() ? null : value;
    }
}
