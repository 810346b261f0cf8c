package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

class LinkedInLeadSyncConsumerFiltersTest extends LinkedInTestSupport {

    private static final String SPONSORED = "owners=" + ACCOUNT + "&leadTypes=SPONSORED";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(leadsUri(SPONSORED + "&testLeads=include")).routeId("include").to("mock:include");
                from(leadsUri(SPONSORED + "&testLeads=exclude")).routeId("exclude").to("mock:exclude");
                from(leadsUri(SPONSORED + "&testLeads=only")).routeId("only").to("mock:only");
                from(leadsUri("owners=" + ACCOUNT + "," + TRADERS + "&formIds=" + WHITEPAPER_FORM + "," + NEWSLETTER_FORM
                              + "&pageSize=10")).routeId("forms").to("mock:forms");
                // short pages while more exist (linkedin-api.md §3): nothing may be lost
                from(leadsUri(SPONSORED + "&pageSize=9&enrich=false")).routeId("short").to("mock:short");
            }
        };
    }

    private Set<String> ids(List<LeadFormResponse> leads) {
        return leads.stream().map(LeadFormResponse::id).collect(Collectors.toSet());
    }

    @Test
    void testLeadsAreIncludedExcludedOrTheOnlyOnes() {
        List<LeadFormResponse> all = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365);
        Set<String> test = ids(all.stream().filter(LeadFormResponse::isTestLead).toList());
        Set<String> real = ids(all.stream().filter(l -> !l.isTestLead()).toList());
        assertThat(test).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("include", "exclude", "only").stream()
                .allMatch(r -> consumer(r).lastPollAt() != null));

        assertThat(idsOf(leadsOf(getMockEndpoint("mock:include")))).containsExactlyInAnyOrderElementsOf(ids(all));
        assertThat(idsOf(leadsOf(getMockEndpoint("mock:exclude")))).containsExactlyInAnyOrderElementsOf(real);
        assertThat(idsOf(leadsOf(getMockEndpoint("mock:only")))).containsExactlyInAnyOrderElementsOf(test);
        assertThat(leadsOf(getMockEndpoint("mock:only"))).allMatch(Lead::testLead);
    }

    @Test
    void formIdsKeepOnlyTheLeadsOfThoseForms() {
        Set<String> expected = ids(sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).stream()
                .filter(l -> l.versionedForm().formId() == WHITEPAPER_FORM).toList());
        expected.addAll(ids(sandboxLeads(TRADERS, LeadType.COMPANY, 365).stream()
                .filter(l -> l.versionedForm().formId() == NEWSLETTER_FORM).toList()));
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("forms").lastPollAt() != null);

        List<Lead> leads = leadsOf(getMockEndpoint("mock:forms"));
        assertThat(idsOf(leads)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        Map<Long, Long> byForm = leads.stream().collect(Collectors.groupingBy(Lead::formId, Collectors.counting()));
        assertThat(byForm.keySet()).containsExactlyInAnyOrder(WHITEPAPER_FORM, NEWSLETTER_FORM);
    }

    @Test
    void shortPagesDoNotEndTheReadAndEveryPageIsOneExchange() {
        sandbox.faults().shortPageRate(0.5);
        Set<String> expected = ids(sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365));
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("short").lastPollAt() != null);

        assertThat(idsOf(leadsOf(getMockEndpoint("mock:short")))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(getMockEndpoint("mock:short").getExchanges())
                .allSatisfy(e -> assertThat(e.getMessage().getBody(List.class)).hasSizeBetween(1, 9));
        // without the enrichment projection a form's current version is read at most once (none when an enriched route of
        // the same component already cached it), not once per lead of an older version
        assertThat(sandbox.stats().calls("GET leadForms")).as("GET leadForms calls for the account's two sponsored forms")
                .isLessThanOrEqualTo(2L);
    }
}
