package io.leadsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every lead ever submitted; withdrawn leads stay known (lead ids never repeat) but are no longer served.
 * <p>
 * Built so that a finder call costs its page, not the world: live leads are indexed per stream (owner and lead
 * type) in {@code submittedAt} order, so a page is a slice found by position, and a time range two binary searches.
 * A finder that also filters by form version, entity or test flag scans its stream once and keeps the result until
 * the stream changes, so paging through it costs a slice per page too. Each lead is serialized once, when stored:
 * pages are the stored bytes joined, and the JSON tree is rebuilt only on the rare paths that need it.
 */
final class LeadStore {

    /** Oldest first; read backwards this is LinkedIn's order: newest first, ties broken by id so paging is stable. */
    static final Comparator<Lead> ORDER = Comparator.comparingLong((Lead l) -> l.submittedAt)
            .thenComparing(l -> l.id, Comparator.reverseOrder());

    /** One stored lead: what the finder filters on, and its JSON, serialized once (a lead never changes). */
    static final class Lead {
        final String id;
        final long submittedAt;
        final String leadType;
        final JsonNode owner;
        final String versionedLeadGenFormUrn;
        final boolean testLead;
        /** Shared between leads with the same value; never mutate. */
        final JsonNode associatedEntity;
        final long visibleAt;
        final String stream;
        private final byte[] json;

        private Lead(ObjectNode node, long visibleAt, Interner interner) {
            this(node, Json.bytes(node), visibleAt, interner);
        }

        private Lead(ObjectNode node, byte[] json, long visibleAt, Interner interner) {
            this.id = node.get("id").asText();
            this.submittedAt = node.get("submittedAt").asLong();
            this.leadType = interner.string(node.get("leadType").asText());
            this.owner = interner.node(node.get("owner"));
            this.versionedLeadGenFormUrn = interner.string(node.get("versionedLeadGenFormUrn").asText());
            this.testLead = node.get("testLead").asBoolean();
            this.associatedEntity = node.has("associatedEntity") ? interner.node(node.get("associatedEntity")) : null;
            this.visibleAt = visibleAt;
            this.stream = interner.string(streamKey(owner, leadType));
            this.json = json;
        }

        /** The lead's JSON as LinkedIn sends it; callers must not change the array. */
        byte[] json() {
            return json;
        }

