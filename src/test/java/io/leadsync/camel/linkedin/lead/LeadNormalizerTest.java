package io.leadsync.camel.linkedin.lead;

import static io.leadsync.camel.linkedin.lead.LeadFixtures.MAPPER;
import static io.leadsync.camel.linkedin.lead.LeadFixtures.pageLead;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormContent;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LocalizedString;
import io.leadsync.camel.linkedin.model.QuestionDetails;
import io.leadsync.camel.linkedin.model.TextQuestionDetails;
import org.junit.jupiter.api.Test;

/** The normalizer joins each lead with the exact form version it was submitted on, and never throws on bad answers. */
class LeadNormalizerTest {

    @Test
    void normalizesTheV3LeadWithEveryAnswerConsentHiddenFieldAndMetadataName() {
        FakeLeadContext context = LeadFixtures.context();
        JsonNode json = pageLead(0);

        Lead lead = LeadFixtures.normalize(new LeadNormalizer(context), json);

        assertThat(lead.id()).isEqualTo(LeadFixtures.V3_LEAD_ID);
        assertThat(lead.action()).isEqualTo(LeadAction.CREATED);
        assertThat(lead.leadType()).isEqualTo("SPONSORED");
        assertThat(lead.ownerUrn()).isEqualTo("urn:li:sponsoredAccount:507857085");
        assertThat(lead.formId()).isEqualTo(7234246L);
        assertThat(lead.formVersion()).isEqualTo(3L);
        assertThat(lead.formName()).isEqualTo("Northwind whitepaper Q1");
        assertThat(lead.submittedAt()).isEqualTo(1763900000123L);
        assertThat(lead.testLead()).isFalse();
        assertThat(lead.submitter()).isEqualTo("urn:li:person:Kx81LmQ0aZ");
        assertThat(lead.accountId()).isEqualTo("507857085");
        assertThat(lead.accountName()).isEqualTo("Northwind Ads");
        assertThat(lead.campaignId()).isEqualTo("198356826");
        assertThat(lead.campaignName()).isEqualTo("Q1 whitepaper campaign");
        assertThat(lead.creativeId()).isEqualTo("241257736");
        assertThat(lead.organizationId()).isNull();
        assertThat(lead.eventId()).isNull();
        assertThat(lead.source()).isEqualTo(LeadSource.POLL);
        assertThat(lead.raw()).isEqualTo(json.toString());
        assertThat(lead.fieldErrors()).isEmpty();

        assertThat(lead.answers().keySet()).containsExactly("FIRST_NAME", "LAST_NAME", "WORK_EMAIL", "COMPANY_NAME", "JOB_TITLE",
                "COUNTRY", "707234246", "707234247");
        assertThat(lead.answers().get("WORK_EMAIL")).isEqualTo(new LeadAnswer(307234248L, "WORK_EMAIL", "WORK_EMAIL", "Work email",
                "workEmail", "Work email address", "Amara.Okafor@Contoso.example", List.of(), List.of()));
        LeadAnswer teamSize = lead.answers().get("707234246");
        assertThat(teamSize.predefinedField()).isNull();
        assertThat(teamSize.label()).isEqualTo("teamSize");
        assertThat(teamSize.questionText()).isEqualTo("How large is your data team?");
        assertThat(teamSize.value()).isEqualTo("More than 20");
        assertThat(teamSize.optionIds()).containsExactly(2);
        assertThat(teamSize.optionLabels()).containsExactly("More than 20");
        assertThat(lead.answers().get("707234247").value()).isEqualTo("Stitching ad data to CRM, \"fast\"; 日本語 too");

        assertThat(lead.consents()).containsExactly(
                new LeadConsent(0, "I agree to receive the report by email.", true, true),
                new LeadConsent(1, "Send me product news.", false, false));
        assertThat(lead.hiddenFields()).containsExactly(
                java.util.Map.entry("utm_source", "linkedin"), java.util.Map.entry("utm_campaign", "q1-whitepaper"));
        assertThat(context.calls).containsExactly("formVersion(" + LeadFixtures.V3 + ")",
                "accountName(urn:li:sponsoredAccount:507857085)", "campaignName(urn:li:sponsoredCampaign:198356826)");
    }

