package io.leadsync.camel.linkedin.lead;

import java.util.List;

/**
 * One answer of a lead joined with its question from the exact form version the lead was submitted on.
 *
 * @param questionId the question id
 * @param key the key the lead's answers are indexed by: the {@code predefinedField} of a predefined question, else the
 *            question id as a decimal string
 * @param predefinedField the predefined field ({@code WORK_EMAIL}, …), {@code null} on custom questions
 * @param name the question's {@code name}
 * @param label the question's {@code label}
 * @param questionText the question as the member read it (en_US when present)
 * @param value the text answer, or the labels of the picked options joined with {@code "; "}
 * @param optionIds the ids of the picked options (empty for text answers)
 * @param optionLabels the labels of the picked options (empty for text answers)
 */
public record LeadAnswer(Long questionId, String key, String predefinedField, String name, String label, String questionText,
        String value, List<Integer> optionIds, List<String> optionLabels) {

    /** The separator between option labels of a multiple-choice answer. */
    public static final String OPTION_SEPARATOR = "; ";

    public LeadAnswer {
        optionIds = optionIds == null ? List.of() : List.copyOf(optionIds);
        optionLabels = optionLabels == null ? List.of() : List.copyOf(optionLabels);
    }

    /** Whether this answers a multiple-choice question. */
    public boolean isMultipleChoice() {
        return !optionIds.isEmpty();
    }
}
