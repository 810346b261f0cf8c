package io.leadsync.app;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import io.leadsync.camel.linkedin.store.FormTable;
import io.leadsync.camel.linkedin.store.JdbcLeadStore;
import io.leadsync.camel.linkedin.store.StoreResult;
import io.leadsync.camel.linkedin.store.TableChange;
import io.leadsync.camel.linkedin.store.WriteSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database sink of the shipped routes: writes a page of leads in one batch (upsert keyed by lead id, deletions
 * with tombstones), tells the story in the log, and dead-letters the leads the database refused. Throws only when
 * the database itself is unreachable, so that the consumer keeps its watermark and the page is read again.
 */
public final class LeadStoreSink {

    private static final Logger LOG = LoggerFactory.getLogger(LeadStoreSink.class);

    private final JdbcLeadStore store;
    private final DeadLetters deadLetters;
    private volatile java.util.function.Supplier<io.leadsync.camel.linkedin.metrics.LeadSyncMetrics> metrics =
            () -> io.leadsync.camel.linkedin.metrics.LeadSyncMetrics.NONE;

    public LeadStoreSink(DataSource dataSource, Function<VersionedLeadGenFormUrn, LeadForm> formVersions) throws SQLException {
        this(dataSource, formVersions, java.time.Clock.systemUTC());
    }

    /** As {@link #LeadStoreSink(DataSource, Function)}, with the clock of the store and of the dead letters' replay schedule. */
    public LeadStoreSink(DataSource dataSource, Function<VersionedLeadGenFormUrn, LeadForm> formVersions, java.time.Clock clock)
            throws SQLException {
        this.store = new JdbcLeadStore(dataSource, formVersions, clock);
        this.deadLetters = new DeadLetters(dataSource, "database", clock);
    }

    /** Where the leadsync.leads.* counters go (the app's CamelContext); by default nowhere. */
    public void setMetrics(java.util.function.Supplier<io.leadsync.camel.linkedin.metrics.LeadSyncMetrics> metrics) {
        this.metrics = metrics;
    }

    /**
     * Stores one page or burst of leads; returns what happened to each, in order. A pushed lead gets its own log line
     * (the live story); a pulled page gets one line per table, so that a back-fill of thousands reads as progress.
     */
    public List<StoreResult> store(List<Lead> leads) throws SQLException {
        return store(leads, null);
    }

    private List<StoreResult> store(List<Lead> leads, WriteSource source) throws SQLException {
        List<StoreResult> results = store.upsert(leads, source);
        metrics.get().leadsWritten(leads, results, source);
        Map<String, Lead> byId = leads.stream().collect(Collectors.toMap(Lead::id, l -> l, (a, b) -> b));
        List<String> stored = new ArrayList<>();
        // keyed by form id: a table name is built per table for the summary line, not per lead
        Map<Long, Integer> pulledPerForm = new TreeMap<>();
        int pulledKnown = 0;
        for (StoreResult result : results) {
            Lead lead = byId.get(result.leadId());
            switch (result.status()) {
                case STORED -> {
                    stored.add(lead.id());
                    if (lead.source() == LeadSource.POLL && !result.isNew()) {
                        // the webhook or an earlier poll stored it first: the poll only confirms it
                        pulledKnown++;
                    } else if (lead.source() == LeadSource.POLL) {
                        pulledPerForm.merge(lead.formId(), 1, Integer::sum);
                        if (LOG.isDebugEnabled()) {
                            LOG.debug("Lead {} stored in table {}", lead.id(), FormTable.tableName(lead.formId()));
                        }
                    } else {
                        LOG.info("{} lead {} ({}{}, form \"{}\") stored in table {}", result.isNew() ? "New" : "Known", lead.id(),
                                lead.leadType(), lead.testLead() ? ", test" : "", lead.formName(), FormTable.tableName(lead.formId()));
                    }
                }
                case DELETED -> LOG.info("Lead {} withdrawn on LinkedIn: row deleted from {}, withdrawal kept in lead_ledger", lead.id(),
                        lead.formId() == null ? "its table" : FormTable.tableName(lead.formId()));
                case SKIPPED_TOMBSTONED -> LOG.info("Lead {} skipped: it was withdrawn earlier", lead.id());
                case FAILED -> {
                    LOG.warn("Lead {} not stored ({}); kept in {} for replay", lead.id(), result.reason(), DeadLetters.TABLE);
                    deadLetters.add(lead, result.reason());
                }
            }
        }
        if ((!pulledPerForm.isEmpty() || pulledKnown > 0) && LOG.isInfoEnabled()) {
            // "new" means new to the datastore (the ledger says), not new to this poll
            Map<String, Integer> pulledPerTable = new TreeMap<>();
            pulledPerForm.forEach((formId, n) -> pulledPerTable.put(FormTable.tableName(formId), n));
            LOG.info("Pulled leads: {} new{}{}", pulledPerTable.values().stream().mapToInt(Integer::intValue).sum(),
                    pulledPerTable.isEmpty() ? "" : " (" + pulledPerTable.entrySet().stream().map(e -> e.getValue() + " in " + e.getKey())
                            .collect(Collectors.joining(", ")) + ")",
                    pulledKnown == 0 ? "" : ", " + pulledKnown + " already stored");
        }
        deadLetters.removeAll(stored);
        return results;
    }

