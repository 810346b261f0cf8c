package io.leadsync.camel.linkedin.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.leadsync.camel.linkedin.dsl.LinkedInLeadSyncEndpointBuilderFactory.LinkedInLeadSyncBuilders;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.sandbox.junit.LinkedInSandboxExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Java RouteBuilder written with the endpoint DSL, against the sandbox: the poller and a producer. */
class LinkedInLeadSyncEndpointDslRouteTest extends CamelTestSupport {

    @RegisterExtension
    static LinkedInSandboxExtension linkedin = LinkedInSandboxExtension.builder().leads(40).build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        linkedin.configure(context);
        return context;
    }

    /** Implementing {@code LinkedInLeadSyncBuilders} gives the route {@code linkedinLeadsync(…)} and the header names. */
    static final class DslRoutes extends RouteBuilder implements LinkedInLeadSyncBuilders {
        @Override
        public void configure() {
            from(linkedinLeadsync("leads").formIds(Long.toString(LinkedInSandboxExtension.WHITEPAPER_FORM)).testLeads("only")
                    .delay(200).initialDelay(0))
                    .routeId("dsl-pull")
                    .setHeader("pageSource", header(linkedinLeadsync().linkedInLeadSource()))
                    .split(body()).to("mock:leads");
            from("direct:forms")
                    .to(linkedinLeadsync("forms").owners(LinkedInLeadSyncEndpointDslTest.ACCOUNT).operation("listForms"));
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new DslRoutes();
    }

    @Test
    void theDslPollerDeliversASubmittedTestLead() {
        MockEndpoint leads = getMockEndpoint("mock:leads");
        String id = linkedin.submitLeads(LinkedInSandboxExtension.WHITEPAPER_FORM, 1, true).get(0);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> leads.getExchanges().stream()
                .anyMatch(e -> id.equals(e.getMessage().getBody(Lead.class).id())));
        assertThat(leads.getExchanges()).allSatisfy(e -> {
            Lead lead = e.getMessage().getBody(Lead.class);
            assertThat(lead.testLead()).as("testLeads=only").isTrue();
            assertThat(lead.formId()).as("formIds").isEqualTo(LinkedInSandboxExtension.WHITEPAPER_FORM);
            assertThat(e.getMessage().getHeader("pageSource")).isEqualTo("POLL");
        });
        assertThat(context.getRoute("dsl-pull").getEndpoint().getEndpointUri()).startsWith("linkedin-leadsync://leads?")
                .contains("delay=200", "testLeads=only");
    }

    @Test
    void theDslProducerListsTheAccountsForms() {
        List<?> forms = template.requestBody("direct:forms", null, List.class);
        assertThat(forms).isNotEmpty().allSatisfy(f -> assertThat(((LeadForm) f).owner().toString()).contains("507857085"));
        assertThat(forms).extracting(f -> ((LeadForm) f).id()).contains(LinkedInSandboxExtension.WHITEPAPER_FORM);
        assertThat(linkedin.stats().total()).isPositive();
    }
}
