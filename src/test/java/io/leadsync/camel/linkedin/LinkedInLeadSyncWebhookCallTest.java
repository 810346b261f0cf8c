package io.leadsync.camel.linkedin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAction;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: leads submitted to the sandbox are pushed, fetched in one call per delivery and routed like the poller's. */
class LinkedInLeadSyncWebhookCallTest extends LinkedInLeadSyncWebhookTestSupport {

    private static final String PATH = "/linkedin/leads";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, PATH, "owners=" + ACCOUNT + "&leadTypes=SPONSORED&unregisterOnStop=true")).routeId("webhook")
                        .to("mock:leads");
            }
        };
    }

    @Test
    void createdLeadsArriveWithFullAnswersAndThePollersHeaders() throws Exception {
        awaitRegistered(context);
        sandbox.resetStats();
        MockEndpoint mock = getMockEndpoint("mock:leads");
        mock.expectedMessageCount(3);

        List<String> ids = sandbox.submitLeads(WHITEPAPER_FORM, 3, true);

        mock.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));
        List<Lead> leads = mock.getExchanges().stream().flatMap(e -> e.getMessage().getBody(List.class).stream())
                .map(Lead.class::cast).toList();
        assertThat(leads).extracting(Lead::id).containsExactlyInAnyOrderElementsOf(ids);
        for (Exchange exchange : mock.getExchanges()) {
            Lead lead = (Lead) exchange.getMessage().getBody(List.class).get(0);
            Map<String, Object> headers = exchange.getMessage().getHeaders();
            assertThat(headers.keySet()).as("exactly the headers LeadExchanges sets, nothing from HTTP")
                    .containsExactlyInAnyOrderElementsOf(Set.of(LinkedInLeadSyncConstants.LEAD_SOURCE, LinkedInLeadSyncConstants.LEAD_COUNT,
                            LinkedInLeadSyncConstants.LEAD_ID, LinkedInLeadSyncConstants.LEAD_ACTION, LinkedInLeadSyncConstants.FORM_ID,
                            LinkedInLeadSyncConstants.OWNER, LinkedInLeadSyncConstants.LEAD_TYPE));
            assertThat(headers).containsEntry(LinkedInLeadSyncConstants.LEAD_SOURCE, "WEBHOOK")
                    .containsEntry(LinkedInLeadSyncConstants.LEAD_ID, lead.id()).containsEntry(LinkedInLeadSyncConstants.LEAD_ACTION, "CREATED")
                    .containsEntry(LinkedInLeadSyncConstants.FORM_ID, WHITEPAPER_FORM).containsEntry(LinkedInLeadSyncConstants.OWNER, ACCOUNT)
                    .containsEntry(LinkedInLeadSyncConstants.LEAD_TYPE, "SPONSORED").containsEntry(LinkedInLeadSyncConstants.LEAD_COUNT, 1);
            assertThat(lead.action()).isEqualTo(LeadAction.CREATED);
            assertThat(lead.source()).isEqualTo(LeadSource.WEBHOOK);
            assertThat(lead.answers()).isNotEmpty();
            assertThat(lead.fieldErrors()).isEmpty();
            assertThat(lead.formName()).isNotBlank();
            assertThat(lead.accountName()).isEqualTo("Northwind Ads");
            assertThat(lead.campaignName()).isNotBlank();
            assertThat(lead.testLead()).isTrue();
        }
        // the same lead as a poll with the enrichment projection would normalize it
        LinkedInLeadSyncEndpoint endpoint = context.getEndpoint("linkedin-leadsync:leads?owners=" + ACCOUNT, LinkedInLeadSyncEndpoint.class);
        Lead first = leads.get(0);
        LeadFormResponse polled = endpoint.getApi().leadFormResponses(LeadFormResponseQuery.of(LeadOwner.of(ACCOUNT), LeadType.SPONSORED)
                .withFields(LeadFormResponseQuery.ENRICHED_FIELDS)).filter(l -> l.id().equals(first.id())).findFirst().orElseThrow();
        Lead expected = endpoint.getLeadNormalizer().normalize(polled, first.raw(), LeadSource.WEBHOOK);
        assertThat(first).usingRecursiveComparison().isEqualTo(expected);

        // at most one batch get per delivery; deliveries that overlap share one (CoalescingLeadFetchTest pins that down)
        assertThat(sandbox.stats().calls("BATCH_GET leadFormResponses")).as("batch gets for 3 deliveries").isBetween(1L, 3L);
        assertThat(sandbox.stats().calls("GET leadFormResponses")).as("no single gets").isZero();
    }

    @Test
    void withdrawnLeadArrivesAsDeletedWithoutBeingFetched() throws Exception {
        awaitRegistered(context);
        MockEndpoint mock = getMockEndpoint("mock:leads");
        mock.expectedMessageCount(1);
        String id = sandbox.submitLeads(WHITEPAPER_FORM, 1, true).get(0);
        mock.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));

        mock.reset();
        mock.expectedMessageCount(1);
        sandbox.resetStats();
        sandbox.deleteLead(id);
        mock.assertIsSatisfied(TimeUnit.SECONDS.toMillis(60));

        Lead deleted = (Lead) mock.getExchanges().get(0).getMessage().getBody(List.class).get(0);
        assertThat(deleted.id()).isEqualTo(id);
        assertThat(deleted.action()).isEqualTo(LeadAction.DELETED);
        assertThat(deleted.formId()).isEqualTo(WHITEPAPER_FORM);
        assertThat(deleted.answers()).isEmpty();
        assertThat(mock.getExchanges().get(0).getMessage().getHeader(LinkedInLeadSyncConstants.LEAD_ACTION)).isEqualTo("DELETED");
        assertThat(sandbox.stats().calls("BATCH_GET leadFormResponses") + sandbox.stats().calls("GET leadFormResponses"))
                .as("a withdrawn lead is never fetched").isZero();
    }
}
