package io.leadsync.camel.linkedin;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.webhook.LeadNotificationRegistrar;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.sandbox.WebhookSignatures;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A LinkedIn sandbox per test class, and Camel contexts whose platform-http (Vert.x) server listens on a free port,
 * with the component pointed at the sandbox. Webhook URLs are {@code http://127.0.0.1:<port><path>}, which the
 * sandbox accepts (LinkedIn wants https).
 */
abstract class LinkedInLeadSyncWebhookTestSupport extends CamelTestSupport {

    static final String CLIENT_ID = "sandbox-client";
    static final String CLIENT_SECRET = "sandbox-client-secret-0001";
    static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    static final String ORGANIZATION = "urn:li:organization:2414183";
    static final long WHITEPAPER_FORM = 7234246L;
    static final long EVENT_FORM = 7234300L;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static LinkedInSandbox sandbox;
    static String accessToken;

    /** The port of the context CamelTestSupport creates for the current test. */
    protected int port;

    @BeforeAll
    static void startSandbox() {
        sandbox = LinkedInSandbox.builder().port(0).seed(42).leads(200).webhookRetry(3, Duration.ofMillis(100)).build().start();
        accessToken = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        port = AvailablePortFinder.getNextAvailable();
        CamelContext context = super.createCamelContext();
        configure(context, port);
        return context;
    }

    /** Adds the platform-http server on {@code port} and points the component at the sandbox. */
    static void configure(CamelContext context, int port) {
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindHost("127.0.0.1");
        server.setBindPort(port);
        try {
            context.addService(new VertxPlatformHttpServer(server));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        LinkedInLeadSyncComponent component = new LinkedInLeadSyncComponent();
        LinkedInLeadSyncConfiguration config = component.getConfiguration();
        config.setRestBaseUrl(sandbox.restBaseUrl());
        config.setLegacyBaseUrl(sandbox.legacyBaseUrl());
        config.setOauthBaseUrl(sandbox.oauthBaseUrl());
        config.setClientId(CLIENT_ID);
        config.setClientSecret(CLIENT_SECRET);
        config.setAccessToken(accessToken);
        context.addComponent("linkedin-leadsync", component);
    }

    /** A started context of its own (for restarts), listening on {@code port}. */
    static CamelContext startContext(int port, RoutesBuilder routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        configure(context, port);
        context.addRoutes(routes);
        context.start();
        return context;
    }

    static String webhookUri(int port, String path, String options) {
        return "webhook:linkedin-leadsync:leads?webhookComponentName=platform-http&webhookExternalUrl=http://127.0.0.1:" + port
               + "&webhookPath=" + path + (options.isEmpty() ? "" : "&" + options);
    }

    static String webhookUrl(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The registrar of the only linkedin-leadsync endpoint of {@code context}. */
    static LeadNotificationRegistrar registrar(CamelContext context) {
        return context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance)
                .map(e -> ((LinkedInLeadSyncEndpoint) e).webhookRegistrar()).findFirst().orElseThrow();
    }

    /** Waits until every webhook endpoint of {@code context} has LinkedIn's subscriptions (readiness UP). */
    static void awaitRegistered(CamelContext context) {
        List<LeadNotificationRegistrar> registrars = context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance)
                .map(LinkedInLeadSyncEndpoint.class::cast).filter(e -> e.getWebhookConfiguration() != null)
                .map(LinkedInLeadSyncEndpoint::webhookRegistrar).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> registrars.stream()
                .allMatch(r -> r.healthCheck().call().getState() == HealthCheck.State.UP));
    }

    /** The subscriptions the sandbox holds for one owner and type whose webhook is {@code url}. */
    static List<LeadNotification> subscriptions(CamelContext context, String owner, LeadType type, String url) {
        LinkedInLeadSyncEndpoint endpoint = context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance)
                .map(LinkedInLeadSyncEndpoint.class::cast).findFirst().orElseThrow();
        return endpoint.getApi().leadNotifications(LeadOwner.of(owner), type).stream().filter(n -> url.equals(n.webhook())).toList();
    }

    static HttpResponse<String> post(String url, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-LI-Signature", signature);
        }
        return send(request);
    }

    static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The documented X-LI-Signature of {@code body}, as LinkedIn (and the sandbox) computes it. */
    static String documentedSignature(byte[] body) {
        return WebhookSignatures.signature(CLIENT_SECRET, body);
    }

    static byte[] notification(String leadId, String action, long formId, int version) {
        String json = "{\"type\":\"LEAD_ACTION\",\"leadGenFormResponse\":\"urn:li:leadGenFormResponse:" + leadId + "\","
                      + "\"leadGenForm\":\"urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + formId + "," + version + ")\","
                      + "\"owner\":{\"sponsoredAccount\":\"" + ACCOUNT + "\"},\"leadType\":\"SPONSORED\",\"leadAction\":\"" + action + "\","
                      + "\"occurredAt\":1763900000456}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode fixture(String name) {
        try (InputStream in = LinkedInLeadSyncWebhookTestSupport.class.getResourceAsStream("/fixtures/" + name)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] fixtureBytes(String name) {
        try (InputStream in = LinkedInLeadSyncWebhookTestSupport.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
