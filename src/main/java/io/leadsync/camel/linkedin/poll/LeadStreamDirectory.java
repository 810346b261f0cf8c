package io.leadsync.camel.linkedin.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which streams a poller reads: those of the configured owners, or of the member's accounts and pages
 * ({@link DiscoveredOwners}, shared with the webhook's registrar), of the endpoint's lead types. Held by the endpoint,
 * so a route restart (a new consumer) keeps what it learnt.
 * <p>
 * <b>Streams without forms.</b> A page gets all three organic lead types, and LinkedIn's form does not name the lead
 * type it collects, so no form list tells which of a page's streams can have leads. What tells it costs nothing extra:
 * the first page of a stream's back-fill. A stream whose whole back-fill window held no lead (no form of that type,
 * or none with leads) rests: it is read again only every {@link #EMPTY_STREAM_RECHECK_INTERVAL} (as often as the app
 * re-pulls its forms), so it costs one call per interval instead of one per poll, and it is read at every poll again as
 * soon as such a read finds a lead (a form of that type was created). The webhook delivers such leads meanwhile.
 */
public final class LeadStreamDirectory {

    /** A stream with no lead in its back-fill window is read again this often (not at every poll). */
    public static final Duration EMPTY_STREAM_RECHECK_INTERVAL = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(LeadStreamDirectory.class);

    /** Resting streams (describe()) → when they were last read. */
    private final Map<String, Instant> resting = new ConcurrentHashMap<>();

    /**
     * The streams in scope at {@code now}.
     *
     * @param owners     the configured owners; empty: the member's ({@code discovered})
     * @param discovered the member's accounts and pages
     */
    public List<LeadStream> streams(LinkedInApi api, List<LeadOwner> owners, List<LeadType> leadTypes, DiscoveredOwners discovered,
                                    Instant now) {
        if (!owners.isEmpty()) {
            return LeadOwnerDiscovery.configured(owners, leadTypes);
        }
        return discovered.streams(api, now).stream().filter(s -> leadTypes.contains(s.leadType())).toList();
    }

    /** Whether {@code stream} rests at {@code now}: it had no lead and was read less than the interval ago. */
    public boolean resting(LeadStream stream, Instant now) {
        Instant readAt = resting.get(stream.describe());
        return readAt != null && now.isBefore(readAt.plus(EMPTY_STREAM_RECHECK_INTERVAL));
    }

    /** Records a completed read of {@code stream}: whether it was its back-fill and how many leads it emitted. */
    public void read(LeadStream stream, boolean backfill, int emitted, Instant now) {
        String name = stream.describe();
        if (emitted > 0) {
            if (resting.remove(name) != null) {
                LOG.info("{}: leads again (a form of this type was created); read at every poll from now on", name);
            }
        } else if (backfill || resting.containsKey(name)) {
            if (resting.put(name, now) == null) {
                LOG.info("{}: no lead in the back-fill window (no form of this type, or none with leads); read again every {} min",
                        name, EMPTY_STREAM_RECHECK_INTERVAL.toMinutes());
            }
        }
    }
}
