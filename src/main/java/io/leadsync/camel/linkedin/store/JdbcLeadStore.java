package io.leadsync.camel.linkedin.store;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leads in one table per lead form (LGF-107), on H2 or PostgreSQL (detected from the connection).
 * <p>
 * Exactly once into the datastore: every write is an upsert keyed by lead id, so a lead delivered by a webhook and
 * pulled by a poll at the same moment ends up as one row. A DELETED lead removes the row and leaves a tombstone that
 * later upserts respect. A page is written as one JDBC batch in one transaction; when that fails the page is rolled
 * back and written lead by lead, so that one bad lead does not stop the others (LGF-112).
 * <p>
 * Tables are created and evolved ({@code ADD COLUMN}, never {@code DROP}) by {@link #ensureTable}; given a source of
 * form versions, {@link #upsert} also does it by itself for a form or version it has not seen yet. Thread-safe.
 */
public final class JdbcLeadStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLeadStore.class);
    // unique violation (a concurrent insert won the race), serialization failure, deadlock, lock not available, H2 lock timeout
    private static final Set<String> RETRYABLE_STATES = Set.of("23505", "40001", "40P01", "55P03", "HYT00");
    private static final int TOMBSTONE_LOOKUP_CHUNK = 500;
    private static final int MAX_REASON_LENGTH = 300;

    private final DataSource dataSource;
    private final Function<VersionedLeadGenFormUrn, LeadForm> formVersions;
    private final Clock clock;
    private final ConcurrentMap<Long, FormState> forms = new ConcurrentHashMap<>();
    private volatile SqlDialect dialect;
    private volatile boolean tombstonesReady;

    private record FormState(NavigableMap<Long, LeadForm> versions, FormTable table) {
    }

    /** A store whose tables are created by {@link #ensureTable} only. */
    public JdbcLeadStore(DataSource dataSource) {
        this(dataSource, null, Clock.systemUTC());
    }

    /**
     * A store that, on a lead of a form version it has not seen, loads that version from {@code formVersions} (for
     * example a {@code CachingLeadContext::formVersion}) and creates or evolves the table first.
     */
    public JdbcLeadStore(DataSource dataSource, Function<VersionedLeadGenFormUrn, LeadForm> formVersions) {
        this(dataSource, formVersions, Clock.systemUTC());
    }

    /** As {@link #JdbcLeadStore(DataSource, Function)}, with the clock that stamps {@code synced_at} and tombstones. */
    public JdbcLeadStore(DataSource dataSource, Function<VersionedLeadGenFormUrn, LeadForm> formVersions, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.formVersions = formVersions;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The dialect of the database (detected on first use). */
    public SqlDialect dialect() throws SQLException {
        SqlDialect d = dialect;
        if (d == null) {
            try (Connection connection = dataSource.getConnection()) {
                d = dialect(connection);
            }
        }
        return d;
    }

    /** The table this store writes leads of {@code formId} to, or {@code null} before {@link #ensureTable}. */
    public FormTable table(long formId) {
        FormState state = forms.get(formId);
        return state == null ? null : state.table();
    }

    /**
     * Creates the table of a form from its versions, or adds the columns a newer version brought to the existing table
     * (existing rows and columns are kept). Idempotent. Versions passed earlier are remembered: the table always holds
     * the columns of every version seen.
     *
     * @param versions one or more versions of one form
     * @return whether the table was created and which columns were added
     */
    public synchronized TableChange ensureTable(List<LeadForm> versions) throws SQLException {
        FormTable requested = FormTable.of(versions);
        FormState known = forms.get(requested.formId());
        NavigableMap<Long, LeadForm> merged = new TreeMap<>(known == null ? Map.of() : known.versions());
        for (LeadForm form : versions) {
            merged.put(form.versionId() == null ? 0L : form.versionId(), form);
        }
        FormTable table = FormTable.of(new ArrayList<>(merged.values()));
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureTombstones(connection, d);
            Set<String> before = columns(connection, d, table.tableName());
            boolean created = before.isEmpty();
            if (created) {
                execute(connection, d.createTable(table));
            }
            Set<String> existing = created ? columns(connection, d, table.tableName()) : before;
            List<String> added = new ArrayList<>();
            for (Column column : table.columns()) {
                if (!existing.contains(column.name())) {
                    added.add(column.name());
                }
            }
            for (String statement : d.addMissingColumns(table, existing)) {
                execute(connection, statement);
            }
            forms.put(table.formId(), new FormState(merged, table));
            TableChange change = new TableChange(table.tableName(), created, created ? List.of() : added);
            if (change.changed()) {
                LOG.info("Lead table {}: {}", table.tableName(), created ? "created" : "added columns " + added);
            }
            return change;
        }
    }

    /**
     * Writes CREATED leads (insert or update by lead id) and applies DELETED ones ({@link #delete}). Leads of a
     * withdrawn id are skipped. Never throws for a bad lead: each result says what happened to its lead, in order.
     */
    public List<StoreResult> upsert(List<Lead> leads) {
        StoreResult[] results = new StoreResult[leads.size()];
        Map<Integer, FormTable> tables = new LinkedHashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            if (lead.isDeleted()) {
                results[i] = delete(lead);
                continue;
            }
            try {
                tables.put(i, tableFor(lead));
            } catch (SQLException | RuntimeException e) {
                results[i] = StoreResult.failed(lead.id(), reason(e));
            }
        }
        if (!tables.isEmpty()) {
            try {
                writeBatch(leads, tables, results);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Batch of {} leads failed, writing them one by one: {}", tables.size(), reason(e));
                tables.forEach((i, table) -> results[i] = writeOne(leads.get(i), table));
            }
        }
        long failed = Arrays.stream(results).filter(r -> !r.isDone()).count();
        if (failed > 0) {
            LOG.warn("{} of {} leads could not be stored", failed, leads.size());
        }
        return List.of(results);
    }

    /**
     * Deletes a withdrawn lead's row and records its tombstone, in one transaction; later upserts of the id are skipped.
     */
    public StoreResult delete(Lead lead) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                SqlDialect d = dialect(connection);
                ensureTombstones(connection, d);
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    if (lead.formId() != null) {
                        String tableName = FormTable.tableName(lead.formId());
                        if (forms.containsKey(lead.formId()) || !columns(connection, d, tableName).isEmpty()) {
                            try (PreparedStatement delete = connection.prepareStatement(
                                    "DELETE FROM " + d.quote(tableName) + " WHERE " + d.quote(FormTable.LEAD_ID) + " = ?")) {
                                delete.setString(1, lead.id());
                                delete.executeUpdate();
                            }
                        }
                    }
                    try (PreparedStatement tombstone = connection.prepareStatement(d.insertTombstone())) {
                        tombstone.setString(1, lead.id());
                        if (lead.formId() == null) {
                            tombstone.setNull(2, java.sql.Types.BIGINT);
                        } else {
                            tombstone.setLong(2, lead.formId());
                        }
                        tombstone.setObject(3, LeadRow.utc(clock.millis()));
                        tombstone.executeUpdate();
                    }
                    connection.commit();
                    return StoreResult.deleted(lead.id());
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (attempt == 1 && retryable(e)) {
                    continue;
                }
                return StoreResult.failed(lead.id(), reason(e));
            } catch (RuntimeException e) {
                return StoreResult.failed(lead.id(), reason(e));
            }
        }
    }

    /** Whether the lead was withdrawn (a DELETED lead went through {@link #delete}). */
    public boolean isTombstoned(String leadId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureTombstones(connection, d);
            return !tombstoned(connection, d, List.of(leadId)).isEmpty();
        }
    }

    /** The number of rows in a form's table (0 when it has none). */
    public long count(long formId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            String tableName = FormTable.tableName(formId);
            if (columns(connection, d, tableName).isEmpty()) {
                return 0;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + d.quote(tableName))) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private FormTable tableFor(Lead lead) throws SQLException {
        if (lead.formId() == null) {
            throw new IllegalStateException("lead " + lead.id() + " names no form, so it has no table");
        }
        FormState state = forms.get(lead.formId());
        boolean versionKnown = state != null && (lead.formVersion() == null || state.versions().containsKey(lead.formVersion()));
        if (versionKnown || formVersions == null || lead.formVersion() == null) {
            if (state == null) {
                throw new IllegalStateException("no table for lead form " + lead.formId() + ": ensureTable was not called for it");
            }
            return state.table();
        }
        VersionedLeadGenFormUrn urn = new VersionedLeadGenFormUrn(lead.formId(), lead.formVersion());
        LeadForm form;
        try {
            form = formVersions.apply(urn);
        } catch (RuntimeException e) {
            if (state != null) {
                // the known columns still hold the questions this version shares with earlier ones
                LOG.debug("Form version {} could not be loaded; writing with the columns known so far", urn, e);
                return state.table();
            }
            throw new IllegalStateException("no table for lead form " + lead.formId() + ": form version " + urn
                    + " could not be loaded: " + e.getMessage(), e);
        }
        if (form == null) {
            throw new IllegalStateException("no table for lead form " + lead.formId() + ": form version " + urn + " was not found");
        }
        ensureTable(List.of(form));
        return forms.get(lead.formId()).table();
    }

    private void writeBatch(List<Lead> leads, Map<Integer, FormTable> tables, StoreResult[] results) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureTombstones(connection, d);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<String> ids = tables.keySet().stream().map(i -> leads.get(i).id()).toList();
                Set<String> tombstoned = tombstoned(connection, d, ids);
                Map<String, List<Integer>> byTable = new LinkedHashMap<>();
                Map<String, FormTable> tableByName = new HashMap<>();
                tables.forEach((i, table) -> {
                    byTable.computeIfAbsent(table.tableName(), t -> new ArrayList<>()).add(i);
                    tableByName.put(table.tableName(), table);
                });
                for (Map.Entry<String, List<Integer>> entry : byTable.entrySet()) {
                    FormTable table = tableByName.get(entry.getKey());
                    // one lock order for every writer: two pages upserting the same leads cannot deadlock
                    List<Integer> indices = new ArrayList<>(entry.getValue());
                    indices.sort(Comparator.comparing(i -> leads.get(i).id()));
                    try (PreparedStatement upsert = connection.prepareStatement(d.upsert(table))) {
                        int rows = 0;
                        for (int i : indices) {
                            if (!tombstoned.contains(leads.get(i).id())) {
                                LeadRow.bind(upsert, table, leads.get(i), now);
                                upsert.addBatch();
                                rows++;
                            }
                        }
                        if (rows > 0) {
                            upsert.executeBatch();
                        }
                    }
                }
                connection.commit();
                tables.keySet().forEach(i -> {
                    String id = leads.get(i).id();
                    results[i] = tombstoned.contains(id) ? StoreResult.tombstoned(id) : StoreResult.stored(id);
                });
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private StoreResult writeOne(Lead lead, FormTable table) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                SqlDialect d = dialect(connection);
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    if (!tombstoned(connection, d, List.of(lead.id())).isEmpty()) {
                        connection.commit();
                        return StoreResult.tombstoned(lead.id());
                    }
                    try (PreparedStatement upsert = connection.prepareStatement(d.upsert(table))) {
                        LeadRow.bind(upsert, table, lead, clock.instant());
                        upsert.executeUpdate();
                    }
                    connection.commit();
                    return StoreResult.stored(lead.id());
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (attempt == 1 && retryable(e)) {
                    LOG.debug("Retrying lead {} once after {}", lead.id(), e.getSQLState());
                    continue;
                }
                return StoreResult.failed(lead.id(), reason(e));
            } catch (RuntimeException e) {
                return StoreResult.failed(lead.id(), reason(e));
            }
        }
    }

    private static Set<String> tombstoned(Connection connection, SqlDialect d, List<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += TOMBSTONE_LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + TOMBSTONE_LOOKUP_CHUNK));
            String sql = "SELECT " + d.quote("lead_id") + " FROM " + d.quote(SqlDialect.TOMBSTONES) + " WHERE " + d.quote("lead_id")
                    + " IN (" + SqlDialect.placeholders(chunk.size()) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private SqlDialect dialect(Connection connection) throws SQLException {
        SqlDialect d = dialect;
        if (d == null) {
            d = SqlDialect.detect(connection.getMetaData());
            dialect = d;
        }
        return d;
    }

    private void ensureTombstones(Connection connection, SqlDialect d) throws SQLException {
        if (!tombstonesReady) {
            if (columns(connection, d, SqlDialect.TOMBSTONES).isEmpty()) {
                execute(connection, d.createTombstoneTable());
            }
            tombstonesReady = true;
        }
    }

    /** The lower-case column names of a table in the connection's schema; empty when there is no such table. */
    private static Set<String> columns(Connection connection, SqlDialect d, String tableName) throws SQLException {
        Set<String> names = new HashSet<>();
        String stored = d.storedName(tableName);
        try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(), stored, null)) {
            while (rs.next()) {
                // the name is a LIKE pattern, where `_` matches any character
                if (stored.equals(rs.getString("TABLE_NAME"))) {
                    names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (!autoCommit) {
                connection.commit();
            }
        }
    }

    private static boolean retryable(SQLException e) {
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

    private static String reason(Exception e) {
        String text;
        if (e instanceof SQLException sql) {
            SQLException cause = sql.getNextException() != null ? sql.getNextException() : sql;
            text = "SQLState " + cause.getSQLState() + ": " + cause.getMessage();
        } else {
            text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH) + "…";
    }
}
