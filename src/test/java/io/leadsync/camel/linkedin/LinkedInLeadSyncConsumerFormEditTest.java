package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAnswer;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormContent;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LocalizedString;
import io.leadsync.camel.linkedin.model.QuestionDetails;
import io.leadsync.camel.linkedin.model.TextQuestionDetails;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * A published form edited between two leads gets a new version; each lead is joined with the version it names, from
 * the enrichment projection (no GET leadForms), never with the form's current version.
 */
class LinkedInLeadSyncConsumerFormEditTest extends LinkedInTestSupport {

    private static final String BUDGET = "What is your budget for this quarter?";

    private final LinkedInApi api = directApi();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&formIds=" + WHITEPAPER_FORM)).routeId("leads")
                        .autoStartup(false).to("mock:leads");
            }
        };
    }

    @Test
    void oneReadOfLeadsOnTwoVersionsJoinsEachWithItsOwnVersion() throws Exception {
        String before = sandbox.submitLeads(WHITEPAPER_FORM, 1, false).get(0);
        LeadForm old = api.leadForm(WHITEPAPER_FORM);
        LeadForm edited = addARequiredQuestion(old);
        String after = sandbox.submitLeads(WHITEPAPER_FORM, 1, false).get(0);
        sandbox.resetStats();

        context.getRouteController().startRoute("leads");
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("leads").lastPollAt() != null);

        assertJoinedWithItsVersion(lead(mock, before), old, edited);
        assertJoinedWithItsVersion(lead(mock, after), edited, old);
        assertThat(sandbox.stats().calls("GET leadForms")).as("form versions come with the leads").isZero();
    }

    @Test
    void aLeadOnTheNewVersionIsNotJoinedWithTheVersionThePollerAlreadyKnows() throws Exception {
        String before = sandbox.submitLeads(WHITEPAPER_FORM, 1, false).get(0);
        context.getRouteController().startRoute("leads");
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> idsOf(leadsOf(mock)).contains(before));

        LeadForm old = api.leadForm(WHITEPAPER_FORM);
        LeadForm edited = addARequiredQuestion(old);
        long formCalls = sandbox.stats().calls("GET leadForms");
        String after = sandbox.submitLeads(WHITEPAPER_FORM, 1, false).get(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> idsOf(leadsOf(mock)).contains(after));

        assertJoinedWithItsVersion(lead(mock, before), old, edited);
        assertJoinedWithItsVersion(lead(mock, after), edited, old);
        assertThat(sandbox.stats().calls("GET leadForms")).isEqualTo(formCalls);
        assertThat(idsOf(leadsOf(mock))).doesNotHaveDuplicates();
    }

    /** PARTIAL_UPDATEs the form's content with one more (required, custom) question; returns the new version. */
    private LeadForm addARequiredQuestion(LeadForm form) {
        List<LeadFormQuestion> questions = new ArrayList<>(form.questions());
        questions.add(new LeadFormQuestion(null, "Budget", "budget", LocalizedString.of("en_US", BUDGET), null, true,
                new QuestionDetails(new TextQuestionDetails(120), null)));
        LeadFormContent content = form.content();
        api.updateLeadForm(form.id(), Map.of("content", new LeadFormContent(content.headline(), content.description(), questions,
                content.legalInfo(), content.postSubmissionInfo())));
        LeadForm edited = api.leadForm(form.id());
        assertThat(edited.versionId()).isEqualTo(form.versionId() + 1);
        assertThat(edited.questions()).hasSize(form.questions().size() + 1);
        return edited;
    }

    private static void assertJoinedWithItsVersion(Lead lead, LeadForm version, LeadForm other) {
        assertThat(lead.formVersion()).isEqualTo(version.versionId());
        assertThat(lead.fieldErrors()).isEmpty();
        Map<Long, LeadFormQuestion> questions = version.questions().stream()
                .collect(Collectors.toMap(LeadFormQuestion::questionId, q -> q));
        assertThat(lead.answers()).isNotEmpty();
        for (Map.Entry<String, LeadAnswer> entry : lead.answers().entrySet()) {
            LeadFormQuestion question = questions.get(entry.getValue().questionId());
            assertThat(question).as("answer %s is to a question of version %s", entry.getKey(), version.versionId()).isNotNull();
            assertThat(entry.getKey()).isEqualTo(question.isCustom() ? String.valueOf(question.questionId()) : question.predefinedField());
            assertThat(entry.getValue().questionText()).isEqualTo(question.question().text());
        }
        Set<Long> onlyHere = version.questions().stream().map(LeadFormQuestion::questionId).collect(Collectors.toSet());
        other.questions().forEach(q -> onlyHere.remove(q.questionId()));
        Set<Long> notHere = other.questions().stream().map(LeadFormQuestion::questionId).collect(Collectors.toSet());
        version.questions().forEach(q -> notHere.remove(q.questionId()));
        for (Long id : onlyHere) {
            // the added question is required: the lead on the new version answers it
            assertThat(lead.answers().get(String.valueOf(id))).isNotNull()
                    .satisfies(a -> assertThat(a.questionText()).isEqualTo(BUDGET))
                    .satisfies(a -> assertThat(a.value()).isNotBlank());
        }
        for (Long id : notHere) {
            assertThat(lead.answers()).doesNotContainKey(String.valueOf(id));
        }
    }

    private static Lead lead(MockEndpoint mock, String id) {
        return leadsOf(mock).stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("lead " + id + " was not delivered"));
    }
}
