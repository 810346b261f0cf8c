package io.leadsync.camel.linkedin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadsync.camel.linkedin.api.RateLimitedException;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.poll.LeadOwnerDiscovery;
import io.leadsync.camel.linkedin.poll.LeadStream;
import io.leadsync.camel.linkedin.poll.LeadStreamPoll;
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
 * body {@code List<Lead>}, headers from {@link LeadExchanges} plus the window, page number and total. Watermarks and
 * the cursor inside a slice ({@link LeadStreamPoll}) live in the {@code stateRepository}; the watermark moves only
 * when a whole slice of pages completed.
 * <p>
 * Each stream fails alone: its failure is recorded with a next try ({@code streamBackoffDelay}, doubling up to
 * {@code streamBackoffMaxDelay}), logged once (or handed to the route with bridgeErrorHandler) and shown by
 * {@link #streamStatuses()} and readiness, while the other streams are read in the same poll. When every stream tried
 * failed, the first failure is thrown from {@link #poll()} so Camel's bridgeErrorHandler and backoff options apply. A
 * daily-quota 429 ends the poll without an error and pauses polling until LinkedIn's reset; a throttle ends the poll
 * with its error; a missing or dead grant is reported once (and through readiness) until a token exists again. With
 * maxMessagesPerPoll, the next poll begins with the stream the last one stopped in, so none starves.
 */
public class LinkedInLeadSyncConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInLeadSyncConsumer.class);

    private final LinkedInLeadSyncEndpoint endpoint;
    private final Map<String, Long> watermarks = new ConcurrentHashMap<>();
    /** Per stream (describe()): how far the slice being read has come, while one is open. */
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();
    /** Per stream (describe()): why it failed and when it is tried again, while it fails. */
    private final Map<String, StreamFailure> failures = new ConcurrentHashMap<>();
    private volatile Clock clock;
    /** Where the next poll begins in the stream list (after a maxMessagesPerPoll stop). */
    private int resumeAt;
    private StateRepository<String, String> states;
    private List<LeadStream> streams;
    /**
     * Streams read to their end since the last poll that emitted nothing: in a run of greedy polls (the next one at
     * once after a poll that emitted pages) they wait for the next scheduled poll instead of costing a call each time.
     */
    private final Set<String> caughtUp = new HashSet<>();
    private int lastPollEmitted;
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
        setMaxMessagesPerPoll(endpoint.getConfiguration().getMaxMessagesPerPoll());
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
        Instant now = clock().instant();
        if (quotaResetsAt != null && now.isBefore(quotaResetsAt)) {
            LOG.debug("Skipping the poll: LinkedIn's daily quota resets at {}", quotaResetsAt);
            return 0;
        }
        quotaResetsAt = null;
        PageCounter pages = new PageCounter();
        boolean greedyRerun = isGreedy() && lastPollEmitted > 0;
        lastPollEmitted = 0;
        if (!greedyRerun) {
            caughtUp.clear();
        }
        try {
            List<LeadStream> current = streams(now);
            Map<LeadStream, RuntimeException> failed = new LinkedHashMap<>();
            int attempted = 0;
            int first = current.isEmpty() ? 0 : Math.floorMod(resumeAt, current.size());
            resumeAt = 0;
            for (int i = 0; i < current.size(); i++) {
                int index = (first + i) % current.size();
                LeadStream stream = current.get(index);
                if (!isBatchAllowed() || pages.exhausted()) {
                    // the next poll begins with the stream this one could not reach, so no stream starves
                    resumeAt = index;
                    break;
                }
                if (caughtUp.contains(stream.describe()) || endpoint.getPollMemory().directory().resting(stream, now)) {
                    continue;
                }
                StreamFailure failure = failures.get(stream.describe());
                if (failure != null && now.isBefore(failure.nextTryAt())) {
                    LOG.debug("{}: next try at {}", stream.describe(), failure.nextTryAt());
                    continue;
                }
                attempted++;
                try {
                    LeadStreamPoll.Outcome outcome = pollStream(stream, now, pages);
                    if (outcome == LeadStreamPoll.Outcome.STOPPED) {
                        resumeAt = index;
                    } else if (outcome == LeadStreamPoll.Outcome.COMPLETED) {
                        caughtUp.add(stream.describe());
                    }
                    if (failure != null) {
                        failures.remove(stream.describe());
                        LOG.info("{}: read again after {} failed tries", stream.describe(), failure.failures());
                    }
                } catch (RateLimitedException | ReauthorizationRequiredException e) {
                    // the connection's, not the stream's: every stream would meet it
                    throw e;
                } catch (RuntimeException e) {
                    if (reauthorizationCause(e) != null) {
                        throw e;
                    }
                    failures.put(stream.describe(), StreamFailure.after(failure, e, now, endpoint.getConfiguration()));
                    failed.put(stream, e);
                }
            }
            failures.keySet().retainAll(current.stream().map(LeadStream::describe).toList());
            reauthorization = null;
            if (attempted > 0 && failed.size() == attempted) {
                // nothing could be read: LinkedIn or the state store is down for all; Camel's error handling applies
                RuntimeException error = failed.values().iterator().next();
                failed.values().stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
            failed.forEach(this::streamFailed);
            polled(now, failingSummary(current));
            lastPollEmitted = pages.emitted;
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
            String summary = streams == null ? null : failingSummary(streams);
            polled(now, summary != null ? summary : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
        return pages.emitted;
    }

    /** The poll's error when every stream is failing (nothing is synced), else {@code null}. */
    private String failingSummary(List<LeadStream> current) {
        if (current.isEmpty() || !current.stream().allMatch(s -> failures.containsKey(s.describe()))) {
            return null;
        }
        StreamFailure failure = failures.get(current.get(0).describe());
        return (current.size() == 1 ? "" : "every stream is failing; " + current.get(0).describe() + ": ") + failure.error();
    }

    /** Tells of a stream that failed while others were read. */
    private void streamFailed(LeadStream stream, RuntimeException e) {
        StreamFailure failure = failures.get(stream.describe());
        if (endpoint.isBridgeErrorHandler()) {
            getExceptionHandler().handleException("Failed to read " + stream.describe() + " (next try at " + failure.nextTryAt() + ")", e);
        } else if (failure.failures() == 1 || !failure.error().equals(failure.previousError())) {
            // one line when a stream starts failing or fails differently, not one per try
            LOG.warn("{}: {}; the other streams go on, this one is tried again at {}", stream.describe(), failure.error(),
                    failure.nextTryAt());
        } else {
            LOG.debug("{}: failed again ({} in a row), next try at {}", stream.describe(), failure.failures(), failure.nextTryAt());
        }
    }

    private LeadStreamPoll.Outcome pollStream(LeadStream stream, Instant now, PageCounter pages) {
        String key = stream.stateKey(stateKeyPrefix());
        LeadStreamPoll poll = new LeadStreamPoll(endpoint, states, stream, key, endpoint.getPollMemory(), new LeadStreamPoll.PageSink() {
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
            if (outcome == LeadStreamPoll.Outcome.COMPLETED) {
                endpoint.getPollMemory().directory().read(stream, poll.backfill(), poll.emitted(), now);
            }
            return outcome;
        } finally {
            if (poll.watermark() >= 0) {
                watermarks.put(stream.describe(), poll.watermark());
            }
            if (poll.cursor() != null) {
                cursors.put(stream.describe(), poll.cursor().upper());
            } else {
                cursors.remove(stream.describe());
            }
        }
    }

    private boolean emitPage(List<Lead> leads, long windowStart, long windowEnd, int pageNumber, Integer total) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        LeadExchanges.populate(getEndpoint(), message, leads, LeadSource.POLL);
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
        List<LeadStream> found = endpoint.getPollMemory().directory().streams(endpoint.getApi(),
                LinkedInLeadSyncConfigurationValidator.owners(config), types, endpoint.getComponent().discoveredOwnersFor(config), now);
        if (!found.equals(streams)) {
            for (LeadStream stream : found) {
                if (streams == null || !streams.contains(stream)) {
                    LOG.info("Syncing {} leads of {}{}", stream.leadType(), stream.owner().urn(),
                            stream.ownerName() == null ? "" : " (" + stream.ownerName() + ")");
                }
            }
            if (found.isEmpty()) {
                LOG.warn("No LinkedIn ad account or page to sync {} leads from: the member has no lead-reading role on any", types);
            }
        }
        streams = found;
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
        io.leadsync.camel.linkedin.metrics.LeadSyncMetrics.of(getEndpoint().getCamelContext()).watchConsumer(this);
    }

    private String stateKeyPrefix() {
        return getRouteId() != null ? getRouteId() : endpoint.getEndpointKey();
    }

    /** Test seam: the clock that dates polls and windows, and decides when a paused quota has reset. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The consumer's clock, by default the endpoint's. */
    private Clock clock() {
        Clock c = clock;
        return c != null ? c : endpoint.clock();
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

    /** When a paused daily quota resets, or {@code null} when polling is not paused (read by the leadsync.poll.quota meters). */
    public Instant quotaResetsAt() {
        Instant resetsAt = quotaResetsAt;
        return resetsAt != null && clock().instant().isBefore(resetsAt) ? resetsAt : null;
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

    /**
     * Where each stream stands, for status pages ({@code /api/status}) and the readiness details: its watermark, how
     * far the slice being read has come, and while it fails its error, how many tries in a row failed and when it is
     * tried next. One entry per stream of the last poll, in poll order.
     */
    public List<StreamStatus> streamStatuses() {
        List<StreamStatus> statuses = new ArrayList<>();
        for (LeadStream stream : streams()) {
            String name = stream.describe();
            Long watermark = watermarks.get(name);
            Long cursor = cursors.get(name);
            StreamFailure failure = failures.get(name);
            statuses.add(new StreamStatus(name, stream.owner().urn(), stream.leadType().name(),
                    watermark == null ? null : Instant.ofEpochMilli(watermark), cursor == null ? null : Instant.ofEpochMilli(cursor),
                    failure == null ? 0 : failure.failures(), failure == null ? null : failure.error(),
                    failure == null ? null : failure.failedAt(), failure == null ? null : failure.nextTryAt()));
        }
        return statuses;
    }

    /**
     * One stream's state.
     *
     * @param stream     {@code <leadType> <owner urn>}, as in logs
     * @param owner      the ad account or organization URN
     * @param leadType   the lead type
     * @param watermark  every lead of the stream submitted before this was delivered ({@code null}: none yet)
     * @param readDownTo while a slice is being read (a poll stopped by maxMessagesPerPoll, a failure): its leads
     *                   submitted after this were delivered; {@code null} between slices
     * @param failures   tries in a row that failed, 0 when the stream is healthy
     * @param error      the last failure's message while the stream fails, else {@code null}
     * @param failedAt   when it last failed, while it fails
     * @param nextTryAt  when it is tried again, while it fails
     */
    public record StreamStatus(String stream, String owner, String leadType, Instant watermark, Instant readDownTo, int failures,
                               String error, Instant failedAt, Instant nextTryAt) {
    }

    /** A failing stream: its consecutive failures and its next try, backing off exponentially. */
    record StreamFailure(int failures, String error, String previousError, Instant failedAt, Instant nextTryAt) {

        static StreamFailure after(StreamFailure previous, RuntimeException e, Instant now, LinkedInLeadSyncConfiguration config) {
            int failures = previous == null ? 1 : previous.failures() + 1;
            long delay = config.getStreamBackoffDelay();
            for (int i = 1; i < failures && delay < config.getStreamBackoffMaxDelay(); i++) {
                delay *= 2;
            }
            delay = Math.min(delay, config.getStreamBackoffMaxDelay());
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new StreamFailure(failures, error, previous == null ? null : previous.error(), now, now.plusMillis(delay));
        }
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
