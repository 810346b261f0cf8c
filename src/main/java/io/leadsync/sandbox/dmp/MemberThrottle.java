package io.leadsync.sandbox.dmp;

import java.util.HashMap;
import java.util.Map;

import io.leadsync.sandbox.SandboxApiError;

/**
 * LinkedIn's per-member, per-minute request limit on one batch resource, counted in fixed windows of one clock
 * minute. Not thread-safe: {@link DmpSegments} calls it under its lock.
 */
final class MemberThrottle {

    static final int SERVICE_ERROR_CODE = 101;
    static final String CODE = "TOO_MANY_REQUESTS";
    private static final long MINUTE_MS = 60_000;

    private final Map<String, Window> windows = new HashMap<>();
    private int limitPerMinute;

    MemberThrottle(int limitPerMinute) {
        setLimitPerMinute(limitPerMinute);
    }

    void setLimitPerMinute(int limitPerMinute) {
        if (limitPerMinute < 1) {
            throw new IllegalArgumentException("limitPerMinute must be at least 1, was " + limitPerMinute);
        }
        this.limitPerMinute = limitPerMinute;
    }

    /** Counts one call for the member, or throws the 429 LinkedIn answers once the minute's limit is reached. */
    void acquire(String member, long nowMs) {
        long minute = Math.floorDiv(nowMs, MINUTE_MS);
        Window window = windows.compute(member, (m, w) -> w == null || w.minute != minute ? new Window(minute) : w);
        if (window.calls >= limitPerMinute) {
            long windowEndMs = (minute + 1) * MINUTE_MS;
            int retryAfterSeconds = (int) Math.max(1, (windowEndMs - nowMs + 999) / 1000);
            throw new SandboxApiError(429, SERVICE_ERROR_CODE, CODE,
                    "Resource level throttle APPLICATION_AND_MEMBER MINUTE limit for calls to this resource is reached.",
                    retryAfterSeconds);
        }
        window.calls++;
    }

    private static final class Window {
        private final long minute;
        private int calls;

        private Window(long minute) {
            this.minute = minute;
        }
    }
}
