package io.leadsync.camel.linkedin.api;

import java.time.Duration;

/** Waits between retries; injectable so that tests observe the back-off instead of waiting for it. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /** Blocks for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
