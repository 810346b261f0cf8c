package io.leadsync.app.metrics;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.inbox.WebhookInbox;
import io.leadsync.camel.linkedin.metrics.LeadSyncMetrics;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * The app's gauges: days left on the LinkedIn tokens, the webhook inbox's depth and oldest entry, and the dead
 * letters of each sink. Registered once the CamelContext has started (camel-main has bound its registry by then);
 * each reads the state its owner keeps when the registry is scraped.
 */
public final class AppMeters extends MainListenerSupport {

    private final Supplier<TokenStatus> tokens;
    private final WebhookInbox inbox;
    private final Map<String, Callable<? extends Number>> deadLetters;
    private final AtomicBoolean bound = new AtomicBoolean();

    /**
     * @param tokens      the connection's status (the token manager's, which never calls LinkedIn for it)
     * @param inbox       the webhook inbox
     * @param deadLetters per sink ({@code database}, {@code salesforce}), how many leads wait in its dead-letter table
     */
    public AppMeters(Supplier<TokenStatus> tokens, WebhookInbox inbox, Map<String, Callable<? extends Number>> deadLetters) {
        this.tokens = tokens;
        this.inbox = inbox;
        this.deadLetters = Map.copyOf(deadLetters);
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        // camel-main binds its registry while the context starts; Main.start() (tests, the sign-off) skips afterStart
        try {
            // a startup listener is called again for routes started later (alreadyStarted): the gauges are bound once
            main.getCamelContext().addStartupListener((context, alreadyStarted) -> {
                if (bound.compareAndSet(false, true)) {
                    bind(LeadSyncMetrics.of(context));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Could not register the leadsync gauges", e);
        }
    }

    /** Registers the gauges with {@code metrics}. */
    public void bind(LeadSyncMetrics metrics) {
        metrics.watchTokens(tokens);
        metrics.watchInbox(inbox);
        deadLetters.forEach(metrics::watchDeadLetters);
    }
}
