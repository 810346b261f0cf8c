package io.leadsync.camel.linkedin.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.leadsync.camel.linkedin.LeadExchanges;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.inbox.WebhookInbox.InboxEntry;
import io.leadsync.camel.linkedin.inbox.WebhookInbox;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAction;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.logging.SummarizedLog;
import io.leadsync.camel.linkedin.logging.Untrusted;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a {@link WebhookInbox} on one thread of the endpoint: claims the due entries, fetches their CREATED leads in
 * one {@code BATCH_GET} (shared with concurrent fetches through {@link CoalescingLeadFetch}), routes the leads in one
 * exchange, and completes the entries only once the route succeeded. What fails waits and is tried again, the wait
 * doubling from {@code webhookInboxRetryDelay} to {@code webhookInboxMaxRetryDelay}; a CREATED lead LinkedIn does not
 * return is asked for again until {@code webhookInboxPendingTime} after its notification, then left to the poll. A
 * DELETED never expires: the poll cannot see withdrawals.
 */
public final class WebhookInboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookInboxWorker.class);
    /** How long a claimed entry is not handed to another worker; a worker that dies mid-batch gives it back then. */
    static final Duration LEASE = Duration.ofSeconds(30);

    private final LinkedInLeadSyncEndpoint endpoint;
    private final WebhookInbox inbox;
    private final Processor next;
    private final WebhookLeadAssembler assembler;
    private final WebhookLeadFetcher fetcher;
    private final RecentDeliveries recent;
    private final UnknownLeads unknown;
    private final SummarizedLog leftToPoll;
    private final SummarizedLog failures;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private ExecutorService executor;

    WebhookInboxWorker(LinkedInLeadSyncEndpoint endpoint, WebhookInbox inbox, Processor next, WebhookLeadAssembler assembler,
                       WebhookLeadFetcher fetcher, RecentDeliveries recent, UnknownLeads unknown, SummarizedLog leftToPoll,
                       SummarizedLog failures) {
        this.endpoint = endpoint;
        this.inbox = inbox;
        this.next = next;
        this.assembler = assembler;
        this.fetcher = fetcher;
        this.recent = recent;
        this.unknown = unknown;
        this.leftToPoll = leftToPoll;
        this.failures = failures;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        executor = endpoint.getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "LinkedInWebhookInbox");
        executor.submit(this::loop);
    }

    synchronized void stop() {
        running = false;
        wake.release();
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, 10_000);
            executor = null;
        }
    }

    /** A delivery was recorded: look at once instead of at the next tick. */
    void wake() {
        wake.release();
    }

    private void loop() {
        LinkedInLeadSyncConfiguration config = endpoint.getConfiguration();
        long tick = Math.min(1_000, config.getWebhookInboxRetryDelay());
        while (running) {
            boolean busy = false;
            try {
                busy = drainOnce();
            } catch (Exception e) {
                // the inbox's database is unreachable: entries wait there, nothing is lost
                failures.record("inbox unreachable", Untrusted.text(e.getMessage()));
            }
            if (!busy) {
                try {
                    wake.tryAcquire(tick, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Processes one batch of due entries; {@code false} when none was due. */
    boolean drainOnce() throws Exception {
        LinkedInLeadSyncConfiguration config = endpoint.getConfiguration();
        Instant now = endpoint.clock().instant();
        List<InboxEntry> entries = inbox.claimDue(config.getWebhookInboxBatchSize(), now, LEASE);
        if (entries.isEmpty()) {
            return false;
        }
        List<String> created = entries.stream().filter(e -> LeadAction.CREATED.name().equals(e.action())).map(InboxEntry::leadId)
                .distinct().toList();
        Map<String, Lead> fetched;
        try {
            fetched = fetcher.fetch(created);
        } catch (RuntimeException e) {
            // LinkedIn failed: the CREATED entries wait; the DELETED ones need no call and go on
            String reason = "LinkedIn could not be asked for the leads: " + Untrusted.text(e.getMessage());
            failures.record("LinkedIn failed", reason);
            for (InboxEntry entry : entries) {
                if (LeadAction.CREATED.name().equals(entry.action())) {
                    inbox.retryAt(entry, later(entry, now), reason);
                }
            }
            entries = entries.stream().filter(entry -> !LeadAction.CREATED.name().equals(entry.action())).toList();
            fetched = Map.of();
        }
        Map<String, Lead> leads = new LinkedHashMap<>();
        List<InboxEntry> routed = new ArrayList<>();
        List<InboxEntry> done = new ArrayList<>();
        for (InboxEntry entry : entries) {
            Lead lead = LeadAction.DELETED.name().equals(entry.action()) ? Lead.deleted(entry.notification(), LeadSource.WEBHOOK)
                    : fetched.get(entry.leadId());
            if (lead == null) {
                notReadable(entry, now, config, done);
            } else if (assembler.wanted(lead)) {
                leads.putIfAbsent(lead.id() + '|' + lead.action(), lead);
                routed.add(entry);
            } else {
                done.add(entry);
            }
        }
        if (!leads.isEmpty()) {
            Exchange exchange = LeadExchanges.create(endpoint, List.copyOf(leads.values()), LeadSource.WEBHOOK);
            Exception failure;
            try {
                next.process(exchange);
                failure = exchange.getException();
            } catch (Exception e) {
                failure = e;
            }
            if (failure == null) {
                done.addAll(routed);
                routed.forEach(entry -> recent.remember(entry.leadId(), entry.action()));
            } else {
                String reason = "the route failed: " + Untrusted.text(failure.getMessage());
                failures.record("route failed", reason);
                for (InboxEntry entry : routed) {
                    inbox.retryAt(entry, later(entry, now), reason);
                }
            }
        }
        inbox.complete(done);
        return true;
    }

    private void notReadable(InboxEntry entry, Instant now, LinkedInLeadSyncConfiguration config, List<InboxEntry> done) throws Exception {
        Duration waited = Duration.between(entry.receivedAt(), now);
        if (waited.toMillis() >= config.getWebhookInboxPendingTime()) {
            // LinkedIn still does not return it: the poll brings it if it ever becomes readable
            unknown.note(entry.leadId());
            leftToPoll.record("left to the poll", entry.leadId());
            done.add(entry);
        } else {
            LOG.debug("Lead {} is not readable on LinkedIn yet (attempt {}); asked again later", Untrusted.text(entry.leadId()),
                    entry.attempts());
            inbox.retryAt(entry, later(entry, now), "not readable on LinkedIn yet");
        }
    }

    private Instant later(InboxEntry entry, Instant now) {
        LinkedInLeadSyncConfiguration config = endpoint.getConfiguration();
        long delay = config.getWebhookInboxRetryDelay() << Math.min(Math.max(entry.attempts() - 1, 0), 20);
        return now.plusMillis(Math.min(delay, config.getWebhookInboxMaxRetryDelay()));
    }
}
