package io.leadsync.camel.linkedin.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.LeadExchanges;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfigurationValidator;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.logging.SummarizedLog;
import io.leadsync.camel.linkedin.logging.Untrusted;
import io.leadsync.camel.linkedin.metrics.LeadSyncMetrics;
import io.leadsync.camel.linkedin.metrics.WebhookOutcome;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook handler LinkedIn calls: answers the challenge GET, checks {@code X-LI-Signature} on the raw bytes of a
 * POST, and routes the notified leads with the same body and headers as the poller ({@link LeadExchanges}). It answers
 * 200 only when the route completed; a failed route gets 500 so that LinkedIn may deliver again.
 * <p>
 * It is meant to face the public internet: the challenge is answered only for LinkedIn-shaped codes (a UUID, see
 * {@link WebhookSignatures} for why that closes the signing oracle) and touches neither LinkedIn nor a database;
 * refused requests are logged as one summary line a minute, never one line each; text a caller chose reaches a log line
 * or an error body only escaped ({@link Untrusted}).
 * <p>
 * With a {@code webhookInbox} configured, a verified delivery is committed to the inbox and answered 200 only then
 * (500 when it cannot be recorded, so that LinkedIn delivers again); a {@link WebhookInboxWorker}, started and stopped
 * with the consumer, fetches and routes the leads. Without one, the route runs inside the request.
 */
