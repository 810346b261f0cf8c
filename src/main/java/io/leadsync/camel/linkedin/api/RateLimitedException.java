package io.leadsync.camel.linkedin.api;

import java.time.Duration;
import java.time.Instant;

/**
 * 429: LinkedIn throttled the call and the client did not (or no longer) wait. {@link #retryAfter()} is LinkedIn's
 * {@code Retry-After} when it sent one; {@link DailyQuotaExceededException} is the daily-quota case.
 */
public class RateLimitedException extends LinkedInApiException {

    private final Duration retryAfter;

    public RateLimitedException(ApiError error, Duration retryAfter) {
        this("LinkedIn throttled the call" + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + " s")
                + suffix(error.message()), error, retryAfter);
    }

    protected RateLimitedException(String summary, ApiError error, Duration retryAfter) {
        super(summary, error);
        this.retryAfter = retryAfter;
    }

    /** How long LinkedIn asked to wait, or {@code null} when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether a daily quota (reset at 00:00 UTC) is exhausted: calling again before then only burns more quota. */
    public boolean isDailyQuota() {
        return false;
    }

    /** When calls may resume: the next 00:00 UTC for a daily quota, else {@code null}. */
    public Instant resetsAt() {
        return null;
    }
}
