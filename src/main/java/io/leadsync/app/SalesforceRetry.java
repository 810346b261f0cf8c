package io.leadsync.app;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The {@code retryWhile} of the leads-to-Salesforce error handler: redeliver a failed request up to
 * {@code maximumRedeliveries} times, but only when {@link SalesforceErrors#isRetryable(Throwable)} says another try
 * can help, so that a lead Salesforce refuses for its content reaches the dead letters at once.
 */
public final class SalesforceRetry implements Predicate {

    private final int maximumRedeliveries;

    /** @param maximumRedeliveries how many times a retryable failure is sent again (0: never) */
    public SalesforceRetry(int maximumRedeliveries) {
        if (maximumRedeliveries < 0) {
            throw new IllegalArgumentException("maximumRedeliveries must be 0 or more, not " + maximumRedeliveries);
        }
        this.maximumRedeliveries = maximumRedeliveries;
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // the error handler counts the redelivery it is about to make before asking: 1 after the first failure
        int nextRedelivery = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        return nextRedelivery <= maximumRedeliveries && SalesforceErrors.isRetryable(failure);
    }

    /** How many times a retryable failure is sent again. */
    public int maximumRedeliveries() {
        return maximumRedeliveries;
    }
}
