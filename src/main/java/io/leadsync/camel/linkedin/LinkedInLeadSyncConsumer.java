package io.leadsync.camel.linkedin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

import io.leadsync.camel.linkedin.api.ForbiddenException;
import io.leadsync.camel.linkedin.api.RateLimitedException;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls {@code leadFormResponses} per (owner, lead type) stream and emits one exchange per page, one page at a time:
 * body {@code List<Lead>}, headers from {@link LeadExchanges} plus the window, page number and total. Watermarks live
 * in the {@code stateRepository} and move only when a whole slice of pages completed.
 * <p>
 * A daily-quota 429 ends the poll without an error and pauses polling until LinkedIn's reset; a missing or dead grant
 * is reported once (and through readiness) until a token exists again; any other failure is thrown from
 * {@link #poll()} so Camel's bridgeErrorHandler and backoff options apply.
 */
public class LinkedInLeadSyncConsumer extends ScheduledBatchPollingConsumer {

    /** Without configured owners, the member's accounts and pages are discovered again this often. */
    static final Duration REDISCOVERY_INTERVAL = Duration.ofHours(6);

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInLeadSyncConsumer.class);

    private final LinkedInLeadSyncEndpoint endpoint;
    private final Map<String, Long> watermarks = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();
    private StateRepository<String, String> states;
    private List<LeadStream> streams;
    private Instant discoveredAt;
    private LinkedInLeadSyncConsumerHealthCheck healthCheck;
    private HealthCheckRegistry healthCheckRegistry;

    private volatile Instant lastPollAt;
    private volatile String lastPollError;
    private volatile ReauthorizationRequiredException reauthorization;
    private volatile Instant quotaResetsAt;

    public LinkedInLeadSyncConsumer(LinkedInLeadSyncEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public LinkedInLeadSyncEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        states = endpoint.getConfiguration().getStateRepository() != null ? endpoint.getConfiguration().getStateRepository()
                : endpoint.getPollMemory().defaultStates();
        ServiceHelper.startService(states);
        healthCheck = new LinkedInLeadSyncConsumerHealthCheck(this, getRouteId());
        healthCheck.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
        // registered in the registry itself: Camel's "components" repository is not loaded by camel-main, so a check
        // added there never reached /observe/health (camel-health absent: no registry, nothing to do)
        healthCheckRegistry = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (healthCheckRegistry != null) {
            healthCheckRegistry.register(healthCheck);
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (healthCheckRegistry != null && healthCheck != null) {
            healthCheckRegistry.unregister(healthCheck);
        }
    }

    @Override
    protected int poll() throws Exception {
        Instant now = clock.instant();
        if (quotaResetsAt != null && now.isBefore(quotaResetsAt)) {
            LOG.debug("Skipping the poll: LinkedIn's daily quota resets at {}", quotaResetsAt);
            return 0;
        }
        quotaResetsAt = null;
        PageCounter pages = new PageCounter();
        try {
            for (LeadStream stream : streams(now)) {
                if (!isBatchAllowed()) {
                    break;
                }
                pollStream(stream, now, pages);
                if (pages.exhausted()) {
                    break;
                }
            }
            polled(now, null);
            reauthorization = null;
        } catch (ReauthorizationRequiredException e) {
            reauthorizationRequired(e);
            polled(now, e.getMessage());
        } catch (RateLimitedException e) {
            if (!e.isDailyQuota()) {
                polled(now, e.getMessage());
                throw e;
            }
            quotaResetsAt = e.resetsAt() != null ? e.resetsAt() : now.plus(Duration.ofHours(1));
            LOG.warn("LinkedIn daily quota exhausted after {} page(s): polling pauses until {}; every watermark is kept",
                    pages.emitted, quotaResetsAt);
            polled(now, null);
        } catch (RuntimeException e) {
            ReauthorizationRequiredException cause = reauthorizationCause(e);
            if (cause != null) {
                reauthorizationRequired(cause);
                polled(now, cause.getMessage());
                return pages.emitted;
            }
            polled(now, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
        return pages.emitted;
    }

    private void pollStream(LeadStream stream, Instant now, PageCounter pages) {
        String key = stream.stateKey(stateKeyPrefix());
        Map<String, Long> ids = endpoint.getPollMemory().delivered(key);
        LeadStreamPoll poll = new LeadStreamPoll(endpoint, states, stream, key, ids, new LeadStreamPoll.PageSink() {
            @Override
            public boolean mayEmit() {
                return !pages.exhausted() && isBatchAllowed();
            }

            @Override
            public boolean emit(LeadStream s, List<Lead> leads, long windowStart, long windowEnd, int pageNumber, Integer total) {
                pages.emitted++;
                return emitPage(leads, windowStart, windowEnd, pageNumber, total);
            }
        });
        try {
            LeadStreamPoll.Outcome outcome = poll.run(now.toEpochMilli());
            LOG.debug("{}: {} (watermark {})", stream.describe(), outcome, poll.watermark());
        } catch (ForbiddenException e) {
            if (!LinkedInLeadSyncConfigurationValidator.owners(endpoint.getConfiguration()).isEmpty()) {
                throw e;
            }
            // a discovered owner the member lost access to must not stop the others
            LOG.warn("Skipping {} leads of {}: {}", stream.leadType(), stream.owner().urn(), e.getMessage());
        } finally {
            if (poll.watermark() >= 0) {
                watermarks.put(stream.describe(), poll.watermark());
            }
        }
    }

    private boolean emitPage(List<Lead> leads, long windowStart, long windowEnd, int pageNumber, Integer total) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        LeadExchanges.populate(message, leads, LeadSource.POLL);
        message.setHeader(LinkedInLeadSyncConstants.WINDOW_START, windowStart);
        message.setHeader(LinkedInLeadSyncConstants.WINDOW_END, windowEnd);
        message.setHeader(LinkedInLeadSyncConstants.PAGE_NUMBER, pageNumber);
        if (total != null) {
            message.setHeader(LinkedInLeadSyncConstants.TOTAL, total.longValue());
        }
        Queue<Object> one = new ArrayDeque<>(1);
        one.add(exchange);
        return processBatch(one) == 1;
    }

    /**
     * Processes the exchanges in order, synchronously, and stops at the first failure (handed to the consumer's
     * exception handler); returns how many completed.
     */
    @Override
    public int processBatch(Queue<Object> exchanges) {
        int completed = 0;
        while (!exchanges.isEmpty()) {
            Exchange exchange = (Exchange) exchanges.poll();
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            boolean failed = exchange.isFailed();
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Failed to process a page of LinkedIn leads; its slice is read again next poll",
                        exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
            if (failed) {
                break;
            }
            completed++;
        }
        return completed;
    }

    private List<LeadStream> streams(Instant now) {
        LinkedInLeadSyncConfiguration config = endpoint.getConfiguration();
        List<LeadType> types = LinkedInLeadSyncConfigurationValidator.leadTypes(config);
        boolean discover = LinkedInLeadSyncConfigurationValidator.owners(config).isEmpty();
        if (streams != null && (!discover || now.isBefore(discoveredAt.plus(REDISCOVERY_INTERVAL)))) {
            return streams;
        }
        List<LeadStream> found = discover ? new LeadOwnerDiscovery(endpoint.getApi()).discover(types)
                : LeadOwnerDiscovery.configured(LinkedInLeadSyncConfigurationValidator.owners(config), types);
        if (!found.equals(streams)) {
            for (LeadStream stream : found) {
                LOG.info("Syncing {} leads of {}{}", stream.leadType(), stream.owner().urn(),
                        stream.ownerName() == null ? "" : " (" + stream.ownerName() + ")");
            }
            if (found.isEmpty()) {
                LOG.warn("No LinkedIn ad account or page to sync {} leads from: the member has no lead-reading role on any", types);
            }
        }
        streams = found;
        discoveredAt = now;
        return streams;
    }

    private void reauthorizationRequired(ReauthorizationRequiredException e) {
        ReauthorizationRequiredException previous = reauthorization;
        reauthorization = e;
        if (previous == null || !String.valueOf(previous.getMessage()).equals(e.getMessage())) {
            // an expected state the token manager (or the app's alert) reports; readiness says it too; no stack trace
            LOG.info("LinkedIn leads are not synced until the member connects again: {}", e.getMessage());
        } else {
            LOG.debug("Still waiting for LinkedIn re-authorization");
        }
    }

    private static ReauthorizationRequiredException reauthorizationCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ReauthorizationRequiredException r) {
                return r;
            }
        }
        return null;
    }

    private void polled(Instant at, String error) {
        lastPollAt = at;
        lastPollError = error;
    }

    private String stateKeyPrefix() {
        return getRouteId() != null ? getRouteId() : endpoint.getEndpointKey();
    }

    /** Test seam: the clock that dates polls and windows, and decides when a paused quota has reset. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    Instant lastPollAt() {
        return lastPollAt;
    }

    String lastPollError() {
        return lastPollError;
    }

    ReauthorizationRequiredException reauthorization() {
        return reauthorization;
    }

    /** When a paused daily quota resets, or {@code null} when polling is not paused. */
    Instant quotaResetsAt() {
        Instant resetsAt = quotaResetsAt;
        return resetsAt != null && clock.instant().isBefore(resetsAt) ? resetsAt : null;
    }

    List<LeadStream> streams() {
        return streams == null ? List.of() : streams;
    }

    Map<String, Long> watermarks() {
        return Map.copyOf(watermarks);
    }

    LinkedInLeadSyncConsumerHealthCheck healthCheck() {
        return healthCheck;
    }

    /** Pages emitted in one poll against maxMessagesPerPoll. */
    private final class PageCounter {
        int emitted;

        boolean exhausted() {
            int max = getMaxMessagesPerPoll();
            return max > 0 && emitted >= max;
        }
    }
}
