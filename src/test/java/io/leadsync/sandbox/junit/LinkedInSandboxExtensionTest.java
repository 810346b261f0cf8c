package io.leadsync.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.leadsync.camel.linkedin.lead.Lead;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example a route author copies (README "Testing your routes"): the extension starts a sandbox per class, points
 * the component at it, and the test drives LinkedIn through it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkedInSandboxExtensionTest extends CamelTestSupport {

    @RegisterExtension
    static LinkedInSandboxExtension linkedin = LinkedInSandboxExtension.builder().leads(40).build();

    @Override
    protected org.apache.camel.CamelContext createCamelContext() throws Exception {
        org.apache.camel.CamelContext context = super.createCamelContext();
        linkedin.configure(context);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("linkedin-leadsync:leads?formIds=" + LinkedInSandboxExtension.WHITEPAPER_FORM + "&delay=200&initialDelay=0")
                        .split(body()).to("mock:leads");
            }
        };
    }

    @Test
    @Order(1)
    void theRouteBackFillsAndThenReceivesASubmittedLead() throws Exception {
        MockEndpoint leads = getMockEndpoint("mock:leads");
        String id = linkedin.submitLeads(LinkedInSandboxExtension.WHITEPAPER_FORM, 1, true).get(0);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> leads.getExchanges().stream()
                .anyMatch(e -> id.equals(e.getMessage().getBody(Lead.class).id())));
        Lead lead = leads.getExchanges().stream().map(e -> e.getMessage().getBody(Lead.class)).filter(l -> id.equals(l.id())).findFirst()
                .orElseThrow();
        assertThat(lead.testLead()).isTrue();
        assertThat(lead.formId()).isEqualTo(LinkedInSandboxExtension.WHITEPAPER_FORM);
        assertThat(linkedin.stats().calls("FINDER leadFormResponses", 200)).as("the sandbox saw the poll").isPositive();
    }

    @Test
    @Order(2)
    void aTestMayBreakLinkedIn() {
        linkedin.faults().serverErrorRate(1.0);
        assertThat(linkedin.properties()).containsEntry("camel.component.linkedin-leadsync.rest-base-url", linkedin.sandbox().restBaseUrl())
                .containsEntry("camel.component.linkedin-leadsync.client-id", linkedin.sandbox().clientId());
    }

    @Test
    @Order(3)
    void theNextTestStartsWithoutTheFaultAndWithFreshStats() {
        // with the previous test's fault left in place every call would answer 500
        List<?> accounts = template.requestBody("linkedin-leadsync:accounts?operation=listAdAccounts", null, List.class);
        assertThat(accounts).isNotEmpty();
        assertThat(linkedin.stats().total()).isPositive();
    }
}
