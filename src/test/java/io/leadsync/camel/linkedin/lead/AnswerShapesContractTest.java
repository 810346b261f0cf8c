package io.leadsync.camel.linkedin.lead;

import static io.leadsync.camel.linkedin.lead.LeadFixtures.MAPPER;
import static io.leadsync.camel.linkedin.lead.LeadFixtures.pageLead;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.camel.linkedin.model.Answer;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormContent;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LocalizedString;
import io.leadsync.camel.linkedin.model.QuestionDetails;
import io.leadsync.camel.linkedin.model.TextQuestionDetails;
import org.junit.jupiter.api.Test;

/**
 * The two shapes of a lead's answers give the same normalized lead: {@code answerDetails} as {@code linkedin-api.md}
 * and the sandbox send it, and {@code name} + {@code accepted} as LinkedIn's Lead Sync guide shows it (the seed
 * documents). Unknown fields stay tolerated in both.
 */
class AnswerShapesContractTest {

    /** The guide's example lead, verbatim: answers with made-up question ids, a name, and {@code accepted}. */
    private static final String GUIDE_LEAD = """
            {
              "id": "aaaabbbb-0000-cccc-1111-dddd2222eeee-5",
              "leadType": "SPONSORED",
              "owner": {"sponsoredAccount": "urn:li:sponsoredAccount:522529623"},
              "submitter": "urn:li:person:MpGcnvaU_p",
              "submittedAt": 1686182358881,
              "testLead": false,
              "leadMetadata": {"sponsoredLeadMetadata": {"campaign": "urn:li:sponsoredCampaign:367378525"}},
              "formResponse": {
                "answers": [
                  {"questionId": 1, "name": "firstName", "accepted": {"textQuestionAnswer": {"answer": "John"}}},
                  {"questionId": 2, "name": "lastName", "accepted": {"textQuestionAnswer": {"answer": "Smith"}}},
                  {"questionId": 3, "name": "email", "accepted": {"textQuestionAnswer": {"answer": "john.smith@company.com"}}}
                ],
                "consentResponses": [{"consentId": 1, "accepted": true}]
              }
            }
            """;

    @Test
    void theGuidesAcceptedShapeGivesTheSameLeadAsAnswerDetails() {
        JsonNode documented = pageLead(0);
        JsonNode guide = reshape(documented, (answer) -> {
            ObjectNode a = answer.deepCopy();
            a.set("accepted", a.remove("answerDetails"));
            a.put("name", question(a.get("questionId").asLong()).label());
            return a;
        });
        assertThat(guide.toString()).doesNotContain("answerDetails").contains("\"accepted\":{\"textQuestionAnswer\"");

        Lead fromDocumented = normalize(documented);
        Lead fromGuide = normalize(guide);

        assertSameLead(fromGuide, fromDocumented);
        assertThat(fromGuide.fieldErrors()).isEmpty();
        assertThat(fromGuide.field("WORK_EMAIL")).isEqualTo("Amara.Okafor@Contoso.example");
        assertThat(fromGuide.answers().get("707234246").optionLabels()).containsExactly("More than 20");
    }

    @Test
    void answersThatNameTheirQuestionWithoutAnIdAreJoinedByTheQuestionsNameOrLabel() {
        JsonNode documented = pageLead(0);
        JsonNode byName = reshape(documented, (answer) -> {
            ObjectNode a = answer.deepCopy();
            LeadFormQuestion question = question(a.remove("questionId").asLong());
            // the guide's names look like the fixture's labels (firstName); a question's name is matched as well
            a.put("name", question.isCustom() ? question.name() : question.label());
            a.set("accepted", a.remove("answerDetails"));
            return a;
        });

        Lead lead = normalize(byName);

        assertSameLead(lead, normalize(documented));
        assertThat(lead.answers().get("FIRST_NAME").questionId()).isEqualTo(307234246L);
        assertThat(lead.answers().get("707234247").value()).isEqualTo("Stitching ad data to CRM, \"fast\"; 日本語 too");
    }

