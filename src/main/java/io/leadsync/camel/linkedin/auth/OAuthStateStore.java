package io.leadsync.camel.linkedin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * (10 minutes by default); unknown, expired and reused states are rejected. A state can be bound to the browser
 * that started the authorization (a digest of a cookie value): the callback then has to come from that browser, so a
 * link started elsewhere cannot plant someone else's grant (login CSRF). Thread-safe, in memory: a state is only
 * meaningful to the process that issued it.
 */
public final class OAuthStateStore {

    /** How long a member has to complete LinkedIn's consent screen. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(10);

    private static final int STATE_BYTES = 32;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
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

    /** Creates and remembers a new random, URL-safe state bound to no browser; returns it with its expiry. */
    public Issued issue() {
        return issue(null);
    }

    /**
     * Creates and remembers a new random, URL-safe state that only {@link #consume(String, String)} with the same
     * {@code browserBinding} accepts.
     *
     * @param browserBinding a secret the starting browser holds (e.g. an HttpOnly cookie), or null for none
     */
    public Issued issue(String browserBinding) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        byte[] bytes = new byte[STATE_BYTES];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(timeToLive);
        pending.put(state, new Pending(expiresAt, digest(browserBinding)));
        return new Issued(state, expiresAt);
    }

    /**
     * Accepts {@code state} once: true if it was issued here, not yet consumed and not expired. Any later call with the
     * same state returns false.
     */
    public boolean consume(String state) {
        return consume(state, null);
    }

    /**
     * Accepts {@code state} once when it was issued with the same {@code browserBinding}. A state presented with the
     * wrong binding is used up all the same, so that a guessed or stolen link cannot be tried twice.
     */
    public boolean consume(String state, String browserBinding) {
        if (state == null) {
            return false;
        }
        Pending p = pending.remove(state);
        return p != null && clock.instant().isBefore(p.expiresAt())
                && MessageDigest.isEqual(p.binding(), digest(browserBinding));
    }

    private static byte[] digest(String browserBinding) {
        if (browserBinding == null) {
            return new byte[0];
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(browserBinding.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private record Pending(Instant expiresAt, byte[] binding) {
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
