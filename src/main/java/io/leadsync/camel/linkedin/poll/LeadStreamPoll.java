package io.leadsync.camel.linkedin.poll;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfigurationValidator;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.TestLeadsMode;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.Page;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one stream. The range {@code [max(watermark - overlap, now - backfillDays), now - visibilityLag]} is
 * read by one cursor (cut into slices only where it is longer than {@code windowSize}, by default LinkedIn's 365-day
 * retention, so a back-fill is one slice whose pages are all full but the last); the watermark moves to a slice's end
 * once every page of it was delivered. Leads already delivered (the overlap, a page read again after a failure) are
 * dropped by id. A poll that finishes a slice it resumed (after a {@code maxMessagesPerPoll} stop, a failure or a
 * restart) ends there: what was submitted since that slice began is read by the next poll, so a stream whose
 * back-fill was spread over many polls costs no call for the short range behind it while other streams back-fill.
 * <p>
 * <b>The cursor inside a slice.</b> LinkedIn answers newest first, and offset paging ({@code start += count}) over
 * that order skips a lead whenever one on an earlier page is withdrawn meanwhile (every later lead moves up one
 * place). So every page is asked for at {@code start=0}, and after each page the time range shrinks to
 * {@code [sliceStart, upper]}, {@code upper} being the oldest {@code submittedAt} on that page. The invariant is
 * <em>every lead of the slice submitted after {@code upper} was delivered</em>: a newest-first answer is a prefix of
 * the range sorted by {@code submittedAt} descending, so each lead newer than the oldest one on the page was on the
 * page, whatever was withdrawn before the call. Leads at {@code upper} itself may be on either side of the page
 * boundary: the next range includes {@code upper} (it asks up to {@code upper + 1}, so an exclusive end works too)
 * and the leads of the page at {@code upper} (the "boundary") are dropped by id. A withdrawal only removes a lead,
 * it never moves a range, so nothing can be skipped. The cursor {@code (slice, upper, boundary ids)} is saved after
 * every delivered page, so a {@code maxMessagesPerPoll} stop or a restart goes on where it was.
 * <p>
 * Two cases cannot narrow, and fall back to offset paging over a fixed range, read again until a read is
 * consistent (every page's {@code total} the same and that many leads seen, or, without totals, the same ids twice),
 * at most {@link #MAX_OFFSET_PASSES} times:
 * <ul>
 * <li>a page whose leads all lie at {@code upper} (more leads in one millisecond than a page, or a short page of
 * boundary leads): the range {@code [upper, upper + 1]} is read whole, then {@code upper} moves one millisecond down;</li>
 * <li>a page not in newest-first order (LinkedIn documents no order): the rest of the slice is read that way. A
 * page whose leads share one {@code submittedAt} cannot show its order and is taken as newest first.</li>
 * </ul>
 * A page that says the whole rest of the range was on it ({@code total <= elements}) ends the slice without one more
 * call.
 */
public final class LeadStreamPoll {

    /** How a stream's poll ended. */
    public enum Outcome {
        /** Every slice up to {@code now - visibilityLag} was delivered. */
        COMPLETED,
        /** maxMessagesPerPoll was reached or the consumer is stopping; the cursor says where the next poll goes on. */
        STOPPED,
        /** A page exchange failed; the next poll reads that page again (the cursor stays before it). */
        FAILED
    }

    /** Hands one page of leads to the route and says whether the exchange completed. */
    public interface PageSink {
        /** Whether another page may be read and emitted in this poll (maxMessagesPerPoll, shutdown). */
        boolean mayEmit();

        boolean emit(LeadStream stream, List<Lead> leads, long windowStart, long windowEnd, int pageNumber, Integer total);
    }

    static final long DAY_MS = 86_400_000L;
    /** Reads of a range paged by offset before going on with one whose totals never agreed. */
    static final int MAX_OFFSET_PASSES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LeadStreamPoll.class);

    private final LinkedInLeadSyncEndpoint endpoint;
    private final LinkedInLeadSyncConfiguration config;
    private final StateRepository<String, String> states;
    private final LeadStream stream;
    private final String key;
    /** Leads delivered and not yet behind watermark - overlap: id → submittedAt. Kept by the consumer across polls. */
    private final Map<String, Long> delivered;
    private final LeadPollMemory memory;
    private final Set<Long> formIds;
    private final PageSink sink;
    private long watermark = -1;
    private LeadStreamState.Cursor cursor;
    /** Ids from the store, which carry no submittedAt; they all lie at or before the stored watermark. */
    private Set<String> storedRecent = new HashSet<>();
    /** The recent ids as last written, kept in the cursor saves of a slice. */
    private List<String> recent = List.of();
    private int pageNumber;
    private int emitted;
    private boolean backfill;

    public LeadStreamPoll(LinkedInLeadSyncEndpoint endpoint, StateRepository<String, String> states, LeadStream stream, String key,
                   LeadPollMemory memory, PageSink sink) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.states = states;
        this.stream = stream;
        this.key = key;
        this.memory = memory;
        this.delivered = memory.delivered(key);
        this.formIds = new HashSet<>(LinkedInLeadSyncConfigurationValidator.formIds(config));
        this.sink = sink;
    }

    /** The watermark after {@link #run(long)}, or -1 when the stream has none yet. */
    public long watermark() {
        return watermark;
    }

    /** Leads emitted by {@link #run(long)}. */
    public int emitted() {
        return emitted;
    }

    /** Whether {@link #run(long)} read the back-fill window from its start (no stored state, or one at the floor). */
    public boolean backfill() {
        return backfill;
    }

    /** Where the slice being read stands after {@link #run(long)}, or {@code null} on a slice boundary. */
    public LeadStreamState.Cursor cursor() {
        return cursor;
    }

    /** Reads and emits everything new submitted up to {@code now - visibilityLag} (epoch ms). */
    public Outcome run(long now) {
        LeadStreamState state = LeadStreamState.parse(key, states.getState(key));
        long horizon = now - config.getVisibilityLag();
        long floor = now - config.getBackfillDays() * DAY_MS;
        long from = state == null ? floor : Math.max(state.watermark() - config.getOverlap(), floor);
        watermark = state == null ? -1 : state.watermark();
        if (state == null) {
            // no stored state is a back-fill from scratch (a first start, or a teardown that forgot the watermarks):
            // what this endpoint delivered before is not delivered any more, the sink may have dropped it
            delivered.clear();
        }
        long storedWatermark = watermark;
        if (state != null) {
            storedRecent = new HashSet<>(state.recent());
            recent = state.recent();
            cursor = state.cursor();
        }
        if (cursor != null) {
            LeadStreamState.Cursor resumed = cursor;
            // the boundary leads lie at upper or upper + 1: that is submittedAt enough to keep them for the overlap
            resumed.boundary().forEach(id -> delivered.putIfAbsent(id, resumed.upper()));
            LOG.debug("{}: going on with leads submitted {} .. {}, read down to {}", stream.describe(), at(resumed.start()),
                    at(resumed.end()), at(resumed.upper()));
            Outcome outcome = readSlice(resumed.start(), resumed.end(), resumed.upper(), storedWatermark);
            if (outcome == Outcome.COMPLETED && storedWatermark == resumed.start()) {
                // a cursor saved before any watermark stores its slice start as the watermark: a back-fill's
                LOG.info("{}: back-fill of the last {} days complete", stream.describe(), config.getBackfillDays());
            }
            return outcome;
        }
        backfill = from == floor;
        for (long start = from; start < horizon; ) {
            long end = Math.min(start + config.getWindowSize(), horizon);
            Outcome outcome = readSlice(start, end, end, storedWatermark);
            if (outcome != Outcome.COMPLETED) {
                return outcome;
            }
            start = end;
        }
        if (backfill) {
            LOG.info("{}: back-fill of the last {} days complete: {} leads read", stream.describe(), config.getBackfillDays(), emitted);
        }
        return Outcome.COMPLETED;
    }

    /** Reads the slice {@code [start, end]} from {@code upper} down (see the class comment), then moves the watermark. */
    private Outcome readSlice(long start, long end, long upper, long storedWatermark) {
        while (upper >= start) {
            if (!sink.mayEmit()) {
                return Outcome.STOPPED;
            }
            long to = Math.min(upper + 1, end);
            Page<LeadFormResponse> page = fetch(start, to, 0);
            if (page.isEmpty()) {
                break;
            }
            Long oldest = oldest(page);
            if (oldest == null || !newestFirst(page)) {
                if (memory.firstTime("unordered|" + key)) {
                    LOG.warn("{}: LinkedIn answered leads out of newest-first order; reading by offset, each range until "
                             + "it reads the same twice", stream.describe());
                }
                Outcome outcome = readByOffset(start, to, start, end, upper);
                if (outcome != Outcome.COMPLETED) {
                    return outcome;
                }
                break;
            }
            if (!deliver(page, start, end)) {
                return Outcome.FAILED;
            }
            if (page.total() != null && page.size() >= page.total()) {
                // the rest of the range was on this page
                break;
            }
            if (oldest >= upper) {
                // every lead of the page lies at upper (or at upper + 1, read already): the page cannot narrow the range
                Outcome outcome = readByOffset(upper, to, start, end, upper);
                if (outcome != Outcome.COMPLETED) {
                    return outcome;
                }
                upper = upper - 1;
            } else {
                upper = oldest;
            }
            saveCursor(start, end, upper);
        }
        advance(end, end >= storedWatermark ? storedRecent : null);
        return Outcome.COMPLETED;
    }

    /**
     * Reads {@code [from, to]} by offset, again while a read was not consistent: a withdrawal between two of its pages
     * changes the total, so a read that saw as many leads as every page's total skipped none.
     */
    private Outcome readByOffset(long from, long to, long sliceStart, long sliceEnd, long upper) {
        Set<String> previous = null;
        for (int pass = 1; pass <= MAX_OFFSET_PASSES; pass++) {
            Set<String> seen = new HashSet<>();
            Integer firstTotal = null;
            boolean stable = true;
            int offset = 0;
            while (true) {
                if (!sink.mayEmit()) {
                    return Outcome.STOPPED;
                }
                Page<LeadFormResponse> page = fetch(from, to, offset);
                if (page.isEmpty()) {
                    break;
                }
                if (!deliver(page, sliceStart, sliceEnd)) {
                    return Outcome.FAILED;
                }
                page.elements().forEach(raw -> seen.add(raw.id()));
                offset += page.size();
                Integer total = page.total();
                if (total == null) {
                    stable = false;
                } else if (firstTotal == null) {
                    firstTotal = total;
                } else if (!firstTotal.equals(total)) {
                    stable = false;
                }
                saveCursor(sliceStart, sliceEnd, upper);
                if (total != null && offset >= total) {
                    break;
                }
            }
            if (seen.isEmpty() || stable && firstTotal != null && seen.size() >= firstTotal || seen.equals(previous)) {
                return Outcome.COMPLETED;
            }
            previous = seen;
            LOG.debug("{}: leads submitted {} .. {} changed while read by offset (read {}); reading them again",
                    stream.describe(), at(from), at(to), pass);
        }
        LOG.warn("{}: leads submitted {} .. {} changed during each of {} reads by offset; going on with what they returned",
                stream.describe(), at(from), at(to), MAX_OFFSET_PASSES);
        return Outcome.COMPLETED;
    }

    private Page<LeadFormResponse> fetch(long from, long to, int offset) {
        Iterator<Page<LeadFormResponse>> pages = endpoint.getApi().leadFormResponsePages(query().withSubmittedAtTimeRange(from, to), offset);
        // one call: the iterator fetches its first page on hasNext and nothing more until next page is asked for
        return pages.hasNext() ? pages.next() : new Page<>(List.of(), offset, config.getPageSize(), 0, null);
    }

    /** Emits the page's new leads (if any); {@code false} when their exchange failed. */
    private boolean deliver(Page<LeadFormResponse> page, long windowStart, long windowEnd) {
        pageNumber++;
        Map<String, Long> fresh = new LinkedHashMap<>();
        List<Lead> leads = newLeads(page, fresh);
        if (leads.isEmpty()) {
            return true;
        }
        if (!sink.emit(stream, leads, windowStart, windowEnd, pageNumber, page.total())) {
            return false;
        }
        delivered.putAll(fresh);
        emitted += leads.size();
        logProgress(windowStart, windowEnd, page.total());
        return true;
    }

    private static Long oldest(Page<LeadFormResponse> page) {
        Long oldest = null;
        for (LeadFormResponse raw : page.elements()) {
            if (raw.submittedAt() != null && (oldest == null || raw.submittedAt() < oldest)) {
                oldest = raw.submittedAt();
            }
        }
        return oldest;
    }

    private static boolean newestFirst(Page<LeadFormResponse> page) {
        Long previous = null;
        for (LeadFormResponse raw : page.elements()) {
            Long at = raw.submittedAt();
            if (at == null) {
                // a lead LinkedIn gives no time cannot be placed in a range
                return false;
            }
            if (previous != null && at > previous) {
                return false;
            }
            previous = at;
        }
        return true;
    }

    // the story of a back-fill in plain lines: which slice, how many leads so far, how many are left to read
    private void logProgress(long start, long end, Integer total) {
        if (LOG.isInfoEnabled()) {
            // "read": whether a lead is new to the datastore is for the sink to say (push may have stored it first)
            LOG.info("{}: leads submitted {} .. {}: page {}, {} leads read so far{}", stream.describe(), at(start), at(end),
                    pageNumber, emitted, total == null ? "" : ", " + total + " left to read in the slice");
        }
    }

    private static Instant at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS);
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

    private List<Lead> newLeads(Page<LeadFormResponse> page, Map<String, Long> fresh) {
        List<Lead> leads = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            LeadFormResponse raw = page.elements().get(i);
            String id = raw.id();
            if (id == null) {
                continue;
            }
            if (delivered.containsKey(id) || storedRecent.contains(id) || fresh.containsKey(id)) {
                // read again (overlap, boundary): now its submittedAt is known
                delivered.put(id, raw.submittedAt());
                continue;
            }
            if (config.getTestLeads() == TestLeadsMode.exclude && raw.isTestLead() || !wantedForm(raw)) {
                continue;
            }
            leads.add(endpoint.getLeadNormalizer().normalize(raw, page.elementJson(i), LeadSource.POLL));
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

    /** Saves how far the slice was read, after a page whose exchange completed. */
    private void saveCursor(long start, long end, long upper) {
        // the rest of the slice is [start, upper + 1] and the next poll's overlap begins at end - overlap: ids between
        // are never read again, and forgetting them keeps a 365-day cursor's memory at a page plus the overlap
        long overlapFrom = end - config.getOverlap();
        delivered.values().removeIf(at -> at != null && at > upper + 1 && at < overlapFrom);
        List<String> boundary = new ArrayList<>();
        delivered.forEach((id, at) -> {
            if (at != null && at >= upper && at <= upper + 1) {
                boundary.add(id);
            }
        });
        cursor = new LeadStreamState.Cursor(start, end, upper, boundary);
        // a stream without a watermark yet reads from its back-fill floor: the slice start says the same
        long storedWatermark = watermark >= 0 ? watermark : start;
        states.setState(key, LeadStreamState.of(storedWatermark, recent).withCursor(cursor).toJson());
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
        recent = delivered.entrySet().stream().filter(e -> e.getValue() <= end).map(Map.Entry::getKey).toList();
        states.setState(key, LeadStreamState.of(end, recent).toJson());
        watermark = end;
        cursor = null;
        LOG.debug("{}: watermark {} ({} recent lead ids kept for the overlap)", stream.describe(), end, recent.size());
    }
}
