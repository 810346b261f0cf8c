package io.leadsync.camel.linkedin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.sandbox.SandboxStats;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A route that fails answers 500; LinkedIn's redelivery of the same notification is then processed. */
class LinkedInLeadSyncWebhookRouteFailureTest extends LinkedInLeadSyncWebhookTestSupport {

    private final AtomicInteger attempts = new AtomicInteger();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, "/linkedin/leads", "owners=" + ACCOUNT + "&leadTypes=SPONSORED&unregisterOnStop=true"))
                        .routeId("webhook")
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1) {
                                throw new IllegalStateException("database is down");
                            }
                        })
                        .to("mock:leads");
            }
        };
    }

    @Test
    void failedRouteAnswers500AndTheRedeliveryIsRouted() throws Exception {
        awaitRegistered(context);
        sandbox.resetStats();
        MockEndpoint mock = getMockEndpoint("mock:leads");
        mock.expectedMessageCount(1);

        String id = sandbox.submitLeads(WHITEPAPER_FORM, 1, true).get(0);

        mock.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        assertThat(((Lead) mock.getExchanges().get(0).getMessage().getBody(List.class).get(0)).id()).isEqualTo(id);
        // the outcome once the sandbox counted it: refused with a 500 first, then delivered; how many attempts that took
        // depends on timing (a slow answer is retried too), bounded by the sandbox's retry cap of 3
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() == 1);
        SandboxStats.Webhooks webhooks = sandbox.stats().webhooks();
        assertThat(webhooks.failed()).as("the redelivery succeeded").isZero();
        assertThat(webhooks.dropped()).isZero();
        assertThat(webhooks.attempts()).as("first attempt answered 500, a later one 200").isBetween(2L, 3L);
        assertThat(attempts.get()).as("route runs: the failed one, then the routed one").isBetween(2, (int) webhooks.attempts());
        assertThat(mock.getReceivedCounter()).as("a redelivery after the routed one is not routed again").isEqualTo(1);
    }
}
