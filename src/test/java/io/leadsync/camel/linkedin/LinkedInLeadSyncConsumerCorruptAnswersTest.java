package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.lead.FieldError;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAnswer;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Leads with broken answers among good ones (LGF-111): every lead is delivered; a broken answer becomes a field error
 * naming the field and the reason, and the lead's other answers are kept as they are.
 */
class LinkedInLeadSyncConsumerCorruptAnswersTest extends LinkedInTestSupport {

    // on version 3 of the whitepaper form: the multiple-choice question (options 0-2) and the first text question (max 300)
    private static final long CHOICE_QUESTION = 707234246L;
    private static final String FIRST_TEXT_FIELD = "FIRST_NAME";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&formIds=" + WHITEPAPER_FORM)).routeId("leads").to("mock:leads");
            }
        };
    }

    @Test
    void brokenAnswersBecomeFieldErrorsAndEveryLeadIsDelivered() throws Exception {
        LeadForm form = directApi().leadForm(WHITEPAPER_FORM);
        long strayQuestion = form.questions().stream().mapToLong(LeadFormQuestion::questionId).max().orElseThrow() + 1_000_000L;
        List<String> ids = sandbox.submitLeads(WHITEPAPER_FORM, 6, false, 2);
        List<String> corrupt = ids.subList(0, 2);
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> idsOf(leadsOf(mock)).containsAll(ids));

        List<Lead> leads = leadsOf(mock).stream().filter(l -> ids.contains(l.id())).toList();
        assertThat(idsOf(leads)).containsExactlyInAnyOrderElementsOf(ids);
        for (Lead lead : leads) {
            if (!corrupt.contains(lead.id())) {
                assertThat(lead.fieldErrors()).as("good lead %s", lead.id()).isEmpty();
                assertThat(lead.answers().get(String.valueOf(CHOICE_QUESTION)).optionLabels()).hasSize(1);
                continue;
            }
            assertThat(lead.fieldErrors()).extracting(FieldError::field)
                    .containsExactlyInAnyOrder(String.valueOf(CHOICE_QUESTION), FIRST_TEXT_FIELD, String.valueOf(strayQuestion));
            assertThat(error(lead, String.valueOf(CHOICE_QUESTION)).message())
                    .contains("is not an option of question " + CHOICE_QUESTION, "form version");
            assertThat(error(lead, FIRST_TEXT_FIELD).message()).contains("over the maxResponseLength 300", "kept the first 300");
            assertThat(error(lead, String.valueOf(strayQuestion)).message()).contains("which is not on form version");

            Map<Long, String> rawTexts = rawTextAnswers(lead);
            LeadAnswer choice = lead.answers().get(String.valueOf(CHOICE_QUESTION));
            assertThat(choice.optionIds()).isEmpty();
            assertThat(choice.value()).isNull();
            LeadAnswer firstText = lead.answers().get(FIRST_TEXT_FIELD);
            assertThat(rawTexts.get(firstText.questionId())).hasSizeGreaterThan(300).startsWith(firstText.value());
            assertThat(firstText.value()).hasSize(300);
            assertThat(lead.answers().get(String.valueOf(strayQuestion)).value()).isEqualTo(rawTexts.get(strayQuestion));
            // the other answers are intact: exactly what the member sent, joined with their questions
            lead.answers().values().stream()
                    .filter(a -> a.questionId() != CHOICE_QUESTION && !a.key().equals(FIRST_TEXT_FIELD) && a.questionId() != strayQuestion)
                    .forEach(a -> {
                        assertThat(a.value()).isEqualTo(rawTexts.get(a.questionId()));
                        assertThat(a.questionText()).isNotBlank();
                    });
            assertThat(lead.answers().get("WORK_EMAIL").value()).contains("@");
        }
    }

    private static FieldError error(Lead lead, String field) {
        return lead.fieldErrors().stream().filter(e -> e.field().equals(field)).findFirst().orElseThrow();
    }

    private static Map<Long, String> rawTextAnswers(Lead lead) throws Exception {
        Map<Long, String> texts = new java.util.HashMap<>();
        for (JsonNode answer : JSON.readTree(lead.raw()).path("formResponse").path("answers")) {
            JsonNode text = answer.path("answerDetails").path("textQuestionAnswer").path("answer");
            if (text.isTextual()) {
                texts.put(answer.get("questionId").asLong(), text.asText());
            }
        }
        return texts;
    }
}
