package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class LinkedInLeadSyncConsumerWatermarkTest extends LinkedInTestSupport {

    private final AtomicInteger pages = new AtomicInteger();
    private final List<String> failedPageIds = new ArrayList<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the second page ever fails once: its slice must be read again, nothing lost, nothing twice
                from(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&pageSize=20&overlap=" + 30 * DAY)).routeId("leads")
                        .process(e -> {
                            if (pages.incrementAndGet() == 2) {
                                @SuppressWarnings("unchecked")
                                List<Lead> page = e.getMessage().getBody(List.class);
                                failedPageIds.addAll(page.stream().map(Lead::id).toList());
                                throw new IllegalStateException("the sink is down");
                            }
                        })
                        .to("mock:leads");
            }
        };
    }

    @Test
    void aFailedPageIsReadAgainNextPollAndNothingIsEmittedTwice() {
        Set<String> expected = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).stream().map(l -> l.id()).collect(java.util.stream.Collectors.toSet());
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(mock).size() >= expected.size());
        long polls = sandbox.stats().calls("FINDER leadFormResponses");
        // further polls read the 30-day overlap again and emit nothing
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().calls("FINDER leadFormResponses") > polls + 2);

        List<String> ids = idsOf(leadsOf(mock));
        assertThat(failedPageIds).isNotEmpty();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected).containsAll(failedPageIds);
    }

    @Test
    void leadsSubmittedWhileTheRouteIsStoppedArriveOnceWhenItResumes() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:leads");
        Set<String> expected = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).stream().map(l -> l.id()).collect(java.util.stream.Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(mock).size() >= expected.size());
        context.getRouteController().stopRoute("leads");

        List<String> missed = sandbox.submitLeads(WHITEPAPER_FORM, 5, false);
        mock.reset();
        context.getRouteController().startRoute("leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(mock).size() >= 5);
        long calls = sandbox.stats().calls("FINDER leadFormResponses");
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().calls("FINDER leadFormResponses") > calls + 2);

        assertThat(idsOf(leadsOf(mock))).containsExactlyInAnyOrderElementsOf(missed);
    }
}
