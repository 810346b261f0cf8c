package io.leadsync.app.console;

import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * When the poll route ({@code leads-pull}) last polled and when it polls next. Camel's scheduled consumer keeps no
 * poll times, so the console wraps the consumer's poll strategy (Camel's own hook around each poll; the consumer's
 * strategy still decides everything) and notes when each poll began and ended. Until the first poll it has seen,
 * the next poll is the route's start plus its initial delay, as far as the console can tell.
 */
final class PollWatch {

    static final String ROUTE = "leads-pull";

    /** What the console shows of the poll route. */
    record State(boolean running, boolean polling, long delayMs, long polls, long errors, Instant lastBegin, Instant lastEnd,
                 Instant next, String lastError) {
    }

    /** Delegates every call; remembers the times. */
    static final class Watching implements PollingConsumerPollStrategy {
        final PollingConsumerPollStrategy delegate;
        volatile Instant lastBegin;
        volatile Instant lastEnd;
        volatile String lastError;

        Watching(PollingConsumerPollStrategy delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            lastBegin = Instant.now();
            return delegate.begin(consumer, endpoint);
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            lastEnd = Instant.now();
            lastError = null;
            delegate.commit(consumer, endpoint, polledMessages);
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
            lastEnd = Instant.now();
            lastError = cause == null ? null : cause.getMessage();
            return delegate.rollback(consumer, endpoint, retryCounter, cause);
        }
    }

    private PollWatch() {
    }

    /** The poll route's state, or {@code null} when the app runs no poll. Wraps its strategy the first time. */
    static State of(CamelContext camel) {
        Route route = camel.getRoute(ROUTE);
        if (route == null || !(route.getConsumer() instanceof ScheduledPollConsumer consumer)) {
            return null;
        }
        Watching watching;
        synchronized (PollWatch.class) {
            if (consumer.getPollStrategy() instanceof Watching w) {
                watching = w;
            } else {
                watching = new Watching(consumer.getPollStrategy());
                consumer.setPollStrategy(watching);
            }
        }
        boolean running = camel.getRouteController().getRouteStatus(ROUTE).isStarted();
        long delay = consumer.getTimeUnit().toMillis(consumer.getDelay());
        Instant next = null;
        if (running && !consumer.isPolling()) {
            if (watching.lastEnd != null) {
                next = watching.lastEnd.plusMillis(delay);
            } else if (route.getUptimeMillis() >= 0 && !consumer.isFirstPollDone()) {
                next = Instant.now().minusMillis(route.getUptimeMillis()).plusMillis(consumer.getTimeUnit().toMillis(consumer.getInitialDelay()));
            }
        }
        return new State(running, consumer.isPolling(), delay, consumer.getCounter(), consumer.getErrorCounter(), watching.lastBegin,
                watching.lastEnd, next, watching.lastError);
    }
}
