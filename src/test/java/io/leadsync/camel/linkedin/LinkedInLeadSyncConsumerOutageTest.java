package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

/**
 * "LinkedIn down": every API call answers 500 and every webhook is dropped while leads keep coming. The poll fails
 * without moving its watermarks; once LinkedIn is back, every lead missed during the outage arrives exactly once
 * through the poll, although the webhook never told of them.
 */
class LinkedInLeadSyncConsumerOutageTest extends LinkedInTestSupport {

    private static final String SPONSORED = "owners=" + ACCOUNT + "&leadTypes=SPONSORED";
    private static final String FINDER = "FINDER leadFormResponses";

    private int port;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        port = AvailablePortFinder.getNextAvailable();
        CamelContext camel = super.createCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindHost("127.0.0.1");
        server.setBindPort(port);
        camel.addService(new VertxPlatformHttpServer(server));
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("webhook:linkedin-leadsync:leads?webhookComponentName=platform-http&webhookExternalUrl=http://127.0.0.1:" + port
                     + "&webhookPath=/linkedin/leads&" + SPONSORED + "&" + sandboxOptions() + "&accessToken=RAW(" + token + ")"
                     + "&clientId=" + sandbox.clientId() + "&clientSecret=RAW(sandbox-client-secret-0001)")
                        .routeId("push").to("mock:push");
                // no client retries and a short stream backoff: each try during the outage fails at once, and the
                // stream is tried again soon after
                from(leadsUri(SPONSORED + "&backfillDays=2&maxRetries=0&streamBackoffDelay=100&streamBackoffMaxDelay=400"))
                        .routeId("pull").to("mock:pull");
            }
        };
    }

    @Test
    void leadsMissedDuringAnOutageArriveOnceThroughThePollAfterRecovery() {
        LinkedInLeadSyncEndpoint push = context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance)
                .map(LinkedInLeadSyncEndpoint.class::cast).filter(e -> e.getWebhookConfiguration() != null).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> push.webhookRegistrar().healthCheck().call().getState() == HealthCheck.State.UP);
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("pull").lastPollAt() != null);
        assertThat(consumer("pull").lastPollError()).isNull();
        Instant beforeOutage = consumer("pull").lastPollAt();
        MockEndpoint pull = getMockEndpoint("mock:pull");
        MockEndpoint pushed = getMockEndpoint("mock:push");
        pull.reset();
        pushed.reset();

        sandbox.faults().serverErrorRate(1.0).dropWebhookRate(1.0);
        long failedBefore = sandbox.stats().calls(FINDER, 500);
        List<String> missed = sandbox.submitLeads(WHITEPAPER_FORM, 5, false);
        // two polls fail during the outage, and every CREATED push is lost
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().calls(FINDER, 500) >= failedBefore + 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().dropped() >= missed.size());
        assertThat(consumer("pull").lastPollError()).isNotNull();
        assertThat(consumer("pull").lastPollAt()).isAfter(beforeOutage);
        assertThat(pull.getReceivedCounter()).isZero();

        sandbox.faults().clear();
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(pull).size() >= missed.size());
        Instant recovered = consumer("pull").lastPollAt();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("pull").lastPollAt().isAfter(recovered.plusMillis(300)));

        assertThat(idsOf(leadsOf(pull))).containsExactlyInAnyOrderElementsOf(missed);
        assertThat(consumer("pull").lastPollError()).isNull();
        assertThat(pushed.getReceivedCounter()).as("the webhook never heard of them").isZero();
    }
}