    @Test
    void readsTheV2TestLeadWithItsOwnV2Form() {
        FakeLeadContext context = LeadFixtures.context();

        Lead lead = LeadFixtures.normalize(new LeadNormalizer(context), pageLead(1));

        assertThat(context.calls).contains("formVersion(" + LeadFixtures.V2 + ")").doesNotContain("formVersion(" + LeadFixtures.V3 + ")");
        assertThat(lead.formVersion()).isEqualTo(2L);
        assertThat(lead.testLead()).isTrue();
        assertThat(lead.answers().keySet()).containsExactly("FIRST_NAME", "LAST_NAME", "WORK_EMAIL", "707234246");
        assertThat(lead.field("707234246")).isEqualTo("1-5");
        // consent 1 exists on the form but the lead did not answer it: not accepted
        assertThat(lead.consents()).extracting(LeadConsent::id, LeadConsent::accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, true), org.assertj.core.groups.Tuple.tuple(1L, false));
        assertThat(lead.fieldErrors()).isEmpty();
    }

    @Test
    void brokenAnswersBecomeFieldErrorsAndTheLeadStillComesOut() {
        ObjectNode json = pageLead(0).deepCopy();
        ArrayNode answers = (ArrayNode) json.at("/formResponse/answers");
        ((ObjectNode) answers.get(6).at("/answerDetails/multipleChoiceAnswer")).set("options", MAPPER.createArrayNode().add(2).add(9));
        ((ObjectNode) answers.get(0).at("/answerDetails/textQuestionAnswer")).put("answer", "A".repeat(310));
        answers.addObject().put("questionId", 999L).putObject("answerDetails").putObject("textQuestionAnswer").put("answer", "orphan");
        ((ArrayNode) json.at("/formResponse/consentResponses")).addObject().put("consentId", 7).put("accepted", true);

        Lead lead = LeadFixtures.normalize(new LeadNormalizer(LeadFixtures.context()), json);

        assertThat(lead.fieldErrors()).extracting(FieldError::field).containsExactly("FIRST_NAME", "707234246", "999", "consent:7");
        assertThat(lead.fieldErrors().get(0).message()).contains("310 characters", "maxResponseLength 300");
        assertThat(lead.fieldErrors().get(1).message()).contains("option id 9", "question 707234246");
        assertThat(lead.fieldErrors().get(2).message()).contains("question 999", "not on form version");
        assertThat(lead.fieldErrors().get(3).message()).contains("consent 7");
        assertThat(lead.fieldErrors()).allSatisfy(e -> assertThat(e.message()).doesNotContain("AAAA", "orphan"));
        // the rest of the lead is intact
        assertThat(lead.field("FIRST_NAME")).isEqualTo("A".repeat(300));
        assertThat(lead.field("707234246")).isEqualTo("More than 20");
        assertThat(lead.answers().get("707234246").optionIds()).containsExactly(2);
        assertThat(lead.field("999")).isEqualTo("orphan");
        assertThat(lead.field("WORK_EMAIL")).isEqualTo("Amara.Okafor@Contoso.example");
        assertThat(lead.consents()).hasSize(3);
    }

    @Test
    void aFormVersionThatCannotBeLoadedGivesAFieldErrorAndKeepsAnswersByQuestionId() {
        FakeLeadContext context = new FakeLeadContext();

        Lead lead = LeadFixtures.normalize(new LeadNormalizer(context), pageLead(0));

        assertThat(lead.fieldErrors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("form");
            assertThat(e.message()).contains(LeadFixtures.V3.toString(), "404 Not Found");
        });
        assertThat(lead.formId()).isEqualTo(7234246L);
        assertThat(lead.formName()).isNull();
        assertThat(lead.field("307234248")).isEqualTo("Amara.Okafor@Contoso.example");
        assertThat(lead.field("707234246")).isEqualTo("2");
        assertThat(lead.consents()).extracting(LeadConsent::accepted).containsExactly(true, false);
    }

    @Test
    void unknownPredefinedFieldsAreKeptAsText() {
        LeadForm v3 = LeadFixtures.formV3();
        List<LeadFormQuestion> questions = new java.util.ArrayList<>(v3.questions());
        questions.set(0, new LeadFormQuestion(307234246L, "Nickname", "nick", LocalizedString.of("en_US", "Nickname"),
                "PREFERRED_NICKNAME", true, new QuestionDetails(new TextQuestionDetails(80), null)));
        LeadFormContent c = v3.content();
        LeadForm changed = new LeadForm(v3.id(), v3.name(), v3.state(), 3L, v3.owner(), v3.creationLocale(), v3.hiddenFields(),
                new LeadFormContent(c.headline(), c.description(), questions, c.legalInfo(), c.postSubmissionInfo()),
                v3.created(), v3.lastModified(), v3.reviewInfo());

        Lead lead = LeadFixtures.normalize(new LeadNormalizer(new FakeLeadContext().form(changed)), pageLead(0));

        assertThat(lead.field("PREFERRED_NICKNAME")).isEqualTo("Amara");
        assertThat(lead.fieldErrors()).isEmpty();
    }

    @Test
    void theEnrichmentProjectionIsPreferredAndTheContextIsNeverCalled() {
        ObjectNode json = pageLead(0).deepCopy();
        ObjectNode form = (ObjectNode) LeadFixtures.json("lead-form.json");
        form.put("name", "Northwind whitepaper (projected)");
        json.set("form", form);
        json.putObject("ownerInfo").putObject("sponsoredAccountInfo").put("name", "Northwind (projected)");
        ObjectNode campaign = json.putObject("leadMetadataInfo").putObject("sponsoredLeadMetadataInfo").putObject("campaign");
        campaign.put("id", "urn:li:sponsoredCampaign:198356826").put("name", "Campaign (projected)");
        json.putObject("associatedEntityInfo").putObject("associatedCreativeInfo").put("id", "urn:li:sponsoredCreative:241257736");
        FakeLeadContext context = new FakeLeadContext();
        CachingLeadContext cache = new CachingLeadContext(context);

        Lead lead = LeadFixtures.normalize(new LeadNormalizer(cache), json);

        assertThat(context.calls).isEmpty();
        assertThat(lead.fieldErrors()).isEmpty();
        assertThat(lead.formName()).isEqualTo("Northwind whitepaper (projected)");
        assertThat(lead.accountName()).isEqualTo("Northwind (projected)");
        assertThat(lead.campaignId()).isEqualTo("198356826");
        assertThat(lead.campaignName()).isEqualTo("Campaign (projected)");
        assertThat(lead.creativeId()).isEqualTo("241257736");
        assertThat(lead.field("707234246")).isEqualTo("More than 20");
        assertThat(lead.hiddenFields()).containsEntry("utm_campaign", "q1-whitepaper");
        // the projected form seeds the cache: the next lead on v3 costs no call
        assertThat(cache.formVersion(LeadFixtures.V3).name()).isEqualTo("Northwind whitepaper (projected)");
        assertThat(cache.formLoads()).isZero();
    }

    @Test
    void anEventLeadGetsItsOrganizationAndEventNames() {
        LeadForm eventForm = new LeadForm(7234300L, "Fabrikam Data Summit registration", "PUBLISHED", 1L,
                io.leadsync.camel.linkedin.model.LeadOwner.organization(2414183), null, null,
                new LeadFormContent(null, null, List.of(
                        question(401, "FIRST_NAME"), question(402, "LAST_NAME"), question(403, "EMAIL")), null, null),
                null, null, null);
        FakeLeadContext context = LeadFixtures.context().form(eventForm);

        JsonNode json = LeadFixtures.json("lead-event.json");
        Lead lead = LeadFixtures.normalize(new LeadNormalizer(context), json);

        assertThat(lead.leadType()).isEqualTo("EVENT");
        assertThat(lead.organizationId()).isEqualTo("2414183");
        assertThat(lead.organizationName()).isEqualTo("Fabrikam");
        assertThat(lead.eventId()).isEqualTo("7301000000000000001");
        assertThat(lead.eventName()).isEqualTo("Fabrikam Data Summit");
        assertThat(lead.accountId()).isNull();
        assertThat(lead.campaignId()).isNull();
        assertThat(lead.field("EMAIL")).isEqualTo("lin.chen@fabrikam.example");
        assertThat(context.calls).doesNotContain("accountName(null)").noneMatch(c -> c.startsWith("campaignName"));
    }

    @Test
    void aDeletedLeadCarriesOnlyWhatTheNotificationSays() {
        Lead lead = Lead.deleted(LeadFixtures.notification("notification-deleted.json"), LeadSource.WEBHOOK);

        assertThat(lead.id()).isEqualTo("c0ffee00-1111-2222-3333-444455556666-2");
        assertThat(lead.action()).isEqualTo(LeadAction.DELETED);
        assertThat(lead.isDeleted()).isTrue();
        assertThat(lead.leadType()).isEqualTo("EVENT");
        assertThat(lead.ownerUrn()).isEqualTo("urn:li:organization:2414183");
        assertThat(lead.formId()).isEqualTo(7234300L);
        assertThat(lead.formVersion()).isEqualTo(1L);
        assertThat(lead.source()).isEqualTo(LeadSource.WEBHOOK);
        assertThat(lead.submittedAt()).isNull();
        assertThat(lead.eventId()).isNull();
        assertThat(lead.answers()).isEmpty();
        assertThat(lead.consents()).isEmpty();
        assertThat(lead.raw()).isNull();
    }

    private static LeadFormQuestion question(long id, String predefinedField) {
        return new LeadFormQuestion(id, predefinedField, null, LocalizedString.of("en_US", predefinedField), predefinedField, true,
                new QuestionDetails(new TextQuestionDetails(300), null));
    }
}
