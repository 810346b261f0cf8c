package io.leadsync.camel.linkedin.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConsumer.StreamStatus;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConsumer;
import io.leadsync.camel.linkedin.api.ApiRequest;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.inbox.WebhookInbox;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.store.StoreResult;
import io.leadsync.camel.linkedin.store.WriteSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LeadSyncMetrics} on a Micrometer registry; loaded only when Micrometer is on the classpath. */
final class MicrometerLeadSyncMetrics extends LeadSyncMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerLeadSyncMetrics.class);
    private static final double SECONDS_PER_DAY = 86_400d;
    /** One scrape reads the inbox, the tokens and each dead-letter count once, however many gauges show them. */
    private static final Duration READ_REUSE = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final Clock clock;
    // the consumer a route runs now: a restarted route's gauges follow the new consumer instead of the stopped one
    private final Map<String, LinkedInLeadSyncConsumer> consumers = new ConcurrentHashMap<>();
    private final Set<String> lagGauges = ConcurrentHashMap.newKeySet();

    MicrometerLeadSyncMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The metrics of the context's {@code metricsRegistry}, else of its only {@code MeterRegistry}; {@code null} when it has none. */
    static LeadSyncMetrics lookup(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        return registry == null ? null : new MicrometerLeadSyncMetrics(registry, Clock.systemUTC());
    }

    @Override
    public void linkedInCall(ApiRequest request, String status, long nanos) {
        Timer.builder("leadsync.linkedin.calls").description("HTTP exchanges with LinkedIn (each retry is one), by resource and status")
                .tags("resource", LinkedInCallMeter.resource(request), "method", request.method(), "status", status)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void throttled(ApiRequest request, boolean dailyQuota) {
        Counter.builder("leadsync.linkedin.throttled").description("429 answers from LinkedIn: a throttle, or the daily quota")
                .tags("resource", LinkedInCallMeter.resource(request), "limit", dailyQuota ? "daily_quota" : "throttle")
                .register(registry).increment();
    }

    @Override
    public void webhookAnswered(String outcome) {
        Counter.builder("leadsync.webhook.deliveries").description("Requests the webhook answered, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void leadsWritten(List<Lead> leads, List<StoreResult> results, WriteSource source) {
        Map<String, Lead> byId = new HashMap<>();
        leads.forEach(lead -> byId.put(lead.id(), lead));
        for (StoreResult result : results) {
            String name = switch (result.status()) {
                case STORED -> result.isNew() ? "leadsync.leads.stored" : "leadsync.leads.updated";
                case DELETED -> "leadsync.leads.withdrawn";
                case SKIPPED_TOMBSTONED, FAILED -> null;
            };
            Lead lead = byId.get(result.leadId());
            if (name == null || lead == null) {
                continue;
            }
            WriteSource written = source != null ? source : WriteSource.of(lead);
            Counter.builder(name).description(switch (result.status()) {
                        case DELETED -> "Withdrawn leads whose row the sink deleted";
                        default -> result.isNew() ? "Leads the sink stored for the first time" : "Known leads the sink wrote again";
                    })
                    .tags(Tags.of("owner", orUnknown(lead.ownerUrn()), "lead_type", orUnknown(lead.leadType()),
                            "form", lead.formId() == null ? "unknown" : Long.toString(lead.formId()),
                            "source", written.name().toLowerCase(Locale.ROOT)))
                    .register(registry).increment();
        }
    }

    @Override
    public void watchConsumer(LinkedInLeadSyncConsumer consumer) {
        String route = consumer.getRouteId() != null ? consumer.getRouteId() : consumer.getEndpoint().getEndpointKey();
        // called after every poll: each gauge is registered once (Micrometer warns on a second registration), and
        // reads the route's current consumer, so a restarted route keeps its gauges
        if (consumers.put(route, consumer) == null) {
            Gauge.builder("leadsync.poll.quota.paused", this, m -> m.quotaResetsAt(route) != null ? 1 : 0)
                    .description("1 while polling pauses on LinkedIn's daily quota, else 0").tag("route", route).strongReference(true).register(registry);
            Gauge.builder("leadsync.poll.quota.paused.until", this, m -> {
                        Instant resetsAt = m.quotaResetsAt(route);
                        return resetsAt == null ? 0 : resetsAt.toEpochMilli() / 1000d;
                    })
                    .description("When a paused daily quota resets (Unix time), 0 when polling is not paused").baseUnit("seconds")
                    .tag("route", route).strongReference(true).register(registry);
        }
        for (StreamStatus stream : consumer.streamStatuses()) {
            if (!lagGauges.add(route + " " + stream.owner() + " " + stream.leadType())) {
                continue;
            }
            Gauge.builder("leadsync.poll.lag", this, m -> m.lagSeconds(route, stream.owner(), stream.leadType()))
                    .description("How far a stream's watermark trails the clock (now - watermark); NaN before its first watermark")
                    .baseUnit("seconds").tags("route", route, "owner", stream.owner(), "lead_type", stream.leadType()).strongReference(true).register(registry);
        }
    }

    @Override
    public void watchTokens(Supplier<TokenStatus> tokens) {
        Reused<TokenStatus> status = new Reused<>(tokens::get, clock);
        Gauge.builder("leadsync.token.days.left", status, s -> daysLeft(s.get() == null ? null : s.get().accessTokenExpiresAt()))
                .description("Days left on the LinkedIn token (negative once expired, NaN when there is none)")
                .tag("token", "access").strongReference(true).register(registry);
        Gauge.builder("leadsync.token.days.left", status, s -> daysLeft(s.get() == null ? null : s.get().refreshTokenExpiresAt()))
                .description("Days left on the LinkedIn token (negative once expired, NaN when there is none)")
                .tag("token", "refresh").strongReference(true).register(registry);
    }

    @Override
    public void watchInbox(WebhookInbox inbox) {
        Reused<WebhookInbox.InboxStatus> status = new Reused<>(() -> inbox.status(clock.instant()), clock);
        Gauge.builder("leadsync.webhook.inbox.depth", status, s -> s.get() == null ? Double.NaN : s.get().depth())
                .description("Webhook deliveries waiting in the inbox (due or retrying later)").strongReference(true).register(registry);
        Gauge.builder("leadsync.webhook.inbox.oldest.age", status,
                        s -> s.get() == null ? Double.NaN : s.get().oldestPendingAge().toMillis() / 1000d)
                .description("How long the oldest pending inbox entry has waited, 0 when the inbox is empty").baseUnit("seconds")
                .strongReference(true).register(registry);
    }

    @Override
    public void watchDeadLetters(String sink, Callable<? extends Number> count) {
        Reused<Number> counted = new Reused<>(count, clock);
        Gauge.builder("leadsync.dead.letters", counted, c -> c.get() == null ? Double.NaN : c.get().doubleValue())
                .description("Leads waiting in the dead-letter table for a replay, by sink").tag("sink", sink).strongReference(true).register(registry);
    }

    private Instant quotaResetsAt(String route) {
        LinkedInLeadSyncConsumer consumer = consumers.get(route);
        return consumer == null ? null : consumer.quotaResetsAt();
    }

    private double lagSeconds(String route, String owner, String leadType) {
        LinkedInLeadSyncConsumer consumer = consumers.get(route);
        if (consumer == null) {
            return Double.NaN;
        }
        for (StreamStatus stream : consumer.streamStatuses()) {
            if (stream.owner().equals(owner) && stream.leadType().equals(leadType)) {
                return stream.watermark() == null ? Double.NaN
                        : Duration.between(stream.watermark(), consumer.getEndpoint().clock().instant()).toMillis() / 1000d;
            }
        }
        return Double.NaN;
    }

    private double daysLeft(Instant expiresAt) {
        return expiresAt == null ? Double.NaN : Duration.between(clock.instant(), expiresAt).toSeconds() / SECONDS_PER_DAY;
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }

    /** A value read at most once per {@link #READ_REUSE}; {@code null} when reading it failed (the gauge shows NaN). */
    static final class Reused<T> {
        private final Callable<? extends T> read;
        private final Clock clock;
        private Instant readAt;
        private T value;

        Reused(Callable<? extends T> read, Clock clock) {
            this.read = read;
            this.clock = clock;
        }

        synchronized T get() {
            Instant now = clock.instant();
            if (readAt == null || !now.isBefore(readAt.plus(READ_REUSE))) {
                readAt = now;
                try {
                    value = read.call();
                } catch (Exception e) {
                    LOG.debug("A leadsync gauge could not be read: {}", e.toString());
                    value = null;
                }
            }
            return value;
        }
    }
}
