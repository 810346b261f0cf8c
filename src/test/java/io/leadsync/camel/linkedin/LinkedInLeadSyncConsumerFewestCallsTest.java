package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The back-fill costs the fewest finder calls: one cursor over the whole window (the default windowSize), so every
 * page is full but the last; a stream without leads costs one call, then rests; polls bounded to one page with
 * Camel's greedy option finish the back-fill in a run of polls, the first of them done after one page.
 */
class LinkedInLeadSyncConsumerFewestCallsTest extends LinkedInTestSupport {

    private static final int PAGE = 50;
    private static final String FINDER = "FINDER leadFormResponses";

    /** Leads per stream in the window, asked before the routes start (these calls are not the consumer's). */
    private final Map<String, Integer> leadsPerStream = new LinkedHashMap<>();
    private final Set<String> expected = new LinkedHashSet<>();
    /** Per page emitted by the greedy route, in order: whether Camel counted the first poll as done by then. */
    private final List<Boolean> firstPollDoneAtPage = new CopyOnWriteArrayList<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // no scheduled poll after the greedy run: what it costs is all the sandbox counts
                from(leadsUri("pageSize=" + PAGE + "&maxMessagesPerPoll=1&greedy=true").replace("&delay=300&", "&delay=600000&"))
                        .routeId("greedy").autoStartup(false)
                        .process(e -> firstPollDoneAtPage.add(consumer("greedy").isFirstPollDone())).to("mock:greedy");
                from(leadsUri("pageSize=" + PAGE)).routeId("scheduled").autoStartup(false)
                        .to("mock:scheduled");
            }
        };
    }

    @BeforeEach
    void countTheSandboxLeads() {
        add(ACCOUNT, LeadType.SPONSORED);
        for (String page : List.of(TRADERS, PRODUCTS)) {
            for (LeadType type : List.of(LeadType.EVENT, LeadType.COMPANY, LeadType.ORGANIZATION_PRODUCT)) {
                add(page, type);
            }
        }
        assertThat(leadsPerStream.values()).as("the seeded sandbox has streams with and without leads").contains(0)
                .anySatisfy(n -> assertThat(n).isGreaterThan(PAGE));
    }

    private void add(String owner, LeadType type) {
        List<LeadFormResponse> leads = sandboxLeads(owner, type, 365);
        leadsPerStream.put(type + " " + owner, leads.size());
        leads.forEach(l -> expected.add(l.id()));
    }

    @Test
    void greedyOnePagePollsBackfillEveryLeadOnceWithOneCallPerPage() throws Exception {
        long before = sandbox.stats().calls(FINDER);
        context.getRouteController().startRoute("greedy");
        MockEndpoint mock = getMockEndpoint("mock:greedy");
        await().atMost(Duration.ofSeconds(60)).until(() -> idsOf(leadsOf(mock)).size() >= expected.size());

        assertThat(idsOf(leadsOf(mock))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        // the first poll ended after its one page: Camel's consumer readiness (first poll done) did not wait for the rest
        assertThat(firstPollDoneAtPage).hasSizeGreaterThan(2).startsWith(false, true);
        assertThat(firstPollDoneAtPage.subList(1, firstPollDoneAtPage.size())).containsOnly(true);
        // the greedy run ends with a poll that reads nothing: caught-up and empty streams are not read again in it
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.stats().calls(FINDER) - before >= minimumCalls());
        assertThat(sandbox.stats().calls(FINDER) - before).as("finder calls of the back-fill")
                .isBetween(minimumCalls(), maximumCalls());
    }

    @Test
    void aStreamWithoutLeadsCostsOneCallThenRestsWhileTheOthersArePolled() throws Exception {
        long before = sandbox.stats().calls(FINDER);
        context.getRouteController().startRoute("scheduled");
        await().atMost(Duration.ofSeconds(60)).until(() -> idsOf(leadsOf(getMockEndpoint("mock:scheduled"))).size() >= expected.size());
        long polls = consumer("scheduled").getCounter();
        long calls = sandbox.stats().calls(FINDER);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer("scheduled").getCounter() >= polls + 3);
        // stop the polls to read a stable count: each poll after the back-fill costs one call per stream with leads
        consumer("scheduled").suspend();
        long pollsAfter = consumer("scheduled").getCounter() - polls;
        long callsAfter = sandbox.stats().calls(FINDER) - calls;
        long withLeads = leadsPerStream.values().stream().filter(n -> n > 0).count();
        assertThat(callsAfter).as("calls in %d polls after the back-fill", pollsAfter)
                .isBetween((pollsAfter - 1) * withLeads, (pollsAfter + 1) * withLeads);
        assertThat(calls - before).as("finder calls of the back-fill").isBetween(minimumCalls(), maximumCalls());
    }

    /** One call per full page and one for the last; one for a stream without leads. */
    private long minimumCalls() {
        return leadsPerStream.values().stream().mapToLong(n -> Math.max(1, (n + PAGE - 1) / PAGE)).sum();
    }

    /** Each page after the first reads its boundary lead again (the cursor's shift-proof overlap of one lead). */
    private long maximumCalls() {
        return leadsPerStream.values().stream().mapToLong(n -> Math.max(1, (n + PAGE - 2) / (PAGE - 1))).sum();
    }
}
