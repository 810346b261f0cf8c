package io.leadsync.camel.linkedin.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-time {@code state} values of authorizations in progress. A state is accepted once, within its time to live
 * (10 minutes by default); unknown, expired and reused states are rejected. Thread-safe, in memory: a state is only
 * meaningful to the process that issued it.
 */
public final class OAuthStateStore {

    /** How long a member has to complete LinkedIn's consent screen. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(10);

    private static final int STATE_BYTES = 32;

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration timeToLive;

    /** A store whose states live {@link #DEFAULT_TIME_TO_LIVE}. */
    public OAuthStateStore(Clock clock) {
        this(clock, DEFAULT_TIME_TO_LIVE);
    }

    /** A store whose states live {@code timeToLive}. */
    public OAuthStateStore(Clock clock, Duration timeToLive) {
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive == null");
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("timeToLive must be positive: " + timeToLive);
        }
    }

    /** Creates and remembers a new random, URL-safe state; returns it with its expiry. */
    public Issued issue() {
        Instant now = clock.instant();
        pending.values().removeIf(expiry -> !now.isBefore(expiry));
        byte[] bytes = new byte[STATE_BYTES];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(timeToLive);
        pending.put(state, expiresAt);
        return new Issued(state, expiresAt);
    }

    /**
     * Accepts {@code state} once: true if it was issued here, not yet consumed and not expired. Any later call with the
     * same state returns false.
     */
    public boolean consume(String state) {
        if (state == null) {
            return false;
        }
        Instant expiresAt = pending.remove(state);
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    /** Number of states still waiting for their callback (expired ones included until the next issue). */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * A freshly issued state.
     *
     * @param state     the random value
     * @param expiresAt when it stops being accepted
     */
    public record Issued(String state, Instant expiresAt) {
    }
}