    @Test
    void theGuidesExampleLeadReadsInBothShapesAlikeWithAndWithoutItsFormVersion() throws Exception {
        JsonNode guide = MAPPER.readTree(GUIDE_LEAD);
        JsonNode documented = reshape(guide, (answer) -> {
            ObjectNode a = answer.deepCopy();
            a.set("answerDetails", a.remove("accepted"));
            a.remove("name");
            return a;
        });

        // the example names no form version: its answers are kept by question id, with the name LinkedIn sent
        Lead alone = normalize(guide);
        assertSameLead(alone, normalize(documented), "answers");
        assertThat(alone.fieldErrors()).extracting(FieldError::field).containsExactly("form");
        assertThat(alone.answers()).containsOnlyKeys("1", "2", "3");
        assertThat(alone.answers().get("1")).isEqualTo(new LeadAnswer(1L, "1", null, "firstName", null, null, "John", List.of(), List.of()));
        assertThat(alone.field("3")).isEqualTo("john.smith@company.com");
        assertThat(alone.consents()).singleElement().satisfies(c -> assertThat(c.accepted()).isTrue());

        // with a version whose questions 1, 2, 3 are first name, last name and email, both join the same way
        FakeLeadContext context = new FakeLeadContext().form(guideForm());
        ObjectNode versioned = guide.deepCopy();
        versioned.put("versionedLeadGenFormUrn", "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:4242,1)");
        ObjectNode versionedDocumented = documented.deepCopy();
        versionedDocumented.put("versionedLeadGenFormUrn", "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:4242,1)");
        Lead joined = normalize(new LeadNormalizer(context), versioned);
        assertSameLead(joined, normalize(new LeadNormalizer(context), versionedDocumented));
        assertThat(joined.fieldErrors()).isEmpty();
        assertThat(joined.answers()).containsOnlyKeys("FIRST_NAME", "LAST_NAME", "EMAIL");
        assertThat(joined.field("FIRST_NAME")).isEqualTo("John");
        assertThat(joined.field("LAST_NAME")).isEqualTo("Smith");
        assertThat(joined.field("EMAIL")).isEqualTo("john.smith@company.com");
    }

    @Test
    void unknownFieldsAndAStrayAcceptedValueAreToleratedInTheGuidesShape() throws Exception {
        ObjectNode guide = (ObjectNode) MAPPER.readTree(GUIDE_LEAD);
        ObjectNode first = (ObjectNode) guide.at("/formResponse/answers/0");
        first.put("answerType", "TEXT");
        ((ObjectNode) first.get("accepted")).put("answeredAt", 1686182358000L);
        ((ObjectNode) first.at("/accepted/textQuestionAnswer")).put("language", "en");
        // "accepted" is a boolean on consents; on an answer it is no answer, not a failed lead
        ((ObjectNode) guide.at("/formResponse/answers/1")).put("accepted", true);

        LeadFormResponse raw = LeadFixtures.response(guide);
        assertThat(raw.formResponse().answers()).extracting(Answer::name).containsExactly("firstName", "lastName", "email");
        assertThat(raw.formResponse().answers().get(0).details().textQuestionAnswer().answer()).isEqualTo("John");
        assertThat(raw.formResponse().answers().get(1).details()).isNull();

        Lead lead = normalize(guide);
        assertThat(lead.field("1")).isEqualTo("John");
        assertThat(lead.answers().get("2").value()).isNull();
        assertThat(lead.field("3")).isEqualTo("john.smith@company.com");
    }

    @Test
    void whenBothShapesAreSentTheDocumentedOneWins() {
        JsonNode both = reshape(pageLead(0), (answer) -> {
            ObjectNode a = answer.deepCopy();
            a.putObject("accepted").putObject("textQuestionAnswer").put("answer", "from accepted");
            return a;
        });

        assertSameLead(normalize(both), normalize(pageLead(0)));
    }

    /** The lead with each answer replaced. */
    private static JsonNode reshape(JsonNode lead, Function<JsonNode, JsonNode> answer) {
        ObjectNode copy = lead.deepCopy();
        var answers = MAPPER.createArrayNode();
        lead.at("/formResponse/answers").forEach(a -> answers.add(answer.apply(a)));
        ((ObjectNode) copy.get("formResponse")).set("answers", answers);
        return copy;
    }

    private static LeadFormQuestion question(long id) {
        return LeadFixtures.formV3().questions().stream().filter(q -> q.questionId() == id).findFirst().orElseThrow();
    }

    private static Lead normalize(JsonNode json) {
        return normalize(new LeadNormalizer(LeadFixtures.context()), json);
    }

    private static Lead normalize(LeadNormalizer normalizer, JsonNode json) {
        return LeadFixtures.normalize(normalizer, json);
    }

    /** Every normalized field equal; only the raw JSON differs (and {@code ignored}). */
    private static void assertSameLead(Lead actual, Lead expected, String... ignored) {
        String[] fields = new String[ignored.length + 1];
        fields[0] = "raw";
        System.arraycopy(ignored, 0, fields, 1, ignored.length);
        assertThat(actual).usingRecursiveComparison().ignoringFields(fields).isEqualTo(expected);
    }

    /** Version 1 of a form 4242 with the guide's three questions. */
    private static LeadForm guideForm() {
        List<LeadFormQuestion> questions = List.of(
                text(1L, "First name", "firstName", "FIRST_NAME"),
                text(2L, "Last name", "lastName", "LAST_NAME"),
                text(3L, "Email", "email", "EMAIL"));
        LeadForm v3 = LeadFixtures.formV3();
        return new LeadForm(4242L, "Guide form", "PUBLISHED", 1L, v3.owner(), v3.creationLocale(), List.of(),
                new LeadFormContent(null, null, questions, v3.content().legalInfo(), null), null, null, null);
    }

    private static LeadFormQuestion text(long id, String name, String label, String predefined) {
        return new LeadFormQuestion(id, name, label, LocalizedString.of("en_US", name), predefined, true,
                new QuestionDetails(new TextQuestionDetails(300), null));
    }
}
