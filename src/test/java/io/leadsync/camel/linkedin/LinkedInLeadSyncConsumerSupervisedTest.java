package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import java.util.concurrent.atomic.AtomicReference;

import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/** Supervised start (no token yet) and the daily quota: the poller stays up, reports readiness DOWN, then carries on. */
class LinkedInLeadSyncConsumerSupervisedTest extends LinkedInTestSupport {

    /** The app's token provider before the member connected: re-authorization required until a token arrives. */
    private final AtomicReference<String> connectedToken = new AtomicReference<>();
    private final AccessTokenProvider tokens = new AccessTokenProvider() {
        @Override
        public String accessToken() {
            String t = connectedToken.get();
            if (t == null) {
                throw new ReauthorizationRequiredException("no LinkedIn token is stored: connect first",
                        sandbox.oauthBaseUrl() + "/authorization?response_type=code&client_id=sandbox-client");
            }
            return t;
        }

        @Override
        public String renewAfterUnauthorized(String rejectedToken) {
            return accessToken();
        }
    };

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("tokenProvider", tokens);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("linkedin-leadsync:leads?" + sandboxOptions() + "&owners=" + ACCOUNT + "&leadTypes=SPONSORED&initialDelay=0&delay=200&windowSize=" + 100 * DAY)
                        .routeId("noToken").to("mock:noToken");
                from(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&pageSize=5")).routeId("quota").autoStartup(false)
                        .to("mock:quota");
            }
        };
    }

    @Test
    void withoutATokenTheContextRunsReadinessIsDownAndLeadsFlowOnceATokenExists() {
        LinkedInLeadSyncConsumer consumer = consumer("noToken");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.reauthorization() != null);
        assertThat(context.getRouteController().getRouteStatus("noToken").isStarted()).isTrue();
        HealthCheck.Result down = consumer.healthCheck().call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).get().asString().contains("re-authorization required");
        assertThat(down.getDetails()).containsKey("authorizationUrl");
        // the same check is what camel-main's /observe/health reads: it is in the context's registry
        assertThat(org.apache.camel.health.HealthCheckRegistry.get(context).getCheck("linkedin-leadsync-consumer-noToken"))
                .hasValueSatisfying(check -> assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN));
        assertThat(getMockEndpoint("mock:noToken").getReceivedCounter()).isZero();

        connectedToken.set(token);
        int expected = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).size();
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(getMockEndpoint("mock:noToken")).size() >= expected);
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.healthCheck().call().getState() == HealthCheck.State.UP);
    }

    @Test
    void aDailyQuotaEndsThePollCleanlyKeepsTheWatermarkAndPollingResumesAfterTheReset() throws Exception {
        Set<String> expected = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).stream().map(LeadFormResponse::id)
                .collect(Collectors.toSet());
        context.getRouteController().stopRoute("noToken");
        connectedToken.set(token);
        sandbox.faults().dailyQuota(12);
        context.getRouteController().startRoute("quota");
        LinkedInLeadSyncConsumer consumer = consumer("quota");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.quotaResetsAt() != null);

        HealthCheck.Result down = consumer.healthCheck().call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry("resetsAt", consumer.quotaResetsAt().toString());
        assertThat(consumer.lastPollError()).isNull();
        int before = leadsOf(getMockEndpoint("mock:quota")).size();
        assertThat(before).isPositive().isLessThan(expected.size());
        long calls = sandbox.stats().total();
        // no call while the quota is exhausted: the scheduler runs three more polls and each is skipped until the reset
        long scheduled = consumer.getCounter();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.getCounter() >= scheduled + 3);
        assertThat(sandbox.stats().total()).isEqualTo(calls);
        assertThat(leadsOf(getMockEndpoint("mock:quota"))).hasSize(before);

        sandbox.faults().clear();
        Instant resetsAt = consumer.quotaResetsAt();
        consumer.setClock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), resetsAt).plusSeconds(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(getMockEndpoint("mock:quota")).size() >= expected.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.healthCheck().call().getState() == HealthCheck.State.UP);
        assertThat(idsOf(leadsOf(getMockEndpoint("mock:quota")))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }
}
