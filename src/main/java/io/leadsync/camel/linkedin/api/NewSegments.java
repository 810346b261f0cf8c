package io.leadsync.camel.linkedin.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DMP segments this client created within the last minute: LinkedIn answers 404 on a new segment for a few
 * seconds, so a 404 on one of them means "not ready yet" and is retried.
 */
final class NewSegments {

    private final Clock clock;
    private final Duration window;
    private final Map<Long, Instant> createdAt = new ConcurrentHashMap<>();

    NewSegments(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    void created(long segmentId) {
        Instant now = clock.instant();
        createdAt.values().removeIf(at -> at.plus(window).isBefore(now));
        createdAt.put(segmentId, now);
    }

    /** Until when a 404 on {@code segmentId} is retried, or {@code null} when this client did not just create it. */
    Instant notFoundRetryableUntil(long segmentId) {
        Instant at = createdAt.get(segmentId);
        return at == null ? null : at.plus(window);
    }
}
