package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.leadsync.testing.MutableClock;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * One 500 (no client retries) fails whichever stream asks next. That stream waits out its backoff while the other
 * keeps delivering; once the clock passes its next try it is read again and its lead arrives, once. The clock stands
 * still between moves, so the backoff is decided by the test, not by timing.
 */
class LinkedInLeadSyncConsumerStreamBackoffTest extends LinkedInTestSupport {

    private static final String FINDER = "FINDER leadFormResponses";
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static final Duration BACKOFF = Duration.ofMinutes(1);

    @Override
    protected Clock sandboxClock() {
        return CLOCK;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                LinkedInLeadSyncEndpoint endpoint = getContext().getEndpoint(leadsUri("owners=" + ACCOUNT + "," + TRADERS
                        + "&leadTypes=SPONSORED,COMPANY&maxRetries=0&streamBackoffDelay=" + BACKOFF.toMillis()), LinkedInLeadSyncEndpoint.class);
                endpoint.setClock(CLOCK);
                from(endpoint).routeId("leads").to("mock:leads");
            }
        };
    }

    @Test
    void aStreamFailingWithA5xxWaitsOutItsBackoffWhileTheOtherDelivers() {
        LinkedInLeadSyncConsumer consumer = consumer("leads");
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.watermarks().size() == 2);
        int backfilled = leadsOf(mock).size();

        sandbox.faults().serverErrorCount(1);
        String sponsored = sandbox.submitLeads(WHITEPAPER_FORM, 1, false).get(0);
        String company = sandbox.submitLeads(NEWSLETTER_FORM, 1, false).get(0);
        CLOCK.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.streamStatuses().stream().anyMatch(s -> s.failures() > 0));
        LinkedInLeadSyncConsumer.StreamStatus failing = consumer.streamStatuses().stream().filter(s -> s.failures() > 0).findFirst().orElseThrow();
        String failingLead = failing.leadType().equals("SPONSORED") ? sponsored : company;
        String otherLead = failingLead.equals(sponsored) ? company : sponsored;
        assertThat(failing.error()).contains("500");
        assertThat(failing.nextTryAt()).isEqualTo(failing.failedAt().plus(BACKOFF));

        await().atMost(Duration.ofSeconds(10)).until(() -> idsOf(leadsOf(mock)).contains(otherLead));
        // more polls run while the failing stream waits: they read the other stream only
        long polls = consumer.getCounter();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getCounter() > polls + 2);
        assertThat(idsOf(leadsOf(mock))).doesNotContain(failingLead);
        assertThat(consumer.streamStatuses()).filteredOn(s -> s.stream().equals(failing.stream())).singleElement()
                .satisfies(s -> assertThat(s.failures()).isEqualTo(1));
        assertThat(consumer.lastPollError()).isNull();

        CLOCK.advance(BACKOFF);
        await().atMost(Duration.ofSeconds(10)).until(() -> idsOf(leadsOf(mock)).contains(failingLead));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.streamStatuses().stream().allMatch(s -> s.failures() == 0 && s.error() == null));
        List<String> after = idsOf(leadsOf(mock)).subList(backfilled, leadsOf(mock).size());
        assertThat(after).containsExactlyInAnyOrder(sponsored, company);
        assertThat(sandbox.stats().calls(FINDER, 500)).isEqualTo(1);
    }
}
