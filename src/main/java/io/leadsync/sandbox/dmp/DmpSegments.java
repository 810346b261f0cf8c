package io.leadsync.sandbox.dmp;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.SandboxApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Matched Audiences ({@code /rest/dmpSegments}) domain, without HTTP: segments, their user and
 * company batches, LinkedIn's per-member throttle and its eventually consistent reads.
 *
 * <p>Deterministic for a seed: ids come from a {@link Random} seeded with it and time only from the injected
 * {@link Clock}. Thread-safe: every public method runs under one lock.
 */
public final class DmpSegments {

    /** LinkedIn's limit of elements in one batch request. */
    public static final int MAX_BATCH_ELEMENTS = 5_000;
    /** Default per-member, per-minute request limit on {@code /users}. */
    public static final int DEFAULT_USERS_PER_MINUTE = 500;
    /** Default per-member, per-minute request limit on {@code /companies}. */
    public static final int DEFAULT_COMPANIES_PER_MINUTE = 300;
    /** Default time a new segment answers 404, as LinkedIn does for a few seconds after create. */
    public static final Duration DEFAULT_NOT_FOUND_WINDOW = Duration.ofSeconds(5);
    /** Default time a segment stays BUILDING or UPDATING after its last change. */
    public static final Duration DEFAULT_READY_AFTER = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(DmpSegments.class);
    private static final String ANONYMOUS_MEMBER = "";
    private static final int FIRST_SEGMENT_ID = 9_820_000;
    private static final int FIRST_AD_SEGMENT_ID = 8_596_000;
    private static final int ID_SPREAD = 10_000;

    private final Object lock = new Object();
    private final Clock clock;
    private final Random random;
    private final Map<Long, SegmentState> segments = new LinkedHashMap<>();
    private final Set<Long> adSegmentIds = new HashSet<>();
    private final Map<BatchKind, MemberThrottle> throttles = new EnumMap<>(BatchKind.class);
    private Duration notFoundWindow = DEFAULT_NOT_FOUND_WINDOW;
    private Duration readyAfter = DEFAULT_READY_AFTER;

    /**
     * @param clock the only source of time (tests move it by hand)
     * @param seed  seeds segment and ad segment ids
     */
    public DmpSegments(Clock clock, long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random(seed);
        throttles.put(BatchKind.USERS, new MemberThrottle(DEFAULT_USERS_PER_MINUTE));
        throttles.put(BatchKind.COMPANIES, new MemberThrottle(DEFAULT_COMPANIES_PER_MINUTE));
    }

    /**
     * Creates a segment from a {@code POST /rest/dmpSegments} body and answers its id (LinkedIn's {@code x-restli-id}).
     *
     * @throws SandboxApiError 400 naming the field when the body is invalid
     */
    public long create(JsonNode body) {
        SegmentCreateRequest request = SegmentCreateRequest.from(body);
        synchronized (lock) {
            long id = unusedId(FIRST_SEGMENT_ID, segments::containsKey);
            long adSegmentId = unusedId(FIRST_AD_SEGMENT_ID, adSegmentIds::contains);
            adSegmentIds.add(adSegmentId);
            segments.put(id, new SegmentState(id, request, "urn:li:adSegment:" + adSegmentId, clock.millis()));
            LOG.debug("Created {} segment {} in {}", request.type(), id, request.account());
            return id;
        }
    }

    /**
     * The segments of {@code GET /rest/dmpSegments?q=account}, oldest first; each filter is ignored when {@code null}.
     * Segments still inside their not-found window are listed: only reads by id lag behind on LinkedIn.
     */
    public List<ObjectNode> find(String accountUrn, String sourcePlatform, String sourceSegmentId) {
        synchronized (lock) {
            long now = clock.millis();
            List<ObjectNode> found = new ArrayList<>();
            for (SegmentState segment : segments.values()) {
                if (matches(accountUrn, segment.account()) && matches(sourcePlatform, segment.sourcePlatform())
                        && matches(sourceSegmentId, segment.sourceSegmentId())) {
                    found.add(segment.toJson(now, readyAfter.toMillis()));
                }
            }
            return found;
        }
    }

    /**
     * The segment of {@code GET /rest/dmpSegments/{id}}.
     *
     * @throws SandboxApiError 404 for an unknown id, and for a new segment inside its not-found window
     */
    public ObjectNode get(long id) {
        synchronized (lock) {
            long now = clock.millis();
            return visible(id, now).toJson(now, readyAfter.toMillis());
        }
    }

