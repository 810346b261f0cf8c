package io.leadsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Every lead ever submitted; withdrawn leads stay known (for DELETED pushes) but are no longer served. */
final class LeadStore {

    /** Newest first, as LinkedIn's finder answers (ties broken by id so paging is stable). */
    static final Comparator<ObjectNode> NEWEST_FIRST = Comparator
            .comparingLong((ObjectNode l) -> l.get("submittedAt").asLong()).reversed()
            .thenComparing(l -> l.get("id").asText());

    private final Clock clock;
    private final Map<String, ObjectNode> live = new HashMap<>();
    private final Map<String, ObjectNode> withdrawn = new HashMap<>();
    /** Leads not readable before an instant (epoch ms), although LinkedIn already notified them. */
    private final Map<String, Long> visibleAt = new HashMap<>();
    private volatile SandboxJournal journal = SandboxJournal.NONE;

    LeadStore(Clock clock) {
        this.clock = clock;
    }

    /** From now on every submission and withdrawal is journaled (seeded leads are not: the seed rebuilds them). */
    void journal(SandboxJournal journal) {
        this.journal = journal;
    }

    synchronized void add(ObjectNode lead) {
        add(lead, 0);
    }

    /** Adds a lead that the finder, get and batch get serve only from {@code visibleAtMillis} on. */
    synchronized void add(ObjectNode lead, long visibleAtMillis) {
        String id = lead.get("id").asText();
        live.put(id, lead);
        ObjectNode record = SandboxJournal.record("lead");
        record.set("lead", lead);
        if (visibleAtMillis > lead.get("submittedAt").asLong()) {
            visibleAt.put(id, visibleAtMillis);
            record.put("visibleAt", visibleAtMillis);
        }
        journal.append(record);
    }

    private boolean visible(String id, long now) {
        Long at = visibleAt.get(id);
        return at == null || at <= now;
    }

    /** Withdraws a lead; returns it, or {@code null} when no live lead has this id. */
    synchronized ObjectNode withdraw(String id) {
        ObjectNode lead = live.remove(id);
        if (lead != null) {
            visibleAt.remove(id);
            withdrawn.put(id, lead);
            journal.append(SandboxJournal.record("withdraw").put("id", id));
        }
        return lead;
    }

    /** Whether a lead with this id was ever submitted (live or withdrawn): lead ids never repeat. */
    synchronized boolean known(String id) {
        return live.containsKey(id) || withdrawn.containsKey(id);
    }

    /** A readable live lead (not withdrawn, and visible by now), or {@code null}. */
    synchronized ObjectNode get(String id) {
        ObjectNode lead = live.get(id);
        return lead == null || !visible(id, clock.millis()) ? null : lead.deepCopy();
    }

    /** Live leads matching the filter, newest first; stored leads are never mutated, so callers must not either. */
    synchronized List<ObjectNode> find(Predicate<JsonNode> filter) {
        List<ObjectNode> found = new ArrayList<>();
        long now = clock.millis();
        for (ObjectNode lead : live.values()) {
            if (filter.test(lead) && (visibleAt.isEmpty() || visible(lead.get("id").asText(), now))) {
                found.add(lead);
            }
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    synchronized int size() {
        return live.size();
    }

    synchronized Map<String, int[]> countsByForm() {
        Map<String, int[]> counts = new HashMap<>();
        for (ObjectNode lead : live.values()) {
            int[] c = counts.computeIfAbsent(lead.get("versionedLeadGenFormUrn").asText(), k -> new int[2]);
            c[0]++;
            if (lead.get("testLead").asBoolean()) {
                c[1]++;
            }
        }
        return counts;
    }
}