public final class LinkedInLeadSyncWebhookProcessor extends org.apache.camel.support.service.ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInLeadSyncWebhookProcessor.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How often a summary of refused requests (and of notified leads LinkedIn does not know) is logged at most. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** The header platform-http (Vert.x) puts the caller's address in. */
    private static final String REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

    // kinds of refusal, as the summary line names them
    static final String MISSING_SIGNATURE = "missing signature";
    static final String BAD_SIGNATURE = "bad signature";
    static final String MALFORMED = "malformed";
    static final String BAD_CHALLENGE = "bad challenge";
    static final String WRONG_APPLICATION = "wrong applicationId";
    static final String TOO_LARGE = "too large";
    static final String UNSUPPORTED = "unsupported method or body";
    static final String NOT_CONFIGURED = "no client secret configured";

    private final LinkedInLeadSyncEndpoint endpoint;
    private final Processor next;
    private final SummarizedLog refusals;
    private final SummarizedLog notFound;
    private final SummarizedLog leftToPoll;
    private final SummarizedLog inboxFailures;
    private volatile WebhookSignatures signatures;
    private volatile WebhookLeadAssembler assembler;
    private volatile WebhookLeadFetcher fetcher;
    private volatile RecentDeliveries recent;
    private volatile UnknownLeads unknown;
    private volatile WebhookInboxWorker worker;

    public LinkedInLeadSyncWebhookProcessor(LinkedInLeadSyncEndpoint endpoint, Processor next) {
        this.endpoint = endpoint;
        this.next = next;
        this.refusals = new SummarizedLog(LOG::warn, new SummarizedLog.Wording() {
            @Override
            public String single(String kind, String detail) {
                return "Refused a webhook request (" + kind + ") from " + detail + "; further refusals are counted and logged at most once every "
                       + LOG_INTERVAL.toSeconds() + " s";
            }

            @Override
            public String summary(long total, long seconds, String perKind, String lastDetail) {
                return "Refused " + total + " webhook request" + (total == 1 ? "" : "s") + " in the last " + seconds + " s (" + perKind
                       + "); last from " + lastDetail;
            }
        }, LOG_INTERVAL, endpoint::clock);
        this.notFound = new SummarizedLog(LOG::info, new SummarizedLog.Wording() {
            @Override
            public String single(String kind, String detail) {
                return "Lead " + detail + " of a CREATED notification is not readable on LinkedIn (unknown, withdrawn or not indexed yet); "
                       + "it is left to the poll and not asked again for a while. Further such leads are logged at most once every "
                       + LOG_INTERVAL.toSeconds() + " s";
            }

            @Override
            public String summary(long total, long seconds, String perKind, String lastDetail) {
                return total + " lead" + (total == 1 ? "" : "s") + " of CREATED notifications in the last " + seconds
                       + " s were not readable on LinkedIn (left to the poll); the last was " + lastDetail;
            }
        }, LOG_INTERVAL, endpoint::clock);
        this.leftToPoll = new SummarizedLog(LOG::info, new SummarizedLog.Wording() {
            @Override
            public String single(String kind, String detail) {
                return "Lead " + detail + " of a CREATED notification was still not readable on LinkedIn after "
                       + Duration.ofMillis(endpoint.getConfiguration().getWebhookInboxPendingTime()).toSeconds()
                       + " s of retries (webhookInboxPendingTime); it is left to the poll. Further such leads are logged at most once every "
                       + LOG_INTERVAL.toSeconds() + " s";
            }

            @Override
            public String summary(long total, long seconds, String perKind, String lastDetail) {
                return total + " lead" + (total == 1 ? "" : "s") + " of CREATED notifications in the last " + seconds
                       + " s stayed unreadable on LinkedIn and were left to the poll; the last was " + lastDetail;
            }
        }, LOG_INTERVAL, endpoint::clock);
        this.inboxFailures = new SummarizedLog(LOG::warn, new SummarizedLog.Wording() {
            @Override
            public String single(String kind, String detail) {
                return "Webhook inbox: " + detail + "; the entries stay in the inbox and are tried again with backoff. Further failures are "
                       + "counted and logged at most once every " + LOG_INTERVAL.toSeconds() + " s";
            }

            @Override
            public String summary(long total, long seconds, String perKind, String lastDetail) {
                return "Webhook inbox: " + total + " failed attempt" + (total == 1 ? "" : "s") + " in the last " + seconds + " s (" + perKind
                       + "), tried again with backoff; the last: " + lastDetail;
            }
        }, LOG_INTERVAL, endpoint::clock);
    }

    @Override
    protected void doStart() throws Exception {
        io.leadsync.camel.linkedin.inbox.WebhookInbox inbox = endpoint.getConfiguration().getWebhookInbox();
        if (inbox != null) {
            // the worker needs the endpoint's API client, built when the endpoint starts
            org.apache.camel.support.service.ServiceHelper.startService(endpoint);
            assembler();
            WebhookInboxWorker w = new WebhookInboxWorker(endpoint, inbox, next, assembler, fetcher, recent, unknown, leftToPoll, inboxFailures);
            worker = w;
            w.start();
        }
    }

    @Override
    protected void doStop() throws Exception {
        WebhookInboxWorker w = worker;
        worker = null;
        if (w != null) {
            w.stop();
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String from = remote(in);
        if (signatures() == null) {
            refuse(exchange, NOT_CONFIGURED, from, 500, "the webhook is not configured (no client secret)");
        } else if ("GET".equalsIgnoreCase(method)) {
            challenge(exchange, from);
        } else if ("POST".equalsIgnoreCase(method)) {
            notifications(exchange, from);
        } else {
            refuse(exchange, UNSUPPORTED, from, 405, "only GET (challenge) and POST (notifications) are served");
        }
    }

    /** Writes the counts of the current minute now (the endpoint stops). */
    public void flushLogs() {
        refusals.flush();
        notFound.flush();
        leftToPoll.flush();
        inboxFailures.flush();
    }

    /**
     * LinkedIn's validation GET. Only a code shaped like LinkedIn's (a UUID) is answered, and when LinkedIn names the
     * application it must be this endpoint's {@code clientId}; without a configured clientId the applicationId cannot be
     * checked and is ignored (the UUID rule alone keeps the answer from being a signing oracle). Nothing else is read.
     */
    private void challenge(Exchange exchange, String from) {
        Message in = exchange.getMessage();
        List<String> codes = queryParams(in, "challengeCode");
        if (codes.isEmpty() || codes.get(0).isBlank()) {
            refuse(exchange, BAD_CHALLENGE, from, 400, "challengeCode is required");
            return;
        }
        if (codes.size() > 1) {
            refuse(exchange, BAD_CHALLENGE, from, 400, "challengeCode must be given once");
            return;
        }
        String code = codes.get(0);
        if (!WebhookSignatures.isChallengeCode(code)) {
            refuse(exchange, BAD_CHALLENGE, from, 400,
                    "challengeCode must be a UUID (8-4-4-4-12 hexadecimal digits, e.g. 7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37) as LinkedIn sends it");
            return;
        }
        List<String> applicationIds = queryParams(in, "applicationId");
        if (applicationIds.size() > 1) {
            refuse(exchange, BAD_CHALLENGE, from, 400, "applicationId must be given at most once");
            return;
        }
        String clientId = endpoint.getConfiguration().getClientId();
        if (!applicationIds.isEmpty() && clientId != null && !clientId.isBlank() && !clientId.equals(applicationIds.get(0))) {
            refuse(exchange, WRONG_APPLICATION, from, 403, "applicationId is not the clientId of this webhook's LinkedIn app");
            return;
        }
        LOG.debug("Answering LinkedIn's webhook challenge");
        answered(WebhookOutcome.CHALLENGE);
        respond(exchange, 200, Map.of("challengeCode", code, "challengeResponse", signatures().challengeResponse(code)));
    }

    private void notifications(Exchange exchange, String from) throws Exception {
        Message in = exchange.getMessage();
        int max = endpoint.getConfiguration().getWebhookMaxBodySize();
        if (declaredLength(in) > max) {
            refuse(exchange, TOO_LARGE, from, 413, "the body is larger than " + max + " bytes");
            return;
        }
        byte[] raw = rawBody(in, max);
        if (raw == null) {
            refuse(exchange, UNSUPPORTED, from, 415, "the body was decoded as a form; LinkedIn posts application/json");
            return;
        }
        if (raw.length > max) {
            refuse(exchange, TOO_LARGE, from, 413, "the body is larger than " + max + " bytes");
            return;
        }
        String signature = singleHeader(in, WebhookSignatures.HEADER);
        if (signature == null || signature.isBlank()) {
            refuse(exchange, MISSING_SIGNATURE, from, 401, "missing X-LI-Signature");
            return;
        }
        if (!signatures().verify(raw, signature)) {
            refuse(exchange, BAD_SIGNATURE, from, 401, "invalid X-LI-Signature");
            return;
        }
        List<LeadActionNotification> notifications;
        try {
            notifications = WebhookDelivery.parse(raw);
        } catch (WebhookDelivery.InvalidDeliveryException e) {
            refuse(exchange, MALFORMED, from, 400, e.getMessage());
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Webhook delivery of {} notification(s): {}", notifications.size(), Untrusted.text(new String(raw, StandardCharsets.UTF_8)));
        }
        io.leadsync.camel.linkedin.inbox.WebhookInbox inbox = endpoint.getConfiguration().getWebhookInbox();
        if (inbox != null) {
            record(exchange, inbox, notifications);
            return;
        }
        WebhookLeadAssembler.Assembly assembly;
        try {
            assembly = assembler().assemble(notifications);
        } catch (RuntimeException e) {
            LOG.warn("Could not fetch the leads of a webhook delivery from LinkedIn ({}); answered 500 so that LinkedIn retries",
                    Untrusted.text(e.getMessage()));
            answered(WebhookOutcome.FAILED);
            respond(exchange, 500, Map.of("error", "the leads could not be fetched from LinkedIn"));
            return;
        }
        if (assembly.leads().isEmpty()) {
            answered(WebhookOutcome.ACCEPTED);
            respond(exchange, 200, Map.of("routed", 0));
            return;
        }
        in.removeHeaders("*");
        LeadExchanges.populate(endpoint, in, assembly.leads(), LeadSource.WEBHOOK);
        Exception failure;
        try {
            next.process(exchange);
            failure = exchange.getException();
        } catch (Exception e) {
            failure = e;
        }
        if (failure != null) {
            assembler().release(assembly.claimed());
            exchange.setException(null);
            LOG.warn("The route failed on {} webhook lead(s) ({}); answered 500 so that LinkedIn redelivers", assembly.leads().size(),
                    Untrusted.text(failure.getMessage()));
            answered(WebhookOutcome.FAILED);
            respond(exchange, 500, Map.of("error", "the route failed to process the leads"));
            return;
        }
        answered(WebhookOutcome.ACCEPTED);
        respond(exchange, 200, Map.of("routed", assembly.leads().size()));
    }

    /**
     * Commits the delivery's notifications to the inbox, then answers 200; 500 when they could not be recorded. Pairs
     * routed a moment ago and CREATED leads just left to the poll are acknowledged without a row (both memories are
     * caches: forgetting them only costs one more row).
     */
    private void record(Exchange exchange, io.leadsync.camel.linkedin.inbox.WebhookInbox inbox, List<LeadActionNotification> notifications) {
        assembler();
        List<LeadActionNotification> fresh = notifications.stream().filter(n -> !recent.seen(n.leadId(), n.leadAction()))
                .filter(n -> !(io.leadsync.camel.linkedin.lead.LeadAction.CREATED.name().equals(n.leadAction()) && unknown.isKnownUnknown(n.leadId())))
                .toList();
        try {
            if (!fresh.isEmpty()) {
                inbox.add(fresh, endpoint.clock().instant());
            }
        } catch (Exception e) {
            LOG.warn("Could not record a webhook delivery in the inbox ({}); answered 500 so that LinkedIn delivers it again",
                    Untrusted.text(e.getMessage()));
            answered(WebhookOutcome.FAILED);
            respond(exchange, 500, Map.of("error", "the delivery could not be recorded"));
            return;
        }
        WebhookInboxWorker w = worker;
        if (w != null) {
            w.wake();
        }
        answered(WebhookOutcome.ACCEPTED);
        respond(exchange, 200, Map.of("accepted", fresh.size()));
    }

    /** Answers a refused request and counts it for the once-a-minute summary; {@code error} names no caller text. */
    private void refuse(Exchange exchange, String kind, String from, int status, String error) {
        refusals.record(kind, from);
        answered(WebhookOutcome.refused(kind));
        respond(exchange, status, Map.of("error", Untrusted.text(error)));
    }

    /** Counts the answer in {@code leadsync.webhook.deliveries}. */
    private void answered(String outcome) {
        LeadSyncMetrics.of(endpoint.getCamelContext()).webhookAnswered(outcome);
    }

    /**
     * The body exactly as LinkedIn sent it, read once (a stream at most {@code max + 1} bytes far); {@code null} when
     * platform-http already decoded it as a form.
     */
    private static byte[] rawBody(Message in, int max) throws IOException, InvalidPayloadException {
        Object body = in.getBody();
        byte[] raw;
        if (body == null) {
            raw = new byte[0];
        } else if (body instanceof byte[] bytes) {
            raw = bytes;
        } else if (body instanceof String text) {
            raw = text.getBytes(StandardCharsets.UTF_8);
        } else if (body instanceof InputStream stream) {
            try (stream) {
                raw = stream.readNBytes(max + 1);
            }
        } else if (body instanceof Map<?, ?>) {
            return null;
        } else {
            // a Vert.x Buffer or a cached stream: Camel's converters give its bytes
            raw = in.getMandatoryBody(byte[].class);
        }
        in.setBody(raw);
        return raw;
    }

    /** Every value of a query parameter (platform-http maps them to headers; a repeated one becomes a list). */
    private static List<String> queryParams(Message in, String name) {
        Object value = in.getHeader(name);
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            many.forEach(v -> values.add(String.valueOf(v)));
            return values;
        }
        if (value != null) {
            values.add(String.valueOf(value));
            return values;
        }
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && name.equals(pair.substring(0, eq))) {
                    values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    /** A header that must occur once; a repeated one is treated as absent. */
    private static String singleHeader(Message in, String name) {
        Object value = in.getHeader(name);
        if (value instanceof Collection<?> many) {
            return many.size() == 1 ? String.valueOf(many.iterator().next()) : null;
        }
        return value == null ? null : String.valueOf(value);
    }

    /** The Content-Length the caller declared, or -1 when absent or not a number. */
    private static long declaredLength(Message in) {
        String value = singleHeader(in, Exchange.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String remote(Message in) {
        Object address = in.getHeader(REMOTE_ADDRESS);
        return address == null ? "an unknown address" : Untrusted.text(address);
    }

    /** The answer LinkedIn sees; incoming headers are removed first, or platform-http would echo them back. */
    private static void respond(Exchange exchange, int status, Map<String, ?> json) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            out.setBody(MAPPER.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a flat map of strings and numbers always serializes", e);
        }
    }

    private WebhookSignatures signatures() {
        WebhookSignatures s = signatures;
        String secret = endpoint.getConfiguration().getClientSecret();
        if (s == null && secret != null && !secret.isEmpty()) {
            s = new WebhookSignatures(secret);
            signatures = s;
        }
        return s;
    }

    private WebhookLeadAssembler assembler() {
        WebhookLeadAssembler a = assembler;
        if (a == null) {
            synchronized (this) {
                if (assembler == null) {
                    // built on first use: the endpoint creates its API client when it starts, after this handler
                    LinkedInLeadSyncConfiguration config = endpoint.getConfiguration();
                    fetcher = new WebhookLeadFetcher(endpoint.getApi(), endpoint.getLeadNormalizer(), config.isEnrich());
                    recent = new RecentDeliveries(config.getWebhookDedupCacheSize());
                    unknown = new UnknownLeads(config.getWebhookUnknownLeadCacheSize(), config.getWebhookUnknownLeadCacheTtl(), endpoint::clock);
                    assembler = new WebhookLeadAssembler(fetcher, recent, unknown, notFound, LinkedInLeadSyncConfigurationValidator.formIds(config),
                            config.getTestLeads());
                }
                a = assembler;
            }
        }
        return a;
    }
}
