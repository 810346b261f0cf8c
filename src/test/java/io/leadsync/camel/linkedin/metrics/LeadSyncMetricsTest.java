package io.leadsync.camel.linkedin.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import io.leadsync.camel.linkedin.api.ApiRequest;
import io.leadsync.sandbox.junit.LinkedInSandboxExtension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The component's meters on a CamelContext of its own (no camel-main): found by the registry's name, absent without one. */
class LeadSyncMetricsTest {

    @RegisterExtension
    static LinkedInSandboxExtension linkedin = LinkedInSandboxExtension.builder().leads(20).build();

    private CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void theDailyQuotaPausesThePollAndTheGaugesSaySoUntilTheReset() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        camel = pollingContext(registry);
        linkedin.faults().dailyQuota(0);
        camel.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> gauge(registry, "leadsync.poll.quota.paused") == 1);
        double until = gauge(registry, "leadsync.poll.quota.paused.until");
        // the sandbox's quota resets at the next UTC midnight
        assertThat(Instant.ofEpochSecond((long) until)).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25)));
        assertThat(registry.find("leadsync.linkedin.throttled").tag("limit", "daily_quota").counter().count()).isEqualTo(1);
        assertThat(registry.find("leadsync.linkedin.calls").tag("status", "429").timers()).extracting(Timer::count).containsExactly(1L);
        assertThat(registry.find("leadsync.linkedin.throttled").tag("limit", "throttle").counter()).isNull();
    }

    @Test
    void aHealthyPollTimesEachCallByResourceAndStatusAndTracksTheStreamLag() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        camel = pollingContext(registry);
        camel.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("leadsync.poll.lag").gauges().stream()
                .anyMatch(g -> !Double.isNaN(g.value())));
        Gauge lag = registry.find("leadsync.poll.lag").tag("route", "pull").tag("lead_type", "SPONSORED").gauges().stream()
                .filter(g -> !Double.isNaN(g.value())).findFirst().orElseThrow();
        assertThat(lag.getId().getTag("owner")).startsWith("urn:li:");
        assertThat(lag.value()).isNotNegative();
        assertThat(registry.find("leadsync.linkedin.calls").tags("resource", "leadFormResponses", "method", "GET", "status", "200").timer().count())
                .isPositive();
        assertThat(gauge(registry, "leadsync.poll.quota.paused")).isZero();
        assertThat(gauge(registry, "leadsync.poll.quota.paused.until")).isZero();
    }

    @Test
    void withoutARegistryNothingIsRecordedAndThePollStillRuns() throws Exception {
        camel = pollingContext(null);
        camel.start();

        assertThat(LeadSyncMetrics.of(camel)).isSameAs(LeadSyncMetrics.NONE);
        await().atMost(Duration.ofSeconds(30)).until(() -> linkedin.stats().calls("FINDER leadFormResponses", 200) > 0);
    }

    @Test
    void theResourceTagNamesLinkedInResourcesNeverARecord() {
        assertThat(LinkedInCallMeter.resource(get("/adAccounts/507857085/adCampaigns/9"))).isEqualTo("adAccounts/adCampaigns");
        assertThat(LinkedInCallMeter.resource(get("/leadFormResponses/urn%3Ali%3AleadFormResponse%3A1234"))).isEqualTo("leadFormResponses");
        assertThat(LinkedInCallMeter.resource(get("/leadFormResponses/f3e1c2a4-1b2c-4d5e-8f90-123456789abc"))).isEqualTo("leadFormResponses");
        assertThat(LinkedInCallMeter.resource(get("/1234"))).isEqualTo("other");
    }

    @Test
    void aRefusalKindBecomesATagValue() {
        assertThat(WebhookOutcome.refused("bad signature")).isEqualTo("bad_signature");
        assertThat(WebhookOutcome.refused("wrong applicationId")).isEqualTo("wrong_applicationid");
        assertThat(WebhookOutcome.refused("unsupported method or body")).isEqualTo("unsupported_method_or_body");
    }

    private static ApiRequest get(String path) {
        return ApiRequest.builder().path(path).build();
    }

    private static double gauge(MeterRegistry registry, String name) {
        Gauge gauge = registry.find(name).tag("route", "pull").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static CamelContext pollingContext(MeterRegistry registry) throws Exception {
        CamelContext context = new DefaultCamelContext();
        if (registry != null) {
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        }
        linkedin.configure(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("linkedin-leadsync:leads?formIds=" + LinkedInSandboxExtension.WHITEPAPER_FORM + "&delay=200&initialDelay=0")
                        .routeId("pull").to("log:leads?level=OFF");
            }
        });
        return context;
    }
}
