package io.leadsync.camel.linkedin.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.LinkedInLeadSyncWebhookHealthCheck;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.NotFoundException;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.model.LeadNotification;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps LinkedIn's lead-notification subscriptions in line with a webhook endpoint's options (LGF-202 … LGF-204).
 * <p>
 * Camel's {@code WebhookEndpoint} calls {@link #register()} when the endpoint starts, which is BEFORE the
 * platform-http consumer of the route listens. LinkedIn validates a webhook with a challenge GET while the
 * subscription is created, so subscribing right away would fail. Registration therefore runs in the background once
 * the CamelContext has started, and is retried with doubling backoff until LinkedIn accepts; until then the
 * {@link LinkedInLeadSyncWebhookHealthCheck} reports "webhook not registered yet" with the last failure.
 * <p>
 * Each run lists the subscriptions of every owner/lead type in scope (the pairs at the same time, each on its own
 * thread), reuses one identical to a wanted one
 * ({@link LeadNotification#sameSubscriptionAs}), creates the missing ones, and deletes those of this webhook URL that
 * the options no longer ask for (re-registration after an options change, LGF-204). The URL is the endpoint's
 * {@code computeFullExternalUrl()}: set {@code webhookPath} so it stays the same when options change (Camel's default
 * path is derived from the endpoint URI, options included, and old subscriptions of another URL are not recognised).
 */
public final class LeadNotificationRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(LeadNotificationRegistrar.class);
    /** The first try runs as soon as the CamelContext has started: the route listens by then. */
    static final long FIRST_DELAY_MS = 0;
    /** Owner/type pairs registered at the same time (one call in flight each). */
    static final int MAX_CONCURRENT_PAIRS = 8;
    /** The wait before the first retry, doubling up to {@link #MAX_DELAY_MS}. */
    static final long FIRST_RETRY_DELAY_MS = 100;
    static final long MAX_DELAY_MS = 60_000;

    private final LinkedInLeadSyncEndpoint endpoint;
    private volatile LinkedInLeadSyncWebhookHealthCheck health;
    private final Set<Long> subscriptionIds = new LinkedHashSet<>();
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> pending;
    private volatile boolean stopped = true;
    private long delay;
    // the last failure WARNed: the same failure again only goes to DEBUG, so a retry loop cannot fill the log
    private volatile String lastFailure;
    private String webhook;

    public LeadNotificationRegistrar(LinkedInLeadSyncEndpoint endpoint) {
        this.endpoint = endpoint;
        this.health = new LinkedInLeadSyncWebhookHealthCheck("linkedin-leadsync-webhook-" + endpoint.getId());
    }

    /**
     * The id of the route consuming this endpoint through {@code webhook:}, for a health check name that stays the
     * same across restarts ({@code endpoint17} depends on the order endpoints were created); the endpoint's id when no
     * route delegates to it.
     */
    private String routeId() {
        for (org.apache.camel.Route route : endpoint.getCamelContext().getRoutes()) {
            if (route.getEndpoint() instanceof org.apache.camel.DelegateEndpoint delegate && delegate.getEndpoint() == endpoint) {
                return route.getRouteId();
            }
        }
        return endpoint.getId();
    }

    /** Starts registering in the background, once the CamelContext has started. */
    public synchronized void register() {
        CamelContext context = endpoint.getCamelContext();
        stopped = false;
        delay = FIRST_RETRY_DELAY_MS;
        // routes exist by now: the check is named after the route, not the endpoint's creation order
        health = new LinkedInLeadSyncWebhookHealthCheck("linkedin-leadsync-webhook-" + routeId());
        health.pending("webhook not registered yet: waiting for the route to listen");
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            registry.register(health);
        }
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LinkedInWebhookRegistration");
        try {
            context.addStartupListener((ctx, alreadyStarted) -> schedule(FIRST_DELAY_MS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not wait for the CamelContext to start", e);
        }
    }

    /** Stops registering; deletes the subscriptions of this endpoint when {@code unregisterOnStop=true}. */
    public void unregister() {
        ScheduledExecutorService running;
        synchronized (this) {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
            running = executor;
            executor = null;
        }
        if (running != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(running);
        }
        synchronized (this) {
            health.pending("webhook consumer stopped");
            HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
            if (registry != null) {
                registry.unregister(health);
            }
            if (subscriptionIds.isEmpty()) {
                return;
            }
            if (!endpoint.getConfiguration().isUnregisterOnStop()) {
                LOG.info("Webhook {} stays subscribed on LinkedIn (subscriptions {}); set unregisterOnStop=true to delete them on stop",
                        webhook, subscriptionIds);
                return;
            }
            for (Long id : List.copyOf(subscriptionIds)) {
                try {
                    endpoint.getApi().deleteLeadNotification(id);
                    LOG.info("Webhook {} unsubscribed (subscription {} deleted)", webhook, id);
                } catch (NotFoundException e) {
                    LOG.info("Subscription {} of webhook {} was already gone", id, webhook);
                } catch (RuntimeException e) {
                    LOG.warn("Could not delete subscription {} of webhook {}: {}", id, webhook, e.getMessage());
                    continue;
                }
                subscriptionIds.remove(id);
            }
        }
    }

    /** The ids of the subscriptions this endpoint created or reused. */
    public synchronized List<Long> subscriptionIds() {
        return List.copyOf(subscriptionIds);
    }

    /** Readiness of this webhook consumer. */
    public LinkedInLeadSyncWebhookHealthCheck healthCheck() {
        return health;
    }

    private synchronized void schedule(long afterMs) {
        if (!stopped && executor != null) {
            pending = executor.schedule(this::attempt, afterMs, TimeUnit.MILLISECONDS);
        }
    }

    private void attempt() {
        try {
            int count = synchronize();
            if (count < 0) {
                return;
            }
            health.registered(count);
            lastFailure = null;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            health.failed(reason);
            if (e instanceof ReauthorizationRequiredException) {
                // an expected state the token manager WARNs about once; registration follows the connection
                LOG.debug("Webhook registration waits for the LinkedIn connection; retrying in {} ms", delay);
            } else if (reason.equals(lastFailure)) {
                LOG.debug("Webhook registration with LinkedIn failed again ({}); retrying in {} ms", reason, delay);
            } else {
                LOG.warn("Webhook registration with LinkedIn failed ({}); retrying with backoff, the next try in {} ms", reason, delay);
            }
            lastFailure = reason;
            long next = delay;
            delay = Math.min(delay * 2, MAX_DELAY_MS);
            schedule(next);
        }
    }

    /** One registration run; the number of subscriptions kept, or -1 when stopped meanwhile. */
    private synchronized int synchronize() throws Exception {
        if (stopped) {
            return -1;
        }
        LinkedInApi api = endpoint.getApi();
        webhook = endpoint.getWebhookConfiguration().computeFullExternalUrl();
        WebhookSubscriptionPlan plan = WebhookSubscriptionPlan.of(api, endpoint.getConfiguration(), webhook,
                endpoint.getComponent().discoveredOwnersFor(endpoint.getConfiguration()), endpoint.clock().instant());
        List<WebhookSubscriptionPlan.OwnerType> pairs = List.copyOf(plan.scope());
        if (pairs.isEmpty()) {
            subscriptionIds.clear();
            return 0;
        }
        // the owner/type pairs are independent (LinkedIn lists subscriptions per pair): one round trip of each at the
        // same time instead of one after the other, so that the webhook is ready as soon as the slowest pair is
        ExecutorService pool = endpoint.getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "LinkedInWebhookRegistration", Math.min(pairs.size(), MAX_CONCURRENT_PAIRS));
        List<Long> kept = new ArrayList<>();
        try {
            List<Future<PairResult>> results = new ArrayList<>();
            for (WebhookSubscriptionPlan.OwnerType pair : pairs) {
                results.add(pool.submit(() -> synchronize(api, plan, pair)));
            }
            Exception failure = null;
            boolean interrupted = false;
            for (Future<PairResult> result : results) {
                try {
                    PairResult done = result.get();
                    kept.addAll(done.kept());
                    subscriptionIds.addAll(done.kept());
                    subscriptionIds.removeAll(done.deleted());
                    interrupted |= done.stopped();
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception c ? c : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                // what the other pairs created is kept in subscriptionIds and reused by the next run
                throw failure;
            }
            if (interrupted || stopped) {
                return -1;
            }
        } finally {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(pool);
        }
        subscriptionIds.retainAll(kept);
        return kept.size();
    }

    /** What one owner/type pair's run kept and deleted. */
    private record PairResult(List<Long> kept, List<Long> deleted, boolean stopped) {
    }

    private PairResult synchronize(LinkedInApi api, WebhookSubscriptionPlan plan, WebhookSubscriptionPlan.OwnerType pair) {
        List<Long> kept = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        List<LeadNotification> existing = api.leadNotifications(pair.owner(), pair.leadType()).stream()
                .filter(n -> webhook.equals(n.webhook())).toList();
        for (LeadNotification wanted : plan.desired(pair)) {
            if (stopped) {
                return new PairResult(kept, deleted, true);
            }
            LeadNotification same = existing.stream().filter(n -> n.sameSubscriptionAs(wanted) && !kept.contains(n.id()))
                    .findFirst().orElse(null);
            long id;
            if (same != null) {
                id = same.id();
                LOG.info("Webhook {} already registered for {} (subscription {})", webhook, describe(wanted), id);
            } else {
                id = api.createLeadNotification(wanted);
                LOG.info("Webhook {} registered for {} (subscription {})", webhook, describe(wanted), id);
            }
            kept.add(id);
        }
        for (LeadNotification stale : existing) {
            if (!kept.contains(stale.id())) {
                api.deleteLeadNotification(stale.id());
                deleted.add(stale.id());
                LOG.info("Webhook {} unsubscribed from {} (subscription {}): the endpoint's options no longer ask for it", webhook,
                        describe(stale), stale.id());
            }
        }
        return new PairResult(kept, deleted, false);
    }

    private static String describe(LeadNotification n) {
        StringBuilder s = new StringBuilder(n.leadType()).append(" leads of ").append(n.owner().urn());
        if (n.versionedForm() != null) {
            s.append(" on form ").append(n.versionedForm());
        }
        if (n.associatedEntity() != null) {
            s.append(" through ").append(n.associatedEntity().associatedCreative() != null
                    ? n.associatedEntity().associatedCreative() : n.associatedEntity().event());
        }
        return s.toString();
    }
}
