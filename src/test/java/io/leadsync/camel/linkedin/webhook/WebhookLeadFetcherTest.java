package io.leadsync.camel.linkedin.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.lead.LeadNormalizer;
import io.leadsync.camel.linkedin.lead.LeadSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where LinkedIn refuses the projected {@code BATCH_GET}, webhook leads come from the plain batch get or its single
 * gets, and each lead's {@code raw} is still the answer's own text for it.
 */
class WebhookLeadFetcherTest {

    private static final String ID = LeadFixtures.V3_LEAD_ID;
    /**
     * The fixture lead as LinkedIn might send it: pretty-printed, led by a field this client does not model. Writing the
     * bound record back would drop that field and the spacing, so only the answer's own bytes equal it.
     */
    private static final String LEAD_JSON = leadJson();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer linkedIn;
    private volatile boolean plainBatchGetOffered = true;
    private WebhookLeadFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        linkedIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        linkedIn.createContext("/rest/leadFormResponses", this::answer);
        linkedIn.start();
        LinkedInApi api = LinkedInApi.builder()
                .settings(LinkedInApiSettings.builder().baseUri("http://127.0.0.1:" + linkedIn.getAddress().getPort()).build())
                .tokenProvider(new AccessTokenProvider() {
                    @Override
                    public String accessToken() {
                        return "token";
                    }

                    @Override
                    public String renewAfterUnauthorized(String rejectedToken) {
                        return "token";
                    }
                }).build();
        fetcher = new WebhookLeadFetcher(api, new LeadNormalizer(LeadFixtures.context()), true);
    }

    @AfterEach
    void stop() {
        linkedIn.stop(0);
    }

    @Test
    void aLeadFromThePlainBatchGetKeepsItsOwnJsonAsRaw() {
        Map<String, Lead> leads = fetcher.fetch(List.of(ID));

        assertThat(requests).containsExactly("BATCH_GET projected", "BATCH_GET");
        assertThat(leads.keySet()).containsExactly(ID);
        assertThat(leads.get(ID).raw()).isEqualTo(LEAD_JSON);
        assertThat(leads.get(ID).source()).isEqualTo(LeadSource.WEBHOOK);
        assertThat(leads.get(ID).answers()).isNotEmpty();

        // the refusal is remembered: the next delivery goes straight to the plain batch get
        assertThat(fetcher.fetch(List.of(ID)).get(ID).raw()).isEqualTo(LEAD_JSON);
        assertThat(requests).containsExactly("BATCH_GET projected", "BATCH_GET", "BATCH_GET");
    }

    @Test
    void aLeadFromASingleGetKeepsItsOwnJsonAsRaw() {
        plainBatchGetOffered = false;

        Map<String, Lead> leads = fetcher.fetch(List.of(ID));

        assertThat(requests).containsExactly("BATCH_GET projected", "BATCH_GET", "GET " + ID);
        assertThat(leads.get(ID).raw()).isEqualTo(LEAD_JSON);
        assertThat(leads.get(ID).answers()).isNotEmpty();
    }

    /** Refuses the projected batch get (400), answers the plain one or refuses it too (405), and answers single gets. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String method = exchange.getRequestHeaders().getFirst("X-RestLi-Method");
            if (path.equals("/rest/leadFormResponses") && "BATCH_GET".equals(method)) {
                boolean projected = query != null && query.contains("fields=");
                requests.add(projected ? "BATCH_GET projected" : "BATCH_GET");
                if (projected) {
                    respond(exchange, 400, error(400, "ILLEGAL_ARGUMENT", "fields is not supported here"));
                } else if (!plainBatchGetOffered) {
                    respond(exchange, 405, error(405, "METHOD_NOT_ALLOWED", "BATCH_GET is not supported"));
                } else {
                    respond(exchange, 200, "{\"results\":{\"" + ID + "\":" + LEAD_JSON + "},\"statuses\":{},\"errors\":{}}");
                }
            } else if (path.equals("/rest/leadFormResponses/" + ID)) {
                requests.add("GET " + ID);
                respond(exchange, 200, "\n" + LEAD_JSON + "\n");
            } else {
                requests.add("unexpected " + path);
                respond(exchange, 404, error(404, "RESOURCE_NOT_FOUND", "no such path"));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String error(int status, String code, String message) {
        return "{\"status\":" + status + ",\"serviceErrorCode\":100,\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
    }

    private static String leadJson() {
        ObjectNode lead = LeadFixtures.MAPPER.createObjectNode();
        lead.putObject("aFieldLinkedInAddedLater").put("unmodelled", true);
        lead.setAll((ObjectNode) LeadFixtures.pageLead(0));
        try {
            return LeadFixtures.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(lead);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
