package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.leadsync.testing.MutableClock;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * LinkedIn notifies a lead at once but serves it only minutes later. The poll runs every minute meanwhile; its
 * watermark trails the clock by {@code visibilityLag}, so the lead, which falls far behind a 1-minute overlap, is
 * still read once it is served. One clock, moved by hand, drives the sandbox and the poller.
 */
class LinkedInLeadSyncConsumerVisibilityLagTest extends LinkedInTestSupport {

    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static final Duration LAG = Duration.ofMinutes(5);
    private static final Duration READABLE_AFTER = Duration.ofMinutes(4);

    @Override
    protected Clock sandboxClock() {
        return CLOCK;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                LinkedInLeadSyncEndpoint endpoint = getContext().getEndpoint(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&overlap="
                        + Duration.ofMinutes(1).toMillis() + "&visibilityLag=" + LAG.toMillis()), LinkedInLeadSyncEndpoint.class);
                endpoint.setClock(CLOCK);
                from(endpoint).routeId("leads").to("mock:leads");
            }
        };
    }

    @Test
    void aLeadReadableMinutesAfterItsNotificationIsPulledOnceReadable() {
        MockEndpoint mock = getMockEndpoint("mock:leads");
        awaitPollAt(CLOCK.instant());
        int backfilled = leadsOf(mock).size();
        assertThat(backfilled).isPositive();

        Instant submitted = CLOCK.instant();
        String late = sandboxAdmin("/_sandbox/forms/" + WHITEPAPER_FORM + "/leads",
                "{\"count\":1,\"test\":false,\"visibleAfterSeconds\":" + READABLE_AFTER.toSeconds() + "}").path("leadIds").get(0).asText();
        // a poll every minute: the lead is unreadable for 4, then readable but newer than now - lag
        for (int minute = 1; minute < LAG.toMinutes(); minute++) {
            CLOCK.advance(Duration.ofMinutes(1));
            awaitPollAt(CLOCK.instant());
            assertThat(idsOf(leadsOf(mock))).doesNotContain(late);
        }
        assertThat(consumer("leads").watermarks().get("SPONSORED " + ACCOUNT)).isLessThan(submitted.toEpochMilli());
        CLOCK.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> idsOf(leadsOf(mock)).contains(late));
        // later polls read it again through the overlap and drop it
        CLOCK.advance(Duration.ofSeconds(30));
        awaitPollAt(CLOCK.instant());

        assertThat(idsOf(leadsOf(mock)).subList(backfilled, leadsOf(mock).size())).containsExactly(late);
        assertThat(consumer("leads").watermarks().get("SPONSORED " + ACCOUNT)).isGreaterThanOrEqualTo(submitted.toEpochMilli());
    }

    /** Waits for a poll that began at {@code at} (the clock stands still between moves) and ended. */
    private void awaitPollAt(Instant at) {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer("leads").lastPollAt() != null && !consumer("leads").lastPollAt().isBefore(at));
    }
}
