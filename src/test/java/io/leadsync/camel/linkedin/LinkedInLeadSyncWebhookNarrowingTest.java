package io.leadsync.camel.linkedin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscriptions narrowed to a form version or a creative (LGF-203) receive only the leads of that form or creative. */
class LinkedInLeadSyncWebhookNarrowingTest extends LinkedInLeadSyncWebhookTestSupport {

    private static final String EVENT_FORM_V1 = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + EVENT_FORM + ",1)";
    private static final String CREATIVE = "urn:li:sponsoredCreative:241257736";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, "/hooks/form", "owners=" + ORGANIZATION + "&leadTypes=EVENT,COMPANY&unregisterOnStop=true"
                        + "&notificationForms=" + EVENT_FORM_V1)).routeId("form").to("mock:form");
                from(webhookUri(port, "/hooks/creative", "owners=" + ACCOUNT + "&leadTypes=SPONSORED&unregisterOnStop=true"
                        + "&notificationCreatives=" + CREATIVE)).routeId("creative").to("mock:creative");
            }
        };
    }

    @Test
    void narrowedSubscriptionsReceiveOnlyTheirLeads() throws Exception {
        awaitRegistered(context);
        sandbox.resetStats();

        List<String> eventLeads = sandbox.submitLeads(EVENT_FORM, 2, true);
        sandbox.submitLeads(7234310L, 2, true); // COMPANY newsletter of the same page: not subscribed
        List<String> whitepaper = sandbox.submitLeads(WHITEPAPER_FORM, 8, true);
        LinkedInLeadSyncEndpoint endpoint = context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance)
                .map(LinkedInLeadSyncEndpoint.class::cast).findFirst().orElseThrow();
        Map<String, LeadFormResponse> raw = endpoint.getApi().batchGetLeadFormResponses(whitepaper);
        List<String> ofCreative = whitepaper.stream().filter(id -> CREATIVE.equals(raw.get(id).associatedEntity().associatedCreative()))
                .toList();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sandbox.stats().webhooks().delivered())
                .isEqualTo(eventLeads.size() + ofCreative.size()));
        MockEndpoint form = getMockEndpoint("mock:form");
        MockEndpoint creative = getMockEndpoint("mock:creative");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(form.getReceivedCounter()).isEqualTo(eventLeads.size());
            assertThat(creative.getReceivedCounter()).isEqualTo(ofCreative.size());
        });
        assertThat(leads(form)).extracting(Lead::id).containsExactlyInAnyOrderElementsOf(eventLeads);
        assertThat(leads(form)).allSatisfy(l -> assertThat(l.leadType()).isEqualTo("EVENT"));
        assertThat(leads(creative)).extracting(Lead::id).containsExactlyInAnyOrderElementsOf(ofCreative);
        assertThat(leads(creative)).allSatisfy(l -> assertThat(l.creativeId()).isEqualTo("241257736"));
    }

    private static List<Lead> leads(MockEndpoint mock) {
        return mock.getExchanges().stream().flatMap(e -> e.getMessage().getBody(List.class).stream()).map(Lead.class::cast).toList();
    }
}
