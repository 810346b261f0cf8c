package io.leadsync.kamelets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A sandbox clock tests move by hand, so a new segment leaves LinkedIn's not-found window and an upload settles. */
final class MovableClock extends Clock {

    // starts at the real time: the sandbox refuses LinkedIn-Version values from its own future
    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
