package io.leadsync.camel.linkedin.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.leadsync.camel.linkedin.model.Consent;
import io.leadsync.camel.linkedin.model.HiddenField;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LocalizedString;
import io.leadsync.camel.linkedin.model.QuestionOption;

/**
 * The normalized schema of one lead form version (LGF-102 … LGF-106): its predefined fields, its custom questions
 * with their options, its hidden fields and its consent texts. Keys are LinkedIn's language-neutral ones
 * ({@code predefinedField}, {@code questionId}, hidden field names, consent ids); texts are the {@code en_US} ones
 * when the form has them, else the form's first locale.
 *
 * @param formId           the form id
 * @param versionId        the version described
 * @param name             the form name
 * @param state            DRAFT, PUBLISHED or ARCHIVED
 * @param ownerUrn         the ad account or organization owning the form
 * @param locale           the creation locale, e.g. {@code en_US}, or {@code null}
 * @param predefinedFields the predefined questions, in form order
 * @param customQuestions  the custom questions, in form order
 * @param hiddenFields     the hidden fields and their values
 * @param consents         the consent check boxes
 * @param privacyPolicyUrl the privacy policy link, or {@code null}
 * @param legalDisclaimer  the disclaimer text, or {@code null}
 */
public record FormDescription(long formId, long versionId, String name, String state, String ownerUrn, String locale,
        List<PredefinedField> predefinedFields, List<CustomQuestion> customQuestions, List<HiddenField> hiddenFields,
        List<ConsentText> consents, String privacyPolicyUrl, String legalDisclaimer) {

    public FormDescription {
        predefinedFields = List.copyOf(predefinedFields);
        customQuestions = List.copyOf(customQuestions);
        hiddenFields = List.copyOf(hiddenFields);
        consents = List.copyOf(consents);
    }

    /**
     * A predefined question: LinkedIn fills it from the member's profile.
     *
     * @param predefinedField LinkedIn's field name ({@code WORK_EMAIL}, …; an open set)
     * @param questionId      the question id answers carry
     * @param label           the label shown to the member
     * @param required        whether the member must answer
     */
    public record PredefinedField(String predefinedField, long questionId, String label, boolean required) {
    }

    /**
     * A custom question.
     *
     * @param questionId        the question id answers carry (the mapping key)
     * @param name              LinkedIn's internal name of the question
     * @param text              the question as shown
     * @param required          whether the member must answer
     * @param multipleChoice    whether it is answered by picking options
     * @param maxResponseLength a free-text answer's limit, or {@code null}
     * @param options           the options of a multiple-choice question, in order (empty for free text)
     */
    public record CustomQuestion(long questionId, String name, String text, boolean required, boolean multipleChoice,
            Integer maxResponseLength, List<Option> options) {
        public CustomQuestion {
            options = List.copyOf(options);
        }
    }

    /** One option of a multiple-choice question: answers carry its {@code id}. */
    public record Option(int id, String text) {
    }

    /** A consent check box: leads answer it by {@code id}. */
    public record ConsentText(long id, String text, boolean checkRequired) {
    }

    /** Describes one form version. */
    public static FormDescription of(LeadForm form) {
        Objects.requireNonNull(form, "form");
        if (form.id() == null || form.versionId() == null) {
            throw new IllegalArgumentException("A form to describe needs its id and versionId");
        }
        List<PredefinedField> predefined = new ArrayList<>();
        List<CustomQuestion> custom = new ArrayList<>();
        for (LeadFormQuestion q : form.questions()) {
            long questionId = q.questionId() == null ? -1 : q.questionId();
            boolean required = Boolean.TRUE.equals(q.responseRequired());
            if (!q.isCustom()) {
                predefined.add(new PredefinedField(q.predefinedField(), questionId, q.label() != null ? q.label() : text(q.question()), required));
                continue;
            }
            List<Option> options = new ArrayList<>();
            if (q.isMultipleChoice() && q.questionDetails().multipleChoiceQuestionDetails().options() != null) {
                for (QuestionOption o : q.questionDetails().multipleChoiceQuestionDetails().options()) {
                    options.add(new Option(o.id() == null ? -1 : o.id(), text(o.text())));
                }
            }
            Integer maxLength = q.questionDetails() != null && q.questionDetails().textQuestionDetails() != null
                    ? q.questionDetails().textQuestionDetails().maxResponseLength() : null;
            custom.add(new CustomQuestion(questionId, q.name(), text(q.question()) != null ? text(q.question()) : q.label(), required,
                    q.isMultipleChoice(), maxLength, options));
        }
        List<ConsentText> consents = new ArrayList<>();
        for (Consent c : form.consents()) {
            consents.add(new ConsentText(c.id() == null ? -1 : c.id(), text(c.consent()), Boolean.TRUE.equals(c.checkRequired())));
        }
        var legal = form.content() == null ? null : form.content().legalInfo();
        String locale = form.creationLocale() == null ? null
                : form.creationLocale().language() + (form.creationLocale().country() == null ? "" : "_" + form.creationLocale().country());
        return new FormDescription(form.id(), form.versionId(), form.name(), form.state(), form.owner() == null ? null : form.owner().urn(),
                locale, predefined, custom, form.hiddenFields() == null ? List.of() : form.hiddenFields(), consents,
                legal == null ? null : legal.privacyPolicyUrl(), legal == null ? null : text(legal.legalDisclaimer()));
    }

    private static String text(LocalizedString s) {
        return s == null ? null : s.text();
    }
}
