package io.leadsync.camel.linkedin.metrics;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConsumer;
import io.leadsync.camel.linkedin.api.ApiInterceptor;
import io.leadsync.camel.linkedin.api.ApiRequest;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.inbox.WebhookInbox;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.store.StoreResult;
import io.leadsync.camel.linkedin.store.WriteSource;
import org.apache.camel.CamelContext;

/**
 * The connector's {@code leadsync.*} meters, recorded into the Micrometer {@code MeterRegistry} of a CamelContext (the
 * one camel-main binds as {@code metricsRegistry} when {@code camel.metrics.enabled=true}, else the only one in the
 * registry). Without Micrometer on the classpath, or without a registry in the context, {@link #of} returns
 * {@link #NONE}, which records nothing: the component does not need Micrometer to run.
 * <p>
 * Counters are recorded where things happen (a LinkedIn call, a webhook answer, a lead written); gauges read state
 * their owners already keep (a consumer's streams, the token store, the inbox, the dead-letter table) each time the
 * registry is scraped. No tag ever holds a lead id or any value a caller chose, so the number of series stays bounded
 * by the number of owners, forms and lead types.
 */
public abstract class LeadSyncMetrics {

    /** Records nothing: no Micrometer on the classpath, or no {@code MeterRegistry} in the context. */
    public static final LeadSyncMetrics NONE = new LeadSyncMetrics() {
    };

    // the class is loaded only when this says Micrometer is there, so a component without it never links against it
    private static final boolean MICROMETER = present("io.micrometer.core.instrument.MeterRegistry");
    private static final Map<CamelContext, LeadSyncMetrics> BY_CONTEXT = new WeakHashMap<>();

    LeadSyncMetrics() {
    }

    /**
     * The meters of {@code context}, or {@link #NONE}. Looked up again on every call until a registry appears (camel-main
     * binds its registry while the context starts), then kept for the life of the context.
     */
    public static LeadSyncMetrics of(CamelContext context) {
        if (!MICROMETER || context == null) {
            return NONE;
        }
        synchronized (BY_CONTEXT) {
            LeadSyncMetrics known = BY_CONTEXT.get(context);
            if (known != null) {
                return known;
            }
            LeadSyncMetrics found = MicrometerLeadSyncMetrics.lookup(context);
            if (found == null) {
                return NONE;
            }
            BY_CONTEXT.put(context, found);
            return found;
        }
    }

    /**
     * The interceptor that counts every HTTP exchange with LinkedIn (each retry is one) by resource, method and status,
     * and the 429s among them; it resolves the registry of {@code context} on each call, so it may be built before the
     * registry exists.
     */
    public static ApiInterceptor linkedInCalls(CamelContext context) {
        return new LinkedInCallMeter(() -> of(context));
    }

    /** One HTTP exchange with LinkedIn answered {@code status} (an HTTP code, or {@code io_error}) after {@code nanos}. */
    public void linkedInCall(ApiRequest request, String status, long nanos) {
    }

    /** LinkedIn answered 429: a throttle, or the app's daily quota ({@code dailyQuota}). */
    public void throttled(ApiRequest request, boolean dailyQuota) {
    }

    /** The webhook answered a request; {@code outcome} is one of {@link WebhookOutcome}'s values. */
    public void webhookAnswered(String outcome) {
    }

    /** A sink wrote {@code leads} with {@code results} (same order as the store returned them); {@code source} may be {@code null}. */
    public void leadsWritten(List<Lead> leads, List<StoreResult> results, WriteSource source) {
    }

    /** Watches the streams of a polling consumer (poll lag) and its daily-quota pause; call again when streams change. */
    public void watchConsumer(LinkedInLeadSyncConsumer consumer) {
    }

    /** Watches the days left on the access and the refresh token. */
    public void watchTokens(Supplier<TokenStatus> tokens) {
    }

    /** Watches the webhook inbox's depth and the age of its oldest pending entry. */
    public void watchInbox(WebhookInbox inbox) {
    }

    /** Watches how many leads of {@code sink} wait in the dead-letter table. */
    public void watchDeadLetters(String sink, Callable<? extends Number> count) {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, LeadSyncMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
