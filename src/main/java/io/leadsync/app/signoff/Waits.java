package io.leadsync.app.signoff;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waiting on an exact condition (a row, a count, a log line), polled every 50 ms up to a bound: the walkthrough
 * never sleeps for a guessed time, so it is as fast as the app and fails with the condition it waited for.
 */
final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} until it is true; throws naming {@code what} when {@code atMost} passes first. */
    static void until(Duration atMost, String what, Callable<Boolean> condition) throws Exception {
        until(atMost, Duration.ofMillis(50), what, condition);
    }

    /** Like {@link #until(Duration, String, Callable)}, polling every {@code every} (for conditions that call LinkedIn). */
    static void until(Duration atMost, Duration every, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                // a table not created yet, a route still starting: try again until the bound
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new Evidence.CheckFailed("not within " + atMost.toSeconds() + " s: " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
            }
            Thread.sleep(every.toMillis());
        }
    }
}
