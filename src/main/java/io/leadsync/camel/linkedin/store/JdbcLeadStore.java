package io.leadsync.camel.linkedin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
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

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.ledger.LeadLedger;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leads in one table per lead form (LGF-107), on H2 or PostgreSQL (detected from the connection), with one delivery
 * ledger ({@code lead_ledger}) that every path changing a lead goes through.
 * <p>
 * <b>The ledger.</b> One row per LinkedIn lead id: state ({@code LIVE} or {@code WITHDRAWN}), form id and version,
 * first and last seen, the last source ({@link WriteSource}), and for a withdrawn lead the expiry of the withdrawal.
 * An upsert, a delete or a replay first locks the ledger rows of its leads, inserting absent ones (how each database
 * does it: {@link LeadLedger#lock}), in lead-id order, then writes the per-form rows <em>in the same transaction</em>.
 * So a withdrawal committed by one writer is seen by every later writer of the lead, which then skips it: a withdrawn
 * lead is never re-inserted by a poll page read just before the withdrawal; two writers of a new lead never both
 * insert it; and a DELETED removes the row wherever the ledger says it lives, even without a form id.
 * <p>
 * Exactly once into the datastore: every write is an upsert keyed by lead id. A page is written as one JDBC batch in
 * one transaction; when that fails the page is rolled back and written lead by lead, so that one bad lead does not
 * stop the others (LGF-112). Transient errors (a lost connection, a serialization failure or deadlock, a lock
 * timeout, a lost {@code CREATE TABLE} race: {@link JdbcSupport#retryable}) are retried with a bounded exponential
 * backoff ({@link #retries}) before a lead is reported failed.
 * <p>
 * Tables are created and evolved ({@code ADD COLUMN}, never {@code DROP}) by {@link #ensureTable}; given a source of
 * form versions, {@link #upsert} also does it by itself for a form or version it has not seen yet. Thread-safe.
 * <p>
 * Withdrawals expire: each is kept for {@link #DEFAULT_TOMBSTONE_RETENTION} (400 days) after the delete. LinkedIn keeps
 * a lead for 365 days after it was submitted, and a lead is always submitted before it is withdrawn, so no pull can
 * return a withdrawn lead once its withdrawal expires, whether or not the store ever held the lead. A DELETED for an id
 * the store never saw therefore leaves no permanent row. Expired withdrawals stop blocking at once; their rows are
 * deleted by {@link #purgeExpiredTombstones}, which {@link #upsert} and {@link #delete} also run at most once an hour.
 * Tombstones of the older {@code lead_tombstones} table move into the ledger when it is created.
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
    private volatile boolean ledgerReady;
    private volatile Retries retries = Retries.DEFAULT;
    private volatile FormVersionSource allVersions;

    private record FormState(NavigableMap<Long, LeadForm> versions, FormTable table) {
    }

    /**
     * How transient database errors are retried: up to {@code attempts} tries in all, waiting {@code firstDelay} after
     * the first failure, doubling up to {@code maxDelay} (each wait between half and all of that, at random).
     */
    public record Retries(int attempts, Duration firstDelay, Duration maxDelay) {

        /** 8 tries over about 5 s: enough for a lost connection, a deadlock or a DDL race; a longer outage is dead-lettered. */
        public static final Retries DEFAULT = new Retries(8, Duration.ofMillis(50), Duration.ofSeconds(2));

        public Retries {
            if (attempts < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("attempts must be at least 1 and maxDelay at least firstDelay");
            }
        }

        long delayMillis(int failedAttempt) {
            long delay = firstDelay.toMillis() << Math.min(failedAttempt - 1, 20);
            delay = Math.min(delay, maxDelay.toMillis());
            return delay / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        }
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
        // two writers (or two replicas) creating or evolving the same table: the loser of the DDL race tries again
        return retrying("table of form " + FormTable.of(versions).formId(), () -> ensureTableOnce(versions));
    }

    private TableChange ensureTableOnce(List<LeadForm> versions) throws SQLException {
        FormTable requested = FormTable.of(versions);
        FormState known = forms.get(requested.formId());
        NavigableMap<Long, LeadForm> merged = new TreeMap<>(known == null ? Map.of() : known.versions());
        for (LeadForm form : versions) {
            merged.put(form.versionId() == null ? 0L : form.versionId(), form);
        }
        FormTable table = FormTable.of(new ArrayList<>(merged.values()));
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureLedger(connection, d);
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
     * Writes CREATED leads (insert or update by lead id) and applies DELETED ones ({@link #delete}), each lead's ledger
     * row locked in the same transaction. Leads whose ledger row says withdrawn are skipped. The ledger's last source
     * is the lead's own ({@link WriteSource#of}). Never throws for a bad lead: each result says what happened to its
     * lead, in order.
     */
    public List<StoreResult> upsert(List<Lead> leads) {
        return upsert(leads, null);
    }

    /** As {@link #upsert(List)}, recording {@code source} (e.g. {@link WriteSource#REPLAY}) as the ledger's last source. */
    public List<StoreResult> upsert(List<Lead> leads, WriteSource source) {
        purgeWhenDue();
        prepareTables(leads);
        StoreResult[] results = new StoreResult[leads.size()];
        Map<Integer, FormTable> tables = new LinkedHashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            if (lead.isDeleted()) {
                results[i] = delete(lead, source == null ? WriteSource.of(lead) : source);
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
                retrying("a page of " + tables.size() + " leads", () -> inTransaction((c, d) -> write(c, d, leads, tables, source)))
                        .forEach((i, result) -> results[i] = result);
            } catch (SQLException | RuntimeException e) {
                if (JdbcSupport.retryable(e)) {
                    // the database stayed unreachable through every retry: writing lead by lead would only wait longer
                    String reason = JdbcSupport.reason(e);
                    tables.keySet().forEach(i -> results[i] = StoreResult.failed(leads.get(i).id(), reason));
                } else {
                    LOG.debug("Batch of {} leads failed, writing them one by one: {}", tables.size(), JdbcSupport.reason(e));
                    tables.forEach((i, table) -> results[i] = writeOne(leads, i, table, source));
                }
            }
        }
        long failed = Arrays.stream(results).filter(r -> !r.isDone()).count();
        if (failed > 0) {
            LOG.warn("{} of {} leads could not be stored", failed, leads.size());
        }
        return List.of(results);
    }

    /**
     * Deletes a withdrawn lead's row, wherever the ledger (or the lead's form id) says it lives, and marks its ledger
     * row withdrawn, in one transaction; later upserts of the id are skipped until the withdrawal expires.
     */
    public StoreResult delete(Lead lead) {
        return delete(lead, WriteSource.of(lead));
    }

    /** As {@link #delete(Lead)}, recording {@code source} as the ledger's last source. */
    public StoreResult delete(Lead lead, WriteSource source) {
        purgeWhenDue();
        try {
            return retrying("the withdrawal of lead " + lead.id(), () -> inTransaction((connection, d) -> {
                LocalDateTime now = LeadRow.utc(clock.millis());
                LeadLedger.Intent intent = new LeadLedger.Intent(lead.id(), LeadLedger.WITHDRAWN, lead.formId(), lead.formVersion(), source,
                        now, LeadRow.utc(clock.millis() + tombstoneRetention.toMillis()));
                LeadLedger.Entry entry = LeadLedger.lock(connection, d, List.of(intent)).get(lead.id());
                Set<Long> formIds = new java.util.LinkedHashSet<>();
                if (entry.formId() != null) {
                    formIds.add(entry.formId());
                }
                if (lead.formId() != null) {
                    formIds.add(lead.formId());
                }
                for (long formId : formIds) {
                    String tableName = FormTable.tableName(formId);
                    if (forms.containsKey(formId) || !JdbcSupport.columns(connection, d, tableName).isEmpty()) {
                        try (PreparedStatement delete = connection.prepareStatement(
                                "DELETE FROM " + d.quote(tableName) + " WHERE " + d.quote(FormTable.LEAD_ID) + " = ?")) {
                            delete.setString(1, lead.id());
                            delete.executeUpdate();
                        }
                    }
                }
                if (!entry.inserted()) {
                    LeadLedger.markWithdrawn(connection, d, intent);
                }
                return StoreResult.deleted(lead.id());
            }));
        } catch (SQLException | RuntimeException e) {
            return StoreResult.failed(lead.id(), JdbcSupport.reason(e));
        }
    }

    /** Whether the lead was withdrawn (its ledger row says so) and the withdrawal has not expired. */
    public boolean isTombstoned(String leadId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureLedger(connection, d);
            return LeadLedger.isWithdrawn(connection, d, leadId, LeadRow.utc(clock.millis()));
        }
    }

    /**
     * Deletes the ledger rows of withdrawals that have expired (see the class comment); cheap, through an index on
     * {@code expires_at}. {@link #upsert} and {@link #delete} run it at most once an hour; routes may also call it on a
     * schedule.
     *
     * @return how many expired withdrawals were deleted
     */
    public int purgeExpiredTombstones() throws SQLException {
        nextPurge.set(clock.millis() + PURGE_INTERVAL.toMillis());
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureLedger(connection, d);
            int purged = LeadLedger.purge(connection, d, LeadRow.utc(clock.millis()));
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (purged > 0) {
                LOG.debug("Purged {} expired lead withdrawal(s) from {}", purged, SqlDialect.LEDGER);
            }
            return purged;
        }
    }

    /**
     * Where the other versions of a form come from when a lead brings a form or version this store has no columns for
     * (for example the app's form tables, which know every version from the forms re-pull): the table then gets the
     * columns of all of them in one step. Without it, only the versions of the leads at hand are used. Returns this store.
     */
    public JdbcLeadStore formVersionSource(FormVersionSource source) {
        this.allVersions = source;
        return this;
    }

    /** How transient database errors are retried (default {@link Retries#DEFAULT}); returns this store. */
    public JdbcLeadStore retries(Retries retries) {
        this.retries = Objects.requireNonNull(retries, "retries");
        return this;
    }

    private void purgeWhenDue() {
        long due = nextPurge.get();
        long now = clock.millis();
        if (now >= due && nextPurge.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) {
            try {
                purgeExpiredTombstones();
            } catch (SQLException | RuntimeException e) {
                // a later write tries again; expired withdrawals block nothing meanwhile
                LOG.debug("Could not purge expired lead withdrawals: {}", JdbcSupport.reason(e));
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

    /**
     * Creates or evolves, once per form, the tables of the page's forms and versions this store has no columns for
     * yet, with every version at hand: those of the page (loaded through {@code formVersions}) and those the
     * {@link #formVersionSource} knows. A form that cannot be prepared here is left to {@link #tableFor}, which
     * reports it per lead.
     */
    private void prepareTables(List<Lead> leads) {
        if (formVersions == null) {
            return;
        }
        Map<Long, Set<Long>> unseen = null;
        for (Lead lead : leads) {
            if (lead.isDeleted() || lead.formId() == null || lead.formVersion() == null) {
                continue;
            }
            FormState state = forms.get(lead.formId());
            if (state == null || !state.versions().containsKey(lead.formVersion())) {
                if (unseen == null) {
                    unseen = new TreeMap<>();
                }
                unseen.computeIfAbsent(lead.formId(), id -> new java.util.TreeSet<>()).add(lead.formVersion());
            }
        }
        if (unseen == null) {
            return;
        }
        unseen.forEach((formId, versionIds) -> {
            try {
                List<LeadForm> versions = versionsToCreate(formId, versionIds);
                if (!versions.isEmpty()) {
                    ensureTable(versions);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Table of form {} not prepared for the page; its leads try one by one: {}", formId, JdbcSupport.reason(e));
            }
        });
    }

    private List<LeadForm> versionsToCreate(long formId, Set<Long> versionIds) {
        Map<Long, LeadForm> versions = new TreeMap<>();
        FormVersionSource source = allVersions;
        if (source != null) {
            try {
                for (LeadForm form : source.versions(new VersionedLeadGenFormUrn(formId, versionIds.iterator().next()))) {
                    if (form != null && form.id() != null && form.id() == formId && form.versionId() != null) {
                        versions.put(form.versionId(), form);
                    }
                }
            } catch (RuntimeException e) {
                // the page's own versions still give their columns
                LOG.debug("Versions of form {} not known; using those of the page: {}", formId, e.getMessage());
            }
        }
        for (long versionId : versionIds) {
            if (!versions.containsKey(versionId)) {
                LeadForm form = formVersions.apply(new VersionedLeadGenFormUrn(formId, versionId));
                if (form != null) {
                    versions.put(versionId, form);
                }
            }
        }
        return new ArrayList<>(versions.values());
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

    /**
     * Writes the CREATED leads at {@code tables}' indices in the open transaction: locks their ledger rows (lead-id
     * order: two pages writing the same leads cannot deadlock), skips the withdrawn ones, marks the others live, and
     * writes their per-form rows ({@link FormRows}). Returns each index's result, valid once committed.
     */
    private Map<Integer, StoreResult> write(Connection connection, SqlDialect d, List<Lead> leads, Map<Integer, FormTable> tables,
                                            WriteSource source) throws SQLException {
        Instant now = clock.instant();
        LocalDateTime nowUtc = LeadRow.utc(now.toEpochMilli());
        TreeMap<String, Integer> firstIndex = new TreeMap<>();
        tables.keySet().forEach(i -> firstIndex.putIfAbsent(leads.get(i).id(), i));
        List<LeadLedger.Intent> intents = new ArrayList<>();
        firstIndex.forEach((id, i) -> {
            Lead lead = leads.get(i);
            intents.add(new LeadLedger.Intent(id, LeadLedger.LIVE, lead.formId(), lead.formVersion(),
                    source == null ? WriteSource.of(lead) : source, nowUtc, null));
        });
        Map<String, LeadLedger.Entry> locked = LeadLedger.lock(connection, d, intents);
        Set<String> writable = new java.util.HashSet<>();
        Set<String> fresh = new java.util.HashSet<>();
        List<LeadLedger.Intent> toMarkLive = new ArrayList<>();
        for (LeadLedger.Intent intent : intents) {
            LeadLedger.Entry entry = locked.get(intent.leadId());
            if (entry.inserted()) {
                writable.add(intent.leadId());
                fresh.add(intent.leadId());
            } else if (!entry.blocks(nowUtc)) {
                writable.add(intent.leadId());
                if (LeadLedger.WITHDRAWN.equals(entry.state())) {
                    // a withdrawal past its expiry: the lead is back, as new
                    fresh.add(intent.leadId());
                }
                toMarkLive.add(intent);
            }
        }
        Map<FormTable, List<Integer>> byTable = new LinkedHashMap<>();
        tables.forEach((i, table) -> byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(i));
        Set<String> unchanged = unchangedPolled(connection, d, leads, byTable, toMarkLive, locked, now);
        LeadLedger.markLive(connection, d, toMarkLive);
        for (Map.Entry<FormTable, List<Integer>> entry : byTable.entrySet()) {
            List<Integer> indices = new ArrayList<>(entry.getValue());
            indices.sort(Comparator.comparing(i -> leads.get(i).id()));
            List<Lead> created = new ArrayList<>();
            List<Lead> others = new ArrayList<>();
            for (int i : indices) {
                String id = leads.get(i).id();
                if (writable.contains(id) && !unchanged.contains(id)) {
                    (locked.get(id).inserted() && firstIndex.get(id) == i ? created : others).add(leads.get(i));
                }
            }
            FormRows.write(connection, d, entry.getKey(), created, others, now);
        }
        Map<Integer, StoreResult> results = new LinkedHashMap<>();
        tables.keySet().forEach(i -> {
            String id = leads.get(i).id();
            // a lead twice in one page is new once, at its first place
            results.put(i, writable.contains(id) ? StoreResult.stored(id, fresh.contains(id) && firstIndex.get(id) == i) : StoreResult.tombstoned(id));
        });
        return results;
    }

    /**
     * The leads of a poll page whose row already holds exactly what this write would put there (all but
     * {@code synced_at}): a lead the push stored, read again by the poll. Their rows are left as they are (the ledger
     * still records the poll as the last source), so that a poll re-reading the last minutes of leads reads their rows
     * instead of rewriting each lead's columns and raw JSON while a push is being stored. Only polled leads that were
     * live on the same form version, once in the page, qualify.
     */
    private Set<String> unchangedPolled(Connection connection, SqlDialect d, List<Lead> leads, Map<FormTable, List<Integer>> byTable,
                                        List<LeadLedger.Intent> toMarkLive, Map<String, LeadLedger.Entry> locked, Instant now)
            throws SQLException {
        Set<String> candidates = new java.util.HashSet<>();
        for (LeadLedger.Intent intent : toMarkLive) {
            LeadLedger.Entry entry = locked.get(intent.leadId());
            if (intent.source() == WriteSource.POLL && LeadLedger.LIVE.equals(entry.state()) && Objects.equals(entry.formId(), intent.formId())
                    && Objects.equals(entry.formVersion(), intent.formVersion())) {
                candidates.add(intent.leadId());
            }
        }
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<String> unchanged = new java.util.HashSet<>();
        for (Map.Entry<FormTable, List<Integer>> entry : byTable.entrySet()) {
            Map<String, Lead> byId = new LinkedHashMap<>();
            Set<String> repeated = new java.util.HashSet<>();
            for (int i : entry.getValue()) {
                Lead lead = leads.get(i);
                if (candidates.contains(lead.id()) && byId.putIfAbsent(lead.id(), lead) != null) {
                    repeated.add(lead.id());
                }
            }
            repeated.forEach(byId::remove);
            if (!byId.isEmpty()) {
                unchanged.addAll(LeadRow.unchanged(connection, d, entry.getKey(), byId, now));
            }
        }
        return unchanged;
    }

    private StoreResult writeOne(List<Lead> leads, int index, FormTable table, WriteSource source) {
        Lead lead = leads.get(index);
        try {
            return retrying("lead " + lead.id(), () -> inTransaction((c, d) -> write(c, d, List.of(lead), Map.of(0, table), source))).get(0);
        } catch (SQLException | RuntimeException e) {
            return StoreResult.failed(lead.id(), JdbcSupport.reason(e));
        }
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    private interface TransactionWork<T> {
        T run(Connection connection, SqlDialect dialect) throws SQLException;
    }

    /** Work that may be tried again. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(TransactionWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect d = dialect(connection);
            ensureLedger(connection, d);
            return JdbcSupport.inTransaction(connection, () -> work.run(connection, d));
        }
    }

    /** Runs {@code attempt}, trying again with backoff while it fails transiently ({@link JdbcSupport#retryable}). */
    private <T> T retrying(String what, Attempt<T> attempt) throws SQLException {
        Retries policy = retries;
        for (int tried = 1; ; tried++) {
            try {
                T result = attempt.run();
                if (tried > 1) {
                    LOG.info("Wrote {} on attempt {} (the database failed transiently before)", what, tried);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (tried >= policy.attempts() || !JdbcSupport.retryable(e)) {
                    throw e;
                }
                long delay = policy.delayMillis(tried);
                LOG.debug("Writing {} failed transiently (SQLState {}); trying again in {} ms ({} of {})", what, JdbcSupport.state(e), delay,
                        tried + 1, policy.attempts());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
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

    private void ensureLedger(Connection connection, SqlDialect d) throws SQLException {
        if (!ledgerReady) {
            LeadLedger.ensure(connection, d, LeadRow.utc(clock.millis()), LeadRow.utc(clock.millis() + tombstoneRetention.toMillis()));
            ledgerReady = true;
        }
    }
}
