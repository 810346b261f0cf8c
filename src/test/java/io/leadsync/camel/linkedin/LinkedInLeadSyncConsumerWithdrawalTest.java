package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Members withdraw leads while the poller pages through them: each withdrawal moves every later lead up one place, so
 * offset paging ({@code start += count}) skips the lead at the next page boundary. The poller must deliver every lead
 * that was there when it began, once.
 */
class LinkedInLeadSyncConsumerWithdrawalTest extends LinkedInTestSupport {

    private static final String FINDER = "FINDER leadFormResponses";
    private static final int PAGE = 10;

    private final List<String> withdrawn = new CopyOnWriteArrayList<>();
    private Set<String> before;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        // what LinkedIn holds before the poll begins; the routes start right after this
        before = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).stream().map(LeadFormResponse::id).collect(Collectors.toSet());
        // the sandbox withdraws the last lead of the page before, each time the next page is asked for ...
        sandbox.faults().withdrawDuringPaging(6);
        return new RouteBuilder() {
            @Override
            public void configure() {
                // one slice, so that the whole back-fill is one paged read
                from(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&pageSize=" + PAGE + "&windowSize=" + 400 * DAY))
                        .routeId("leads")
                        .process(e -> {
                            // ... and members withdraw leads of the page just delivered, before the next one is read:
                            // its oldest lead (the page boundary) and one from its middle
                            @SuppressWarnings("unchecked")
                            List<Lead> page = e.getMessage().getBody(List.class);
                            if (withdrawn.size() < 12 && page.size() > 2) {
                                Lead oldest = page.stream().min(Comparator.comparing(Lead::submittedAt)).orElseThrow();
                                Lead middle = page.get(page.size() / 2);
                                for (Lead lead : oldest == middle ? List.of(oldest) : List.of(oldest, middle)) {
                                    sandbox.deleteLead(lead.id());
                                    withdrawn.add(lead.id());
                                }
                            }
                        })
                        .to("mock:leads");
            }
        };
    }

    @Test
    void leadsWithdrawnWhilePagingHideNoOtherLead() {
        assertThat(before).hasSizeGreaterThan(10 * PAGE);
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(30)).until(() -> leadsOf(mock).size() >= before.size());
        // a later poll reads the overlap again: nothing comes twice
        long calls = sandbox.stats().calls(FINDER);
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.stats().calls(FINDER) > calls + 1);

        assertThat(withdrawn).hasSizeGreaterThanOrEqualTo(10);
        assertThat(sandbox.faults().withdrawDuringPagingLeft()).as("the sandbox withdrew its 6 leads during the read").isFalse();
        assertThat(sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365)).extracting(LeadFormResponse::id).doesNotContainAnyElementsOf(withdrawn);
        // each withdrawn lead had been delivered before its withdrawal; every other lead was delivered too
        assertThat(idsOf(leadsOf(mock))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(before);
        assertThat(consumer("leads").lastPollError()).isNull();
    }
}
