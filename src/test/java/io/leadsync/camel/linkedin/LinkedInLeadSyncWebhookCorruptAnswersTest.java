package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadsync.camel.linkedin.lead.FieldError;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** A pushed lead with broken answers (LGF-111) is delivered like the poller delivers it: field errors, other answers kept. */
class LinkedInLeadSyncWebhookCorruptAnswersTest extends LinkedInLeadSyncWebhookTestSupport {

    private final Set<Lead> received = ConcurrentHashMap.newKeySet();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, "/linkedin/leads", "owners=" + ACCOUNT + "&leadTypes=SPONSORED&unregisterOnStop=true"))
                        .routeId("webhook").process(e -> e.getMessage().getBody(List.class).forEach(l -> received.add((Lead) l)));
            }
        };
    }

    @Test
    void aPushedLeadWithBrokenAnswersCarriesFieldErrorsAndItsGoodAnswers() {
        awaitRegistered(context);
        List<String> ids = sandbox.submitLeads(WHITEPAPER_FORM, 3, true, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().map(Lead::id).toList().containsAll(ids));

        for (Lead lead : received.stream().filter(l -> ids.contains(l.id())).toList()) {
            assertThat(lead.source()).isEqualTo(LeadSource.WEBHOOK);
            assertThat(lead.answers().get("WORK_EMAIL").value()).contains("@");
            if (!lead.id().equals(ids.get(0))) {
                assertThat(lead.fieldErrors()).isEmpty();
                continue;
            }
            assertThat(lead.fieldErrors()).hasSize(3).extracting(FieldError::field).contains("707234246", "FIRST_NAME");
            assertThat(lead.fieldErrors()).extracting(FieldError::message).anyMatch(m -> m.contains("is not an option of question"))
                    .anyMatch(m -> m.contains("over the maxResponseLength 300")).anyMatch(m -> m.contains("which is not on form version"));
            assertThat(lead.answers().get("FIRST_NAME").value()).hasSize(300);
            assertThat(lead.answers().get("LAST_NAME").value()).isNotBlank();
        }
    }
}
