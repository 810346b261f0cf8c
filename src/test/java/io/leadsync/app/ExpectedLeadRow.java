package io.leadsync.app;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.lead.LeadAnswer;
import io.leadsync.camel.linkedin.model.Answer;
import io.leadsync.camel.linkedin.model.ConsentResponse;
import io.leadsync.camel.linkedin.model.Event;
import io.leadsync.camel.linkedin.model.HiddenField;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.QuestionOption;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;

/**
 * The row a lead must become in its form's table, worked out from LinkedIn's side only: the lead as
 * {@code GET /rest/leadFormResponses/{id}} returns it, its form version from {@code GET /rest/leadForms/{id}}, and the
 * names of its account, campaign, event and page as LinkedIn lists them. Independent of the connector's normalizer, so
 * a mapping mistake there shows up as a column mismatch.
 */
final class ExpectedLeadRow {

    private ExpectedLeadRow() {
    }

    /**
     * Column name (lower case, as the table has it) → value: Strings, Longs, Booleans, and UTC LocalDateTimes for
     * timestamps.
     *
     * @param linkedIn a client on the sandbox with its own token
     * @param world the sandbox's world (page names: LinkedIn's contract has no organization lookup)
     * @param leadId the lead
     */
    static Map<String, Object> of(LinkedInApi linkedIn, JsonNode world, String leadId) {
        LeadFormResponse lead = linkedIn.leadFormResponse(leadId);
        VersionedLeadGenFormUrn version = lead.versionedForm();
        LeadForm form = linkedIn.leadForm(version.formId());
        if (form.versionId() == null || version.versionId() != form.versionId()) {
            throw new IllegalStateException("Lead " + leadId + " is on version " + version.versionId() + " of form " + version.formId()
                    + ", LinkedIn serves version " + form.versionId() + ": this check expects leads on the current version");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lead_id", lead.id());
        row.put("lead_type", lead.leadType());
        row.put("form_id", version.formId());
        row.put("form_version", version.versionId());
        row.put("form_name", form.name());
        row.put("submitted_at", LocalDateTime.ofInstant(Instant.ofEpochMilli(lead.submittedAt()), ZoneOffset.UTC));
        row.put("test_lead", lead.isTestLead());
        row.put("submitter", lead.submitter());

        String account = lead.owner().sponsoredAccount();
        String organization = lead.owner().organization();
        row.put("account_id", account == null ? null : lastSegment(account));
        row.put("account_name", account == null ? null : linkedIn.adAccount(Long.parseLong(lastSegment(account))).name());
        String campaign = lead.campaignUrn();
        row.put("campaign_id", campaign == null ? null : lastSegment(campaign));
        row.put("campaign_name", campaign == null ? null
                : linkedIn.campaign(Long.parseLong(lastSegment(account)), Long.parseLong(lastSegment(campaign))).name());
        String creative = lead.associatedEntity() == null ? null : lead.associatedEntity().associatedCreative();
        row.put("creative_id", creative == null ? null : lastSegment(creative));
        String event = lead.associatedEntity() == null ? null : lead.associatedEntity().event();
        row.put("event_id", event == null ? null : lastSegment(event));
        row.put("event_name", event == null ? null : eventName(linkedIn, organization, event));
        row.put("organization_id", organization == null ? null : lastSegment(organization));
        row.put("organization_name", organization == null ? null : pageName(world, organization));

        Map<Long, Answer> answers = new LinkedHashMap<>();
        for (Answer answer : lead.formResponse().answers()) {
            answers.put(answer.questionId(), answer);
        }
        Set<String> predefined = new HashSet<>();
        for (LeadFormQuestion question : form.questions()) {
            // a predefined field asked twice is told apart by question id, like a custom question
            boolean byId = question.isCustom() || !predefined.add(question.predefinedField());
            String column = byId ? "q_" + question.questionId() : question.predefinedField().toLowerCase(Locale.ROOT);
            row.put(column, answerText(question, answers.get(question.questionId())));
        }
        for (HiddenField hidden : form.hiddenFields() == null ? List.<HiddenField>of() : form.hiddenFields()) {
            row.put("hidden_" + hidden.name().toLowerCase(Locale.ROOT), hidden.value());
        }
        List<ConsentResponse> consents = lead.formResponse().consentResponses() == null ? List.of() : lead.formResponse().consentResponses();
        for (ConsentResponse consent : consents) {
            row.put("consent_" + consent.consentId(), consent.accepted());
        }
        return row;
    }

    private static String answerText(LeadFormQuestion question, Answer answer) {
        if (answer == null || answer.details() == null) {
            return null;
        }
        if (answer.details().multipleChoiceAnswer() != null) {
            // the option labels the member saw, not LinkedIn's option ids
            List<String> labels = new ArrayList<>();
            for (Integer picked : answer.details().multipleChoiceAnswer().options()) {
                labels.add(question.questionDetails().multipleChoiceQuestionDetails().options().stream()
                        .filter(o -> picked.equals(o.id())).map(QuestionOption::text).findFirst()
                        .orElseThrow(() -> new IllegalStateException("option " + picked + " not on question " + question.questionId()))
                        .text());
            }
            return String.join(LeadAnswer.OPTION_SEPARATOR, labels);
        }
        return answer.details().textQuestionAnswer() == null ? null : answer.details().textQuestionAnswer().answer();
    }

    private static String eventName(LinkedInApi linkedIn, String organizer, String eventUrn) {
        return linkedIn.eventsByOrganizer(organizer).filter(e -> eventUrn.equals(e.urn())).map(Event::name)
                .findFirst().orElseThrow(() -> new IllegalStateException("LinkedIn lists no event " + eventUrn + " of " + organizer)).text();
    }

    private static String pageName(JsonNode world, String organizationUrn) {
        for (JsonNode page : world.path("organizations")) {
            if (organizationUrn.equals(page.path("urn").asText())) {
                return page.path("name").asText();
            }
        }
        throw new IllegalStateException("The sandbox has no page " + organizationUrn);
    }

    private static String lastSegment(String urn) {
        return urn.substring(urn.lastIndexOf(':') + 1);
    }
}