    /** Stores every dead-lettered lead again; those that succeed leave the dead-letter table. */
    public List<StoreResult> replayDeadLetters() throws SQLException {
        List<Lead> leads = deadLetters.all();
        LOG.info("Replaying {} dead-lettered leads", leads.size());
        return leads.isEmpty() ? List.of() : store(leads, WriteSource.REPLAY);
    }

    /**
     * Stores again the dead letters due for an automatic replay (routes/replay.yaml runs it on a timer): each is due a
     * minute after its failure, the wait doubling with every failed replay up to six hours. Quiet when none is due.
     *
     * @return what became of the replayed leads (empty when none was due)
     */
    public List<StoreResult> replayDue() throws SQLException {
        List<Lead> leads = deadLetters.due();
        if (leads.isEmpty()) {
            return List.of();
        }
        List<StoreResult> results = store(leads, WriteSource.REPLAY);
        long stored = results.stream().filter(StoreResult::isDone).count();
        LOG.info("Scheduled replay of {} dead-lettered lead(s): {} stored, {} still failing (tried again later)", leads.size(), stored,
                leads.size() - stored);
        return results;
    }

    /**
     * Creates the table of a form from its versions, or adds the columns of newer versions; never drops anything
     * (routes/forms.yaml). The versions are remembered, so leads of an older version find their columns too.
     */
    public TableChange ensureTable(List<LeadForm> versions) throws SQLException {
        return store.ensureTable(versions);
    }

    /**
     * Where the store finds every version of a form when a lead reaches a form or version it has no columns for yet
     * (the app's {@link FormTables}), so that the table is created once with all their columns; returns this sink.
     */
    public LeadStoreSink formVersionSource(io.leadsync.camel.linkedin.store.FormVersionSource source) {
        store.formVersionSource(source);
        return this;
    }

    /** Replays the dead letters and answers what became of them, for {@code POST /api/dead-letters/replay}. */
    public Map<String, Object> replayReport() throws SQLException {
        List<StoreResult> results = replayDeadLetters();
        List<Map<String, String>> failing = results.stream().filter(r -> !r.isDone())
                .map(r -> Map.of("leadId", r.leadId(), "reason", String.valueOf(r.reason()))).toList();
        return Map.of("replayed", results.size(), "stored", results.size() - failing.size(), "stillFailing", failing,
                "deadLetters", deadLetterCount());
    }

    public int deadLetterCount() throws SQLException {
        return deadLetters.count();
    }

    public long count(long formId) throws SQLException {
        return store.count(formId);
    }
}
