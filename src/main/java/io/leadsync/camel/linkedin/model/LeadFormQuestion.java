package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A question of a lead form version. {@code predefinedField} (e.g. {@code WORK_EMAIL}) is set on predefined questions
 * and absent on custom ones; mappings key on it, or on {@code questionId}, never on the displayed text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadFormQuestion(Long questionId, String name, String label, LocalizedString question, String predefinedField,
        Boolean responseRequired, QuestionDetails questionDetails) {

    @JsonIgnore
    public boolean isCustom() {
        return predefinedField == null;
    }

    @JsonIgnore
    public boolean isMultipleChoice() {
        return questionDetails != null && questionDetails.multipleChoiceQuestionDetails() != null;
    }
}
