package io.leadsync.camel.linkedin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.Page;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one stream. LinkedIn answers newest first, so a watermark cannot move page by page: the range
 * {@code [max(watermark - overlap, now - backfillDays), now]} is cut into slices of {@code windowSize}, read oldest
 * slice first, and the watermark moves to a slice's end once every page of it was delivered. Leads already delivered
 * (the overlap, a slice re-read after a failure) are dropped by id.
 */
final class LeadStreamPoll {

    /** How a stream's poll ended. */
    enum Outcome {
        /** Every slice up to now was delivered. */
        COMPLETED,
        /** maxMessagesPerPoll was reached or the consumer is stopping; the watermark stays at the last whole slice. */
        STOPPED,
        /** A page exchange failed; the next poll reads its slice again. */
        FAILED
    }

    /** Hands one page of leads to the route and says whether the exchange completed. */
    interface PageSink {
        /** Whether another page may be emitted in this poll (maxMessagesPerPoll, shutdown). */
        boolean mayEmit();

        boolean emit(LeadStream stream, List<Lead> leads, long windowStart, long windowEnd, int pageNumber, Integer total);
    }

    static final long DAY_MS = 86_400_000L;

    private static final Logger LOG = LoggerFactory.getLogger(LeadStreamPoll.class);

    private final LinkedInLeadSyncEndpoint endpoint;
    private final LinkedInLeadSyncConfiguration config;
    private final StateRepository<String, String> states;
    private final LeadStream stream;
    private final String key;
    /** Leads delivered and not yet behind watermark - overlap: id → submittedAt. Kept by the consumer across polls. */
    private final Map<String, Long> delivered;
    private final Set<Long> formIds;
    private final PageSink sink;
    private long watermark = -1;

    LeadStreamPoll(LinkedInLeadSyncEndpoint endpoint, StateRepository<String, String> states, LeadStream stream, String key,
                   Map<String, Long> delivered, PageSink sink) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.states = states;
        this.stream = stream;
        this.key = key;
        this.delivered = delivered;
        this.formIds = new HashSet<>(LinkedInLeadSyncConfigurationValidator.formIds(config));
        this.sink = sink;
    }

    /** The watermark after {@link #run(long)}, or -1 when the stream has none yet. */
    long watermark() {
        return watermark;
    }

    /** Reads and emits everything new up to {@code now} (epoch ms). */
    Outcome run(long now) {
        LeadStreamState state = LeadStreamState.parse(key, states.getState(key));
        long floor = now - config.getBackfillDays() * DAY_MS;
        long from = state == null ? floor : Math.max(state.watermark() - config.getOverlap(), floor);
        watermark = state == null ? -1 : state.watermark();
        // ids from the store carry no submittedAt; they all lie at or before the stored watermark
        Set<String> storedRecent = state == null ? new HashSet<>() : new HashSet<>(state.recent());
        long storedWatermark = watermark;
        int pageNumber = 0;
        int emitted = 0;
        for (long start = from; start < now; ) {
            long end = Math.min(start + config.getWindowSize(), now);
            LeadFormResponseQuery query = query().withSubmittedAtTimeRange(start, end);
            Iterator<Page<LeadFormResponse>> pages = endpoint.getApi().leadFormResponsePages(query);
            int slicePage = 0;
            while (pages.hasNext()) {
                Page<LeadFormResponse> page = pages.next();
                pageNumber++;
                slicePage++;
                Map<String, Long> fresh = new LinkedHashMap<>();
                List<Lead> leads = newLeads(page, storedRecent, fresh);
                if (leads.isEmpty()) {
                    continue;
                }
                if (!sink.mayEmit()) {
                    return Outcome.STOPPED;
                }
                if (!sink.emit(stream, leads, start, end, pageNumber, page.total())) {
                    return Outcome.FAILED;
                }
                delivered.putAll(fresh);
                emitted += leads.size();
                logProgress(start, end, slicePage, page.total(), emitted);
            }
            advance(end, end >= storedWatermark ? storedRecent : null);
            start = end;
        }
        return Outcome.COMPLETED;
    }

    // the story of a back-fill in plain lines: which slice, which page of how many, how many leads so far
    private void logProgress(long start, long end, int slicePage, Integer total, int emitted) {
        if (LOG.isInfoEnabled()) {
            long pages = total == null ? 0 : Math.max(slicePage, (total + config.getPageSize() - 1L) / config.getPageSize());
            LOG.info("{}: leads submitted {} .. {}: page {}{}, {} new leads so far", stream.describe(),
                    java.time.Instant.ofEpochMilli(start).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    java.time.Instant.ofEpochMilli(end).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), slicePage,
                    pages == 0 ? "" : " of " + pages, emitted);
        }
    }

    private LeadFormResponseQuery query() {
        LeadFormResponseQuery query = LeadFormResponseQuery.of(stream.owner(), stream.leadType()).withPageSize(config.getPageSize());
        if (config.isEnrich()) {
            query = query.withFields(LeadFormResponseQuery.ENRICHED_FIELDS);
        }
        if (config.getTestLeads() == TestLeadsMode.only) {
            query = query.withLimitedToTestLeads(true);
        }
        return query;
    }

    private List<Lead> newLeads(Page<LeadFormResponse> page, Set<String> storedRecent, Map<String, Long> fresh) {
        List<Lead> leads = new ArrayList<>(page.size());
        for (LeadFormResponse raw : page.elements()) {
            String id = raw.id();
            if (id == null) {
                continue;
            }
            if (delivered.containsKey(id) || storedRecent.contains(id) || fresh.containsKey(id)) {
                // read again through the overlap: now its submittedAt is known
                delivered.put(id, raw.submittedAt());
                continue;
            }
            if (config.getTestLeads() == TestLeadsMode.exclude && raw.isTestLead() || !wantedForm(raw)) {
                continue;
            }
            String json = new String(LinkedInJson.write(raw), StandardCharsets.UTF_8);
            leads.add(endpoint.getLeadNormalizer().normalize(raw, json, LeadSource.POLL));
            fresh.put(id, raw.submittedAt());
        }
        return leads;
    }

    private boolean wantedForm(LeadFormResponse raw) {
        if (formIds.isEmpty()) {
            return true;
        }
        try {
            return formIds.contains(VersionedLeadGenFormUrn.parse(raw.versionedLeadGenFormUrn()).formId());
        } catch (RuntimeException e) {
            // a lead whose form cannot be told is not one of the asked forms
            return false;
        }
    }

    private void advance(long end, Set<String> storedRecentToForget) {
        long keepFrom = end - config.getOverlap();
        delivered.values().removeIf(at -> at == null || at < keepFrom);
        if (storedRecentToForget != null) {
            // every lead up to the stored watermark was read again by now, with its submittedAt
            storedRecentToForget.clear();
        }
        // ids past the slice end belong to a slice that failed earlier: kept in memory only, so the stored ids
        // all lie at or before the stored watermark
        List<String> recent = delivered.entrySet().stream().filter(e -> e.getValue() <= end).map(Map.Entry::getKey).toList();
        states.setState(key, LeadStreamState.of(end, recent).toJson());
        watermark = end;
        LOG.debug("{}: watermark {} ({} recent lead ids kept for the overlap)", stream.describe(), end, recent.size());
    }
}
