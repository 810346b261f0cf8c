package io.leadsync.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.leadsync.camel.linkedin.access.ProfileStatus;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;

/**
 * Builds the operator alert of {@code direct:reauthorization-alert} (LGF-004, LGF-006) from what detected the dead
 * grant: the heartbeat's {@link ProfileStatus} or the token manager's {@link ReauthorizationRequiredException}. The
 * same failure is usually seen by both within a second, so one reason is alerted once per {@link #REPEAT_AFTER}; the
 * hourly heartbeat then repeats it as a reminder until someone connects again.
 */
public final class ReauthorizationAlerts {

    /** How long the same reason is not alerted again. */
    public static final Duration REPEAT_AFTER = Duration.ofMinutes(10);

    private static final String EXCEPTION_PREFIX = "LinkedIn re-authorization required: ";

    /**
     * The JSON the alert route POSTs to {@code leadsync.alert.url}.
     *
     * @param event      always {@code linkedin.reauthorization_required}
     * @param reason     why LinkedIn access is lost
     * @param connectUrl this app's {@code /connect} page, which starts LinkedIn's consent flow again
     */
    public record Alert(String event, String reason, String connectUrl) {
    }

    private final String connectUrl;
    private final Clock clock;
    private String lastReason;
    private Instant lastAt;

    public ReauthorizationAlerts(String connectUrl, Clock clock) {
        this.connectUrl = connectUrl;
        this.clock = clock;
    }

    /**
     * The alert for {@code cause} (a ProfileStatus, a ReauthorizationRequiredException or any other exception), or
     * {@code null} when the same reason was alerted less than {@link #REPEAT_AFTER} ago or the status needs none.
     */
    public synchronized Alert alert(Object cause) {
        String reason = reason(cause);
        if (reason == null) {
            return null;
        }
        Instant now = clock.instant();
        if (reason.equals(lastReason) && lastAt != null && now.isBefore(lastAt.plus(REPEAT_AFTER))) {
            return null;
        }
        lastReason = reason;
        lastAt = now;
        return new Alert("linkedin.reauthorization_required", reason, connectUrl);
    }

    /** This app's {@code /connect} link. */
    public String connectUrl() {
        return connectUrl;
    }

    private static String reason(Object cause) {
        if (cause instanceof ProfileStatus status) {
            return status.reauthorizationRequired() ? plainReason(status.reason()) : null;
        }
        if (cause instanceof ReauthorizationRequiredException e) {
            return plainReason(e.getMessage());
        }
        if (cause instanceof Throwable t) {
            return t.getMessage() == null ? t.getClass().getSimpleName() : plainReason(t.getMessage());
        }
        return cause == null ? null : plainReason(cause.toString());
    }

    // the exception's message wraps the reason with LinkedIn's authorization URL, whose one-time state must not travel
    private static String plainReason(String message) {
        if (message == null) {
            return "unknown";
        }
        String reason = message.startsWith(EXCEPTION_PREFIX) ? message.substring(EXCEPTION_PREFIX.length()) : message;
        int open = reason.indexOf(". Open ");
        return open >= 0 ? reason.substring(0, open) : reason;
    }
}
