package io.leadsync.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.leadsync.camel.linkedin.api.Sleeper;
import io.leadsync.testing.MutableClock;

/**
 * A {@link Sleeper} that records each back-off instead of waiting; with a {@link MutableClock} it also moves that clock,
 * so time-window behaviour (a new DMP segment's 404s) plays out without real waiting.
 */
final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final MutableClock clock;

    RecordingSleeper() {
        this(null);
    }

    RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }

    void clear() {
        waits.clear();
    }
}
