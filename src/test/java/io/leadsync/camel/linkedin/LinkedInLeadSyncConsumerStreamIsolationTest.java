package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

/**
 * A member without {@code r_events}: LinkedIn answers 403 to the EVENT leads of both pages, which come first in
 * each poll. Those two streams fail alone, with their error and next try in readiness, and are tried again after
 * their backoff, while the pages' COMPANY and ORGANIZATION_PRODUCT leads are all delivered in the same polls.
 */
class LinkedInLeadSyncConsumerStreamIsolationTest extends LinkedInTestSupport {

    private static final String FINDER = "FINDER leadFormResponses";

    private final String noEvents = sandboxAdmin("/_sandbox/tokens",
            "{\"scope\":\"r_marketing_leadgen_automation r_ads r_organization_admin rw_dmp_segments\"}").path("access_token").asText();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("linkedin-leadsync:leads?" + sandboxOptions() + "&accessToken=RAW(" + noEvents + ")&initialDelay=0&delay=300"
                     + "&visibilityLag=0&windowSize=" + 100 * DAY + "&owners=" + TRADERS + "," + PRODUCTS
                     + "&leadTypes=EVENT,COMPANY,ORGANIZATION_PRODUCT&streamBackoffDelay=500&streamBackoffMaxDelay=1000")
                        .routeId("leads").to("mock:leads");
            }
        };
    }

    @Test
    void aStreamLinkedInRefusesFailsAloneAndTheOthersDeliverEverything() {
        Set<String> expected = Stream.of(TRADERS, PRODUCTS)
                .flatMap(page -> Stream.of(LeadType.COMPANY, LeadType.ORGANIZATION_PRODUCT).flatMap(t -> sandboxLeads(page, t, 365).stream()))
                .map(LeadFormResponse::id).collect(Collectors.toSet());
        assertThat(sandboxLeads(TRADERS, LeadType.EVENT, 365)).as("EVENT leads exist, the member may not read them").isNotEmpty();
        assertThat(expected).isNotEmpty();
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(30)).until(() -> leadsOf(mock).size() >= expected.size());
        // the refused streams are tried again after their backoff, the others read on
        long refused = sandbox.stats().calls(FINDER, 403);
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.stats().calls(FINDER, 403) > refused + 1);

        assertThat(idsOf(leadsOf(mock))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        LinkedInLeadSyncConsumer consumer = consumer("leads");
        List<LinkedInLeadSyncConsumer.StreamStatus> statuses = consumer.streamStatuses();
        assertThat(statuses).extracting(LinkedInLeadSyncConsumer.StreamStatus::stream).containsExactly(
                "EVENT " + TRADERS, "COMPANY " + TRADERS, "ORGANIZATION_PRODUCT " + TRADERS,
                "EVENT " + PRODUCTS, "COMPANY " + PRODUCTS, "ORGANIZATION_PRODUCT " + PRODUCTS);
        assertThat(statuses).allSatisfy(s -> {
            if (s.leadType().equals("EVENT")) {
                assertThat(s.failures()).isPositive();
                assertThat(s.error()).contains("403");
                assertThat(s.nextTryAt()).isAfter(s.failedAt());
                assertThat(s.watermark()).isNull();
            } else {
                assertThat(s.failures()).isZero();
                assertThat(s.error()).isNull();
                assertThat(s.watermark()).isNotNull();
            }
        });
        assertThat(consumer.lastPollError()).as("the poll as a whole did not fail").isNull();

        HealthCheck.Result health = consumer.healthCheck().call();
        assertThat(health.getState()).as("the other streams are synced").isEqualTo(HealthCheck.State.UP);
        assertThat(health.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("2 of 6 streams failing"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> failing = (Map<String, Map<String, Object>>) health.getDetails().get("failingStreams");
        assertThat(failing).containsOnlyKeys("EVENT " + TRADERS, "EVENT " + PRODUCTS);
        assertThat(failing.get("EVENT " + TRADERS)).containsKeys("error", "failures", "failedAt", "nextTryAt");
        assertThat((String) failing.get("EVENT " + TRADERS).get("error")).contains("403");
    }
}
