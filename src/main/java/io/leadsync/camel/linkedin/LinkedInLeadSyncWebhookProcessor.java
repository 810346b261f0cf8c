package io.leadsync.camel.linkedin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.lead.LeadSource;
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
 */
final class LinkedInLeadSyncWebhookProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInLeadSyncWebhookProcessor.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LinkedInLeadSyncEndpoint endpoint;
    private final Processor next;
    private volatile WebhookSignatures signatures;
    private volatile WebhookLeadAssembler assembler;

    LinkedInLeadSyncWebhookProcessor(LinkedInLeadSyncEndpoint endpoint, Processor next) {
        this.endpoint = endpoint;
        this.next = next;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        if (signatures() == null) {
            LOG.warn("A webhook call was refused with 500: the endpoint has no clientSecret to check LinkedIn's signatures with");
            respond(exchange, 500, Map.of("error", "the webhook is not configured (no client secret)"));
        } else if ("GET".equalsIgnoreCase(method)) {
            challenge(exchange);
        } else if ("POST".equalsIgnoreCase(method)) {
            notifications(exchange);
        } else {
            respond(exchange, 405, Map.of("error", "only GET (challenge) and POST (notifications) are served"));
        }
    }

    private void challenge(Exchange exchange) {
        String code = queryParam(exchange.getMessage(), "challengeCode");
        if (code == null || code.isBlank()) {
            respond(exchange, 400, Map.of("error", "challengeCode is required"));
            return;
        }
        LOG.debug("Answering LinkedIn's webhook challenge");
        respond(exchange, 200, Map.of("challengeCode", code, "challengeResponse", signatures().challengeResponse(code)));
    }

    private void notifications(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        byte[] raw = rawBody(in);
        if (raw == null) {
            respond(exchange, 415, Map.of("error", "the body was decoded as a form; LinkedIn posts application/json"));
            return;
        }
        String signature = in.getHeader(WebhookSignatures.HEADER, String.class);
        if (signature == null || signature.isBlank()) {
            respond(exchange, 401, Map.of("error", "missing X-LI-Signature"));
            return;
        }
        if (!signatures().verify(raw, signature)) {
            LOG.warn("Refused a webhook POST whose X-LI-Signature does not match its body (401)");
            respond(exchange, 401, Map.of("error", "invalid X-LI-Signature"));
            return;
        }
        List<LeadActionNotification> notifications;
        try {
            notifications = WebhookDelivery.parse(raw);
        } catch (WebhookDelivery.InvalidDeliveryException e) {
            respond(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        LOG.debug("Webhook delivery of {} notification(s): {}", notifications.size(), new String(raw, StandardCharsets.UTF_8));
        WebhookLeadAssembler.Assembly assembly;
        try {
            assembly = assembler().assemble(notifications);
        } catch (RuntimeException e) {
            LOG.warn("Could not fetch the leads of a webhook delivery from LinkedIn ({}); answered 500 so that LinkedIn retries", e.getMessage());
            respond(exchange, 500, Map.of("error", "the leads could not be fetched from LinkedIn"));
            return;
        }
        if (assembly.leads().isEmpty()) {
            respond(exchange, 200, Map.of("routed", 0));
            return;
        }
        in.removeHeaders("*");
        LeadExchanges.populate(in, assembly.leads(), LeadSource.WEBHOOK);
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
                    failure.getMessage());
            respond(exchange, 500, Map.of("error", "the route failed to process the leads"));
            return;
        }
        respond(exchange, 200, Map.of("routed", assembly.leads().size()));
    }

    /** The body exactly as LinkedIn sent it, read once; {@code null} when platform-http already decoded it as a form. */
    private static byte[] rawBody(Message in) throws IOException, InvalidPayloadException {
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
                raw = stream.readAllBytes();
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

    private static String queryParam(Message in, String name) {
        String value = in.getHeader(name, String.class);
        if (value != null) {
            return value;
        }
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && name.equals(pair.substring(0, eq))) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
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
                    assembler = new WebhookLeadAssembler(new WebhookLeadFetcher(endpoint.getApi(), endpoint.getLeadNormalizer(), config.isEnrich()),
                            new RecentDeliveries(config.getWebhookDedupCacheSize()), LinkedInLeadSyncConfigurationValidator.formIds(config),
                            config.getTestLeads());
                }
                a = assembler;
            }
        }
        return a;
    }
}
