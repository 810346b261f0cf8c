package io.leadsync.camel.linkedin.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * 429 whose message mentions {@code DAY}: an application or member daily quota is exhausted until 00:00 UTC. Never
 * retried; a poller keeps its cursor and resumes after {@link #resetsAt()}.
 */
public class DailyQuotaExceededException extends RateLimitedException {

    private final Instant resetsAt;

    public DailyQuotaExceededException(ApiError error, Instant now) {
        this(error, nextMidnightUtc(now), now);
    }

    private DailyQuotaExceededException(ApiError error, Instant resetsAt, Instant now) {
        super("LinkedIn daily quota exhausted; calls resume at " + resetsAt + suffix(error.message()), error,
                Duration.between(now, resetsAt));
        this.resetsAt = resetsAt;
    }

    /** The next 00:00 UTC strictly after {@code now}. */
    public static Instant nextMidnightUtc(Instant now) {
        return ZonedDateTime.ofInstant(now, ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public boolean isDailyQuota() {
        return true;
    }

    @Override
    public Instant resetsAt() {
        return resetsAt;
    }
}
