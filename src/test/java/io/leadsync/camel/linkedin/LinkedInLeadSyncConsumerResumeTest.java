package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.testing.MutableClock;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * {@code maxMessagesPerPoll=1}: each poll delivers one page and stops; the next goes on from the cursor saved after
 * that page, so a back-fill costs one finder call per page, none read twice. The clock stands still (and the overlap
 * is 0), so once the back-fill is done a poll has nothing to read and the finder calls can be counted exactly.
 */
class LinkedInLeadSyncConsumerResumeTest extends LinkedInTestSupport {

    private static final String FINDER = "FINDER leadFormResponses";
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static final int PAGE = 10;

    @Override
    protected Clock sandboxClock() {
        return CLOCK;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                LinkedInLeadSyncEndpoint endpoint = getContext().getEndpoint(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&pageSize="
                        + PAGE + "&windowSize=" + 400 * DAY + "&overlap=0&maxMessagesPerPoll=1"), LinkedInLeadSyncEndpoint.class);
                endpoint.setClock(CLOCK);
                from(endpoint).routeId("leads").to("mock:leads");
            }
        };
    }

    @Test
    void aBackfillStoppedAfterEachPageGoesOnWhereItStoppedAndReadsNoPageTwice() {
        Set<String> expected = leadsUpToNow(365).stream().map(LeadFormResponse::id).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThan(10 * PAGE);
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(mock).size() >= expected.size());
        LinkedInLeadSyncConsumer consumer = consumer("leads");
        // the slice is closed: the watermark is now (no lag), no cursor is open
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(CLOCK.millis()).equals(consumer.watermarks().get("SPONSORED " + ACCOUNT)));
        assertThat(consumer.streamStatuses()).singleElement().satisfies(s -> assertThat(s.readDownTo()).isNull());
        long calls = sandbox.stats().calls(FINDER);
        long polls = consumer.getCounter();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getCounter() > polls + 2);

        assertThat(idsOf(leadsOf(mock))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mock.getExchanges()).allSatisfy(e -> assertThat(e.getMessage().getBody(List.class)).hasSizeLessThanOrEqualTo(PAGE));
        // one call per delivered page, and at most one more that found only the last page's boundary lead
        assertThat(calls).isBetween((long) mock.getReceivedCounter(), mock.getReceivedCounter() + 1L);
        assertThat(sandbox.stats().calls(FINDER)).as("nothing read after the back-fill").isEqualTo(calls);
    }

    @Test
    void moreLeadsInOneMillisecondThanAPageArriveOnceEach() {
        MockEndpoint mock = getMockEndpoint("mock:leads");
        int backfill = leadsUpToNow(365).size();
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(mock).size() >= backfill);
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(CLOCK.millis()).equals(consumer("leads").watermarks().get("SPONSORED " + ACCOUNT)));

        // the clock stands still: all 25 leads are submitted in the same millisecond, 2.5 pages of them
        List<String> burst = sandbox.submitLeads(WHITEPAPER_FORM, 25, false);
        assertThat(leadsUpToNow(1).stream().filter(l -> burst.contains(l.id())).map(LeadFormResponse::submittedAt).distinct()).hasSize(1);
        CLOCK.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> leadsOf(mock).size() >= backfill + burst.size());
        long polls = consumer("leads").getCounter();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer("leads").getCounter() > polls + 2);

        List<String> ids = idsOf(leadsOf(mock));
        assertThat(ids).doesNotHaveDuplicates().hasSize(backfill + burst.size());
        assertThat(ids.subList(backfill, ids.size())).containsExactlyInAnyOrderElementsOf(burst);
    }

    /** The sandbox's SPONSORED leads submitted in the last {@code days} days of the (still) clock. */
    private List<LeadFormResponse> leadsUpToNow(int days) {
        long now = CLOCK.millis();
        LeadFormResponseQuery query = LeadFormResponseQuery.of(LeadOwner.of(ACCOUNT), LeadType.SPONSORED).withPageSize(1000)
                .withSubmittedAtTimeRange(now - days * DAY, now);
        return directApi().leadFormResponses(query).toList();
    }
}
