package io.leadsync.app.edge;

import java.time.Clock;
import java.time.Duration;

import io.leadsync.camel.linkedin.logging.SummarizedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN for requests the app's edge refused (no operator credentials, a body too large): one line at once, then
 * one line a minute with the count by reason. A stranger can send refused requests as fast as the network allows; a
 * line each would let them flood the log and hide what matters. The component's webhook refusals use the same
 * {@link SummarizedLog}.
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final SummarizedLog log;

    RefusalLog(Clock clock) {
        this.log = new SummarizedLog(LOG::warn, new SummarizedLog.Wording() {
            @Override
            public String single(String kind, String detail) {
                return "Refused a request (" + kind + "): " + detail + "; further refusals are summed up once a minute";
            }

            @Override
            public String summary(long total, long seconds, String perKind, String lastDetail) {
                return "Refused " + total + " request(s) in the last " + seconds + " s (" + perKind + "); the last: " + lastDetail;
            }
        }, Duration.ofMinutes(1), () -> clock);
    }

    /** Records one refused request; {@code request} (method, path, caller) is escaped before it is logged. */
    void refused(String reason, String request) {
        log.record(reason, request);
    }
}
