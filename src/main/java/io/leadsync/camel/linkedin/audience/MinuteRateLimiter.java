package io.leadsync.camel.linkedin.audience;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import io.leadsync.camel.linkedin.api.Sleeper;

/**
 * Paces requests to at most {@code limit} in any 60 seconds (LinkedIn's per-member limits: 500/min on
 * {@code dmpSegments/…/users}, 300/min on {@code …/companies}), so a large upload waits client-side instead of
 * collecting 429s. Thread-safe: callers queue on one lock.
 */
public final class MinuteRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Long> sent = new ArrayDeque<>();

    /** A limiter of {@code limit} requests per minute on the given clock, waiting through {@code sleeper}. */
    public MinuteRateLimiter(int limit, Clock clock, Sleeper sleeper) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits until one more request fits into the last minute, then counts it.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = clock.millis();
            while (!sent.isEmpty() && now - sent.peekFirst() >= WINDOW.toMillis()) {
                sent.removeFirst();
            }
            if (sent.size() < limit) {
                sent.addLast(now);
                return;
            }
            sleeper.sleep(Duration.ofMillis(sent.peekFirst() + WINDOW.toMillis() - now));
        }
    }
}
