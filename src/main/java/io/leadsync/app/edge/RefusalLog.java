package io.leadsync.app.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN per minute for requests the edge refused, however many there are: the first refusal is logged at once, the
 * ones after it are summed up by reason in the next line a minute later. A stranger on the internet can send refused
 * requests as fast as the network allows; a line each would let them flood the log and hide what matters.
 */
public final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Integer> counts = new TreeMap<>();
    private Instant lastLine;
    private String lastRequest;

    public RefusalLog(Clock clock) {
        this.clock = clock;
    }

    /** Records one refused request; {@code request} is a short description such as {@code "GET /api/status from 10.0.0.7"}. */
    public synchronized void refused(String reason, String request) {
        Instant now = clock.instant();
        counts.merge(reason, 1, Integer::sum);
        lastRequest = LogText.clean(request);
        if (lastLine == null || !now.isBefore(lastLine.plus(PERIOD))) {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            if (lastLine == null) {
                LOG.warn("Refused a request ({}): {}; further refusals are summed up once a minute", reason, lastRequest);
            } else {
                LOG.warn("Refused {} request(s) in the last minute ({}); the last: {}", total, summary(), lastRequest);
            }
            counts.clear();
            lastLine = now;
        }
    }

    private String summary() {
        StringBuilder s = new StringBuilder();
        counts.forEach((reason, n) -> s.append(s.isEmpty() ? "" : ", ").append(n).append(' ').append(reason));
        return s.toString();
    }
}