    /**
     * Runs {@code POST /rest/dmpSegments/{id}/users|companies} ({@code BATCH_CREATE}) for a member and answers the
     * response's {@code elements}: one {@code {"status":201}} or {@code {"status":400,"error":{"message":…}}} per
     * input element, in order. Accepted ADDs and REMOVEs change the segment's member set.
     *
     * @param kind      {@code users} or {@code companies}
     * @param memberUrn the calling member, who owns the per-minute budget ({@code null} shares one anonymous budget)
     * @throws SandboxApiError 429 past the member's per-minute limit, 404 for an unknown or not yet visible segment,
     *                         400 for a missing, empty or oversized {@code elements} or a kind that does not fit
     *                         the segment's type
     */
    public ArrayNode batch(long id, String kind, JsonNode body, String memberUrn) {
        BatchKind batchKind = BatchKind.of(kind);
        synchronized (lock) {
            long now = clock.millis();
            // LinkedIn's throttle sits in front of the resource: every call counts, even one that then fails.
            throttles.get(batchKind).acquire(memberUrn == null ? ANONYMOUS_MEMBER : memberUrn, now);
            SegmentState segment = visible(id, now);
            JsonNode elements = elements(body);
            if (!batchKind.segmentType().equals(segment.type())) {
                throw SandboxApiError.badRequest("Cannot add " + batchKind.path() + " to a " + segment.type()
                        + " segment: dmpSegments/" + id + " has type " + segment.type());
            }
            ArrayNode results = JsonNodeFactory.instance.arrayNode(elements.size());
            List<JsonNode> accepted = new ArrayList<>();
            for (JsonNode element : elements) {
                String problem = element.isObject() ? batchKind.rules().problem(element) : "element must be a JSON object";
                if (problem == null) {
                    accepted.add(element);
                    results.addObject().put("status", 201);
                } else {
                    results.addObject().put("status", 400).putObject("error").put("message", problem);
                }
            }
            apply(segment, batchKind.rules(), accepted, now);
            LOG.debug("Batch of {} {} on segment {}: {} accepted", elements.size(), batchKind.path(), id, accepted.size());
            return results;
        }
    }

    /**
     * Sets the per-member, per-minute limits, how long a new segment answers 404 and how long after its last change
     * a segment becomes READY. Applies to existing segments too.
     */
    public void configure(int usersPerMinute, int companiesPerMinute, Duration notFoundWindow, Duration readyAfter) {
        requirePositive(usersPerMinute, "usersPerMinute");
        requirePositive(companiesPerMinute, "companiesPerMinute");
        requireNonNegative(notFoundWindow, "notFoundWindow");
        requireNonNegative(readyAfter, "readyAfter");
        synchronized (lock) {
            throttles.get(BatchKind.USERS).setLimitPerMinute(usersPerMinute);
            throttles.get(BatchKind.COMPANIES).setLimitPerMinute(companiesPerMinute);
            this.notFoundWindow = notFoundWindow;
            this.readyAfter = readyAfter;
        }
    }

    /** Every segment, oldest first, including those still inside their not-found window (for the admin API). */
    public List<ObjectNode> all() {
        return find(null, null, null);
    }

    private SegmentState visible(long id, long now) {
        SegmentState segment = segments.get(id);
        if (segment == null || now - segment.created() < notFoundWindow.toMillis()) {
            throw SandboxApiError.notFound("Could not find entity");
        }
        return segment;
    }

    private static JsonNode elements(JsonNode body) {
        JsonNode elements = body == null ? null : body.get("elements");
        if (elements == null || !elements.isArray() || elements.isEmpty()) {
            throw SandboxApiError.badRequest("elements must hold between 1 and " + MAX_BATCH_ELEMENTS + " elements");
        }
        if (elements.size() > MAX_BATCH_ELEMENTS) {
            throw SandboxApiError.badRequest("elements holds " + elements.size() + " elements; at most "
                    + MAX_BATCH_ELEMENTS + " are allowed per request");
        }
        return elements;
    }

    private void apply(SegmentState segment, ElementRules rules, List<JsonNode> accepted, long now) {
        if (accepted.isEmpty()) {
            return;
        }
        segment.beginChange(now, readyAfter.toMillis());
        for (JsonNode element : accepted) {
            String identity = rules.identity(element);
            if ("ADD".equals(element.get("action").asText())) {
                segment.add(identity);
            } else {
                segment.remove(identity);
            }
        }
    }

    private long unusedId(int first, LongPredicate taken) {
        long id = first + random.nextInt(ID_SPREAD);
        while (taken.test(id)) {
            id++;
        }
        return id;
    }

    private static boolean matches(String filter, String value) {
        return filter == null || filter.equals(value);
    }

    private static void requirePositive(int limit, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + limit);
        }
    }

    private static void requireNonNegative(Duration duration, String name) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + duration);
        }
    }
}
