package io.leadsync.camel.linkedin.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently transient failures are retried: exponential back-off with jitter, bounded by
 * {@code maxRetries}. A {@code Retry-After} longer than {@code maxRetryAfter} is not waited for: the call fails with a
 * {@link RateLimitedException} that carries it, so a poller can come back later instead of blocking a thread.
 *
 * @param maxRetries     retries after the first attempt (0 disables retrying)
 * @param initialBackoff the wait before the first retry, doubled (times {@code multiplier}) for each further one
 * @param maxBackoff     the longest computed back-off
 * @param multiplier     growth factor of the back-off, at least 1
 * @param jitter         fraction (0..1) of each back-off that is randomised, so clients do not retry in lock-step
 * @param maxRetryAfter  the longest {@code Retry-After} the client waits for in-line
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter,
        Duration maxRetryAfter) {

    /** Four retries from 500 ms up to 30 s, 20 % jitter, in-line waits of at most 2 minutes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2,
            Duration.ofMinutes(2));

    /** Never retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff == null");
        Objects.requireNonNull(maxBackoff, "maxBackoff == null");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter == null");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + " and " + maxBackoff);
        }
    }

    /** The same policy with another bound on retries. */
    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, initialBackoff, maxBackoff, multiplier, jitter, maxRetryAfter);
    }

    /**
     * The wait before retry number {@code retry} (1-based): {@code initialBackoff * multiplier^(retry-1)}, capped at
     * {@code maxBackoff}, minus up to {@code jitter} of itself.
     *
     * @param random a value in [0, 1) that picks the jitter
     */
    public Duration backoff(int retry, double random) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis(Math.round(capped * (1.0 - jitter * random)));
    }
}
