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
        assertThat(attempts.get()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sandbox.stats().webhooks())
                .as("first attempt answered 500, the second 200").isEqualTo(new SandboxStats.Webhooks(2, 1, 0, 0)));
    }
}
