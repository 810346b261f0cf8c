package io.leadsync.camel.linkedin.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A log line that a caller can trigger as often as it likes without flooding the log: the first event after a quiet
 * period is written at once, later ones are counted by kind and written as one summary line once {@code interval}
 * has passed (with the next event, or by {@link #flush}). Thread-safe.
 */
public final class SummarizedLog {

    /** How events are worded: the line for one event, and the summary of several. */
    public interface Wording {
        /** The line of the first event after a quiet period. */
        String single(String kind, String detail);

        /** The summary: {@code total} events in the last {@code seconds}, per kind (e.g. "297 bad signature, 15 malformed"). */
        String summary(long total, long seconds, String perKind, String lastDetail);
    }

    private final Consumer<String> sink;
    private final Wording wording;
    private final Duration interval;
    private final Supplier<Clock> clock;

    private final Map<String, Long> counts = new TreeMap<>();
    private long total;
    private long windowStart;
    private long lastLine = Long.MIN_VALUE;
    private String lastDetail;

    public SummarizedLog(Consumer<String> sink, Wording wording, Duration interval, Supplier<Clock> clock) {
        this.sink = sink;
        this.wording = wording;
        this.interval = interval;
        this.clock = clock;
    }

    /** Records one event; {@code detail} is untrusted text (it is escaped before it reaches the log). */
    public void record(String kind, String detail) {
        String line;
        synchronized (this) {
            long now = clock.get().millis();
            lastDetail = Untrusted.text(detail);
            if (total == 0 && (lastLine == Long.MIN_VALUE || now - lastLine >= interval.toMillis())) {
                // quiet for a whole interval: this one is news
                lastLine = now;
                windowStart = now;
                line = wording.single(kind, lastDetail);
            } else {
                if (total == 0) {
                    windowStart = lastLine;
                }
                counts.merge(kind, 1L, Long::sum);
                total++;
                line = now - lastLine >= interval.toMillis() ? drain(now) : null;
            }
        }
        if (line != null) {
            sink.accept(line);
        }
    }

    /** Writes what was counted since the last line, if anything (for example when the endpoint stops). */
    public void flush() {
        String line;
        synchronized (this) {
            line = total == 0 ? null : drain(clock.get().millis());
        }
        if (line != null) {
            sink.accept(line);
        }
    }

    /** Events counted and not yet written. */
    public synchronized long pending() {
        return total;
    }

    private String drain(long now) {
        StringJoiner perKind = new StringJoiner(", ");
        counts.forEach((kind, count) -> perKind.add(count + " " + kind));
        String line = wording.summary(total, Math.max(0, (now - windowStart) / 1000), perKind.toString(), lastDetail);
        counts.clear();
        total = 0;
        lastLine = now;
        return line;
    }
}
