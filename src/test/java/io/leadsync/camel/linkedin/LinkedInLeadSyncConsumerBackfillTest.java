package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.poll.LeadStream;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

class LinkedInLeadSyncConsumerBackfillTest extends LinkedInTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(leadsUri("pageSize=50&windowSize=" + 30 * DAY)).routeId("leads").to("mock:leads");
            }
        };
    }

    @Test
    void backfillsEveryLeadOfEveryDiscoveredOwnerOnceWithoutExtraFormCalls() {
        Set<String> expected = allSandboxLeadIds(365);
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("leads").lastPollAt() != null);
        // another poll: the overlap is read again but nothing is emitted twice
        Instant after = consumer("leads").lastPollAt();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("leads").lastPollAt().isAfter(after.plusMillis(300)));

        List<Lead> leads = leadsOf(mock);
        assertThat(idsOf(leads)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(leads).extracting(Lead::leadType).contains("SPONSORED", "EVENT", "COMPANY", "ORGANIZATION_PRODUCT");
        assertThat(leads).allSatisfy(l -> {
            assertThat(l.source()).isEqualTo(LeadSource.POLL);
            assertThat(l.formVersion()).isNotNull();
            assertThat(l.formName()).isNotBlank();
            assertThat(l.raw()).contains(l.id());
        });
        assertThat(leads.stream().filter(l -> "SPONSORED".equals(l.leadType())))
                .allSatisfy(l -> assertThat(l.accountName()).isEqualTo("Northwind Ads"));
        // the enrichment projection inlines form versions and names: no form or account lookups
        assertThat(sandbox.stats().calls("GET leadForms")).isZero();
        assertThat(sandbox.stats().calls("GET adAccounts")).isZero();
    }

    @Test
    void discoversTheAccountsAndPagesTheMemberCanReadLeadsOf() {
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("leads").lastPollAt() != null);
        assertThat(consumer("leads").streams()).extracting(LeadStream::describe).containsExactly(
                "SPONSORED " + ACCOUNT,
                "EVENT " + TRADERS, "COMPANY " + TRADERS, "ORGANIZATION_PRODUCT " + TRADERS,
                "EVENT " + PRODUCTS, "COMPANY " + PRODUCTS, "ORGANIZATION_PRODUCT " + PRODUCTS);
        assertThat(consumer("leads").streams().get(0).ownerName()).isEqualTo("Northwind Ads");
    }

    @Test
    void eachPageIsOneExchangeWithWindowPageAndLeadHeaders() {
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> mock.getReceivedCounter() > 0);
        Exchange first = mock.getExchanges().get(0);
        @SuppressWarnings("unchecked")
        List<Lead> page = first.getMessage().getBody(List.class);
        assertThat(page).isNotEmpty().hasSizeLessThanOrEqualTo(50);
        long start = first.getMessage().getHeader(LinkedInLeadSyncConstants.WINDOW_START, Long.class);
        long end = first.getMessage().getHeader(LinkedInLeadSyncConstants.WINDOW_END, Long.class);
        assertThat(end - start).isLessThanOrEqualTo(30 * DAY);
        assertThat(page).allSatisfy(l -> assertThat(l.submittedAt()).isBetween(start, end));
        assertThat(first.getMessage().getHeader(LinkedInLeadSyncConstants.PAGE_NUMBER, Integer.class)).isPositive();
        assertThat(first.getMessage().getHeader(LinkedInLeadSyncConstants.LEAD_SOURCE)).isEqualTo("POLL");
        assertThat(first.getMessage().getHeader(LinkedInLeadSyncConstants.LEAD_COUNT)).isEqualTo(page.size());
        assertThat(first.getMessage().getHeader(LinkedInLeadSyncConstants.LEAD_ID)).isEqualTo(page.get(0).id());
        assertThat(first.getMessage().getHeader(LinkedInLeadSyncConstants.OWNER)).isEqualTo(page.get(0).ownerUrn());
    }

    @Test
    void readinessIsUpWithStreamsAndWatermarksAfterAPoll() {
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("leads").watermarks().size() == 7);
        HealthCheck check = consumer("leads").healthCheck();
        assertThat(check.getId()).isEqualTo("linkedin-leadsync-consumer-leads");
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
        HealthCheck.Result result = check.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsKeys("streams", "watermarks", "lastPollAt");
    }
}