        /** A fresh JSON tree of the lead (the caller may change it). */
        ObjectNode tree() {
            try {
                return (ObjectNode) Json.MAPPER.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a finder call asks for beyond its stream; {@code null} fields do not filter. */
    record Query(String stream, String versionedLeadGenFormUrn, String entityKey, Predicate<JsonNode> entity, long from,
                 long to, boolean testOnly) {

        boolean scans() {
            return versionedLeadGenFormUrn != null || entity != null || testOnly;
        }

        boolean matches(Lead lead) {
            return (versionedLeadGenFormUrn == null || versionedLeadGenFormUrn.equals(lead.versionedLeadGenFormUrn))
                    && (!testOnly || lead.testLead)
                    && (entity == null || (lead.associatedEntity != null && entity.test(lead.associatedEntity)));
        }

        String cacheKey() {
            return stream + '|' + versionedLeadGenFormUrn + '|' + entityKey + '|' + testOnly + '|' + from + '|' + to;
        }
    }

    /** One page: its leads, newest first, and the total number of matching leads. */
    record Page(List<Lead> leads, int total) {
    }

    /** Live, visible leads of one owner and lead type, oldest first. */
    private static final class Stream {
        final ArrayList<Lead> leads = new ArrayList<>();
        long modCount;

        void insert(Lead lead) {
            int i = Collections.binarySearch(leads, lead, ORDER);
            leads.add(i < 0 ? -i - 1 : i, lead);
            modCount++;
        }

        void remove(Lead lead) {
            int i = Collections.binarySearch(leads, lead, ORDER);
            if (i >= 0) {
                leads.remove(i);
                modCount++;
            }
        }

        /** The first index whose lead was submitted at or after {@code millis}. */
        int firstAtOrAfter(long millis) {
            int lo = 0;
            int hi = leads.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (leads.get(mid).submittedAt < millis) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Leads matching a scanning query, oldest first, as of a stream's modification count. */
    private record Scan(long modCount, Lead[] leads) {
    }

    /** Shares equal owners, entities and strings between leads: a million leads hold a handful of distinct values. */
    private static final class Interner {
        private final Map<JsonNode, JsonNode> nodes = new HashMap<>();
        private final Map<String, String> strings = new HashMap<>();

        JsonNode node(JsonNode value) {
            return nodes.computeIfAbsent(value, v -> v.deepCopy());
        }

        String string(String value) {
            return strings.computeIfAbsent(value, v -> v);
        }
    }

    private final Clock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Interner interner = new Interner();
    private final Map<String, Lead> live = new HashMap<>();
    private final Map<String, Lead> withdrawn = new HashMap<>();
    private final Map<String, Stream> streams = new HashMap<>();
    /** Live leads not yet readable (LinkedIn notified them before it serves them); in no stream yet. */
    private final List<Lead> pending = new ArrayList<>();
    private volatile boolean anyPending;
    private final Map<String, Scan> scans = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Scan> eldest) {
            return size() > 32;
        }
    });
    private volatile SandboxJournal journal = SandboxJournal.NONE;

    LeadStore(Clock clock) {
        this.clock = clock;
    }

    static String streamKey(JsonNode owner, String leadType) {
        return owner.toString() + '|' + leadType;
    }

    /** From now on every submission and withdrawal is journaled (seeded leads are not: the seed rebuilds them). */
    void journal(SandboxJournal journal) {
        this.journal = journal;
    }

    /**
     * Adds many seeded leads at once (sorted once, not inserted one by one), with their JSON already serialized
     * ({@code json.get(i)} is {@code leads.get(i)}'s); not journaled.
     */
    void addSeeded(List<ObjectNode> leads, List<byte[]> json) {
        lock.writeLock().lock();
        try {
            for (int i = 0; i < leads.size(); i++) {
                Lead lead = new Lead(leads.get(i), json.get(i), 0, interner);
                live.put(lead.id, lead);
                streams.computeIfAbsent(lead.stream, k -> new Stream()).leads.add(lead);
            }
            for (Stream stream : streams.values()) {
                stream.leads.sort(ORDER);
                stream.modCount++;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    Lead add(ObjectNode lead) {
        return add(lead, 0);
    }

    /** Adds (and journals) a lead that the finder, get and batch get serve only from {@code visibleAtMillis} on. */
    Lead add(ObjectNode node, long visibleAtMillis) {
        lock.writeLock().lock();
        try {
            Lead lead = new Lead(node, visibleAtMillis > node.get("submittedAt").asLong() ? visibleAtMillis : 0, interner);
            Lead previous = live.put(lead.id, lead);
            if (previous != null) {
                unindex(previous);
            }
            if (lead.visibleAt > clock.millis()) {
                pending.add(lead);
                anyPending = true;
            } else {
                streams.computeIfAbsent(lead.stream, k -> new Stream()).insert(lead);
            }
            ObjectNode record = SandboxJournal.record("lead");
            record.set("lead", node);
            if (lead.visibleAt != 0) {
                record.put("visibleAt", lead.visibleAt);
            }
            journal.append(record);
            return lead;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Withdraws a lead; returns it, or {@code null} when no live lead has this id. */
    Lead withdraw(String id) {
        lock.writeLock().lock();
        try {
            Lead lead = live.remove(id);
            if (lead != null) {
                unindex(lead);
                withdrawn.put(id, lead);
                journal.append(SandboxJournal.record("withdraw").put("id", id));
            }
            return lead;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unindex(Lead lead) {
        if (!pending.remove(lead)) {
            Stream stream = streams.get(lead.stream);
            if (stream != null) {
                stream.remove(lead);
            }
        }
    }

    /** Whether a lead with this id was ever submitted (live or withdrawn): lead ids never repeat. */
    boolean known(String id) {
        lock.readLock().lock();
        try {
            return live.containsKey(id) || withdrawn.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A readable live lead (not withdrawn, and visible by now), or {@code null}. */
    Lead get(String id) {
        lock.readLock().lock();
        try {
            Lead lead = live.get(id);
            return lead == null || lead.visibleAt > clock.millis() ? null : lead;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * One page of a finder: {@code count} readable leads from position {@code start} (newest first), shortened by
     * the short-page fault like {@link Paging#page}.
     */
    Page page(Query query, int start, int count, SandboxFaults faults) {
        promoteDue();
        lock.readLock().lock();
        try {
            Stream stream = streams.get(query.stream());
            if (stream == null) {
                return new Page(List.of(), 0);
            }
            List<Lead> all = stream.leads;
            int lo = query.from() <= 0 ? 0 : stream.firstAtOrAfter(query.from());
            int hi = query.to() == Long.MAX_VALUE ? all.size() : stream.firstAtOrAfter(query.to() + 1);
            Lead[] scanned = null;
            if (query.scans()) {
                scanned = scan(stream, query, lo, hi);
                lo = 0;
                hi = scanned.length;
            }
            int total = Math.max(0, hi - lo);
            int from = Math.min(start, total);
            int to = Paging.end(from, count, total, faults);
            List<Lead> page = new ArrayList<>(to - from);
            for (int position = from; position < to; position++) {
                int index = hi - 1 - position;
                page.add(scanned == null ? all.get(index) : scanned[index]);
            }
            return new Page(page, total);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Lead[] scan(Stream stream, Query query, int lo, int hi) {
        String key = query.cacheKey();
        Scan cached = scans.get(key);
        if (cached != null && cached.modCount() == stream.modCount) {
            return cached.leads();
        }
        List<Lead> matched = new ArrayList<>();
        for (int i = lo; i < hi; i++) {
            Lead lead = stream.leads.get(i);
            if (query.matches(lead)) {
                matched.add(lead);
            }
        }
        Lead[] leads = matched.toArray(new Lead[0]);
        scans.put(key, new Scan(stream.modCount, leads));
        return leads;
    }

    /** Moves leads whose delay is over from pending into their stream. */
    private void promoteDue() {
        if (!anyPending) {
            return;
        }
        lock.writeLock().lock();
        try {
            long now = clock.millis();
            pending.removeIf(lead -> {
                if (lead.visibleAt > now) {
                    return false;
                }
                streams.computeIfAbsent(lead.stream, k -> new Stream()).insert(lead);
                return true;
            });
            anyPending = !pending.isEmpty();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Live leads (visible or not) of one form, every version, newest first, at most {@code limit}. */
    List<Lead> liveOfForm(long formId, int limit) {
        String prefix = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + formId + ",";
        lock.readLock().lock();
        try {
            return live.values().stream().filter(l -> l.versionedLeadGenFormUrn.startsWith(prefix))
                    .sorted(ORDER.reversed()).limit(limit).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A live lead (visible or not), or {@code null}. */
    Lead live(String id) {
        lock.readLock().lock();
        try {
            return live.get(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return live.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live leads (visible or not) per versioned form URN: {@code [all, test]}. */
    Map<String, int[]> countsByForm() {
        lock.readLock().lock();
        try {
            Map<String, int[]> counts = new HashMap<>();
            for (Lead lead : live.values()) {
                int[] c = counts.computeIfAbsent(lead.versionedLeadGenFormUrn, k -> new int[2]);
                c[0]++;
                if (lead.testLead) {
                    c[1]++;
                }
            }
            return counts;
        } finally {
            lock.readLock().unlock();
        }
    }
}
