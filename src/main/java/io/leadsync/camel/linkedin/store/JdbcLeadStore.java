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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>
 * Tombstones expire: each is kept for {@link #DEFAULT_TOMBSTONE_RETENTION} (400 days) after the delete. LinkedIn keeps
 * a lead for 365 days after it was submitted, and a lead is always submitted before it is withdrawn, so no pull can
 * return a withdrawn lead once its tombstone expires, whether or not the store ever held the lead. A DELETED for an id
 * the store never saw therefore leaves no permanent row. Expired tombstones stop blocking at once; their rows are
 * deleted by {@link #purgeExpiredTombstones}, which {@link #upsert} and {@link #delete} also run at most once an hour.
 */
public final class JdbcLeadStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLeadStore.class);
    /** How long a tombstone outlives its delete: LinkedIn's 365-day retention of a lead plus a margin. */
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofDays(400);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final DataSource dataSource;
    private final Function<VersionedLeadGenFormUrn, LeadForm> formVersions;
    private final Clock clock;
    private final Duration tombstoneRetention;
    private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);
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
        this(dataSource, formVersions, clock, DEFAULT_TOMBSTONE_RETENTION);
    }

    /**
     * As {@link #JdbcLeadStore(DataSource, Function, Clock)}, keeping each tombstone {@code tombstoneRetention} after its
     * delete; it must be at least LinkedIn's 365-day retention of leads, or a later pull could re-create a withdrawn lead.
     */
    public JdbcLeadStore(DataSource dataSource, Function<VersionedLeadGenFormUrn, LeadForm> formVersions, Clock clock,
                         Duration tombstoneRetention) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.formVersions = formVersions;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tombstoneRetention == null || tombstoneRetention.compareTo(Duration.ofDays(365)) < 0) {
            throw new IllegalArgumentException("tombstoneRetention must be at least 365 days (LinkedIn keeps leads that long): "
                                               + tombstoneRetention);
        }
        this.tombstoneRetention = tombstoneRetention;
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
            Map<String, Integer> before = JdbcSupport.columnSizes(connection, d, table.tableName());
            boolean created = before.isEmpty();
            if (created) {
                JdbcSupport.execute(connection, d.createTable(table));
            }
            Map<String, Integer> existing = created ? JdbcSupport.columnSizes(connection, d, table.tableName()) : before;
            List<String> added = new ArrayList<>();
            List<String> widened = new ArrayList<>();
            for (Column column : table.columns()) {
                Integer size = existing.get(column.name());
                if (size == null) {
                    added.add(column.name());
                } else if (column.type() == ColumnType.VARCHAR && size > 0 && size < column.length()) {
                    widened.add(column.name());
                }
            }
            for (String statement : d.addMissingColumns(table, existing.keySet())) {
                JdbcSupport.execute(connection, statement);
            }
            for (String statement : d.widenColumns(table, existing)) {
                JdbcSupport.execute(connection, statement);
            }
            forms.put(table.formId(), new FormState(merged, table));
            TableChange change = new TableChange(table.tableName(), created, created ? List.of() : added, widened);
            if (change.changed()) {
                LOG.info("Lead table {}: {}", table.tableName(), created ? "created" : "added columns " + added + ", widened " + widened);
            }
            return change;
        }
    }

    /**
     * Writes CREATED leads (insert or update by lead id) and applies DELETED ones ({@link #delete}). Leads of a
     * withdrawn id are skipped. Never throws for a bad lead: each result says what happened to its lead, in order.
     */
    public List<StoreResult> upsert(List<Lead> leads) {
        purgeWhenDue();
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
                results[i] = StoreResult.failed(lead.id(), JdbcSupport.reason(e));
            }
        }
        if (!tables.isEmpty()) {
            try {
                writeBatch(leads, tables, results);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Batch of {} leads failed, writing them one by one: {}", tables.size(), JdbcSupport.reason(e));
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
        purgeWhenDue();
        return withOneRetry(lead.id(), (connection, d) -> {
            if (lead.formId() != null) {
                String tableName = FormTable.tableName(lead.formId());
                if (forms.containsKey(lead.formId()) || !JdbcSupport.columns(connection, d, tableName).isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + d.quote(tableName) + " WHERE " + d.quote(FormTable.LEAD_ID) + " = ?")) {
                        delete.setString(1, lead.id());
                        delete.executeUpdate();
                    }
                }
            }
            long now = clock.millis();
            try (PreparedStatement tombstone = connection.prepareStatement(d.insertTombstone())) {
                tombstone.setString(1, lead.id());
                if (lead.formId() == null) {
                    tombstone.setNull(2, java.sql.Types.BIGINT);
                } else {
                    tombstone.setLong(2, lead.formId());
                }
                tombstone.setObject(3, LeadRow.utc(now));
                tombstone.setObject(4, LeadRow.utc(now + tombstoneRetention.toMillis()));
                tombstone.executeUpdate();
            }
            return StoreResult.deleted(lead.id());
        });
    }

    /** Whether the lead was withdrawn (a DELETED lead went through {@link #delete}) and its tombstone has not expired. */
    public boolean isTombstoned(String leadId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureTombstones(connection, d);
            return !JdbcSupport.tombstoned(connection, d, List.of(leadId), LeadRow.utc(clock.millis())).isEmpty();
        }
    }

    /**
     * Deletes the tombstones that have expired (see the class comment); cheap, through an index on
     * {@code expires_at}. {@link #upsert} and {@link #delete} run it at most once an hour; routes may also call it on a
     * schedule.
     *
     * @return how many tombstones were deleted
     */
    public int purgeExpiredTombstones() throws SQLException {
        nextPurge.set(clock.millis() + PURGE_INTERVAL.toMillis());
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureTombstones(connection, d);
            try (PreparedStatement purge = connection.prepareStatement(d.purgeTombstones())) {
                purge.setObject(1, LeadRow.utc(clock.millis()));
                int purged = purge.executeUpdate();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                if (purged > 0) {
                    LOG.debug("Purged {} expired lead tombstone(s)", purged);
                }
                return purged;
            }
        }
    }

    private void purgeWhenDue() {
        long due = nextPurge.get();
        long now = clock.millis();
        if (now >= due && nextPurge.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) {
            try {
                purgeExpiredTombstones();
            } catch (SQLException | RuntimeException e) {
                // a later write tries again; expired tombstones block nothing meanwhile
                LOG.debug("Could not purge expired lead tombstones: {}", JdbcSupport.reason(e));
            }
        }
    }

    /** The number of rows in a form's table (0 when it has none). */
    public long count(long formId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            String tableName = FormTable.tableName(formId);
            if (JdbcSupport.columns(connection, d, tableName).isEmpty()) {
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
        Set<String> tombstoned = inTransaction((connection, d) -> {
            Set<String> withdrawn = JdbcSupport.tombstoned(connection, d, tables.keySet().stream().map(i -> leads.get(i).id()).toList(),
                    LeadRow.utc(now.toEpochMilli()));
            Map<FormTable, List<Integer>> byTable = new LinkedHashMap<>();
            tables.forEach((i, table) -> byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(i));
            for (Map.Entry<FormTable, List<Integer>> entry : byTable.entrySet()) {
                // one lock order for every writer: two pages upserting the same leads cannot deadlock
                List<Integer> indices = new ArrayList<>(entry.getValue());
                indices.sort(Comparator.comparing(i -> leads.get(i).id()));
                try (PreparedStatement upsert = connection.prepareStatement(d.upsert(entry.getKey()))) {
                    int rows = 0;
                    for (int i : indices) {
                        if (!withdrawn.contains(leads.get(i).id())) {
                            LeadRow.bind(upsert, entry.getKey(), leads.get(i), now);
                            upsert.addBatch();
                            rows++;
                        }
                    }
                    if (rows > 0) {
                        upsert.executeBatch();
                    }
                }
            }
            return withdrawn;
        });
        tables.keySet().forEach(i -> {
            String id = leads.get(i).id();
            results[i] = tombstoned.contains(id) ? StoreResult.tombstoned(id) : StoreResult.stored(id);
        });
    }

    private StoreResult writeOne(Lead lead, FormTable table) {
        return withOneRetry(lead.id(), (connection, d) -> {
            if (!JdbcSupport.tombstoned(connection, d, List.of(lead.id()), LeadRow.utc(clock.millis())).isEmpty()) {
                return StoreResult.tombstoned(lead.id());
            }
            try (PreparedStatement upsert = connection.prepareStatement(d.upsert(table))) {
                LeadRow.bind(upsert, table, lead, clock.instant());
                upsert.executeUpdate();
            }
            return StoreResult.stored(lead.id());
        });
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    private interface TransactionWork<T> {
        T run(Connection connection, SqlDialect dialect) throws SQLException;
    }

    private <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureTombstones(connection, d);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection, d);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    // a webhook and a poll writing the same new lead at once: the loser of the insert race sees the row on its retry
    private StoreResult withOneRetry(String leadId, TransactionWork<StoreResult> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work);
            } catch (SQLException e) {
                if (attempt == 1 && JdbcSupport.retryable(e)) {
                    LOG.debug("Retrying lead {} once after SQLState {}", leadId, e.getSQLState());
                    continue;
                }
                return StoreResult.failed(leadId, JdbcSupport.reason(e));
            } catch (RuntimeException e) {
                return StoreResult.failed(leadId, JdbcSupport.reason(e));
            }
        }
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
            Set<String> columns = JdbcSupport.columns(connection, d, SqlDialect.TOMBSTONES);
            if (columns.isEmpty()) {
                JdbcSupport.execute(connection, d.createTombstoneTable());
            } else if (!columns.contains(SqlDialect.EXPIRES_AT)) {
                // a table from before tombstones expired: its tombstones get a full retention from now
                JdbcSupport.execute(connection, d.addTombstoneExpiry());
                boolean autoCommit = connection.getAutoCommit();
                try (PreparedStatement backfill = connection.prepareStatement(d.backfillTombstoneExpiry())) {
                    backfill.setObject(1, LeadRow.utc(clock.millis() + tombstoneRetention.toMillis()));
                    int rows = backfill.executeUpdate();
                    if (!autoCommit) {
                        connection.commit();
                    }
                    LOG.info("Lead tombstones now expire {} days after their delete; {} existing tombstone(s) expire {} days from now",
                            tombstoneRetention.toDays(), rows, tombstoneRetention.toDays());
                }
            }
            JdbcSupport.execute(connection, d.indexTombstoneExpiry());
            tombstonesReady = true;
        }
    }
}
