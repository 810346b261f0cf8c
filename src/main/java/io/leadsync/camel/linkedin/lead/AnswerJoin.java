package io.leadsync.camel.linkedin.lead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.model.Answer;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.QuestionOption;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;

/** Joins one answer of a lead with its question of the form version; every problem becomes a field error (LGF-111). */
final class AnswerJoin {

    private AnswerJoin() {
    }

    static LeadAnswer join(String key, LeadFormQuestion question, Answer answer, VersionedLeadGenFormUrn urn, List<FieldError> errors) {
        String questionText = question.question() == null ? null : question.question().text();
        var details = answer.details();
        if (details != null && details.multipleChoiceAnswer() != null) {
            List<Integer> picked = details.multipleChoiceAnswer().options() == null ? List.of() : details.multipleChoiceAnswer().options();
            if (!question.isMultipleChoice()) {
                errors.add(new FieldError(key, "multiple-choice answer to question " + question.questionId()
                        + ", which is a text question on form version " + urn));
                return new LeadAnswer(question.questionId(), key, question.predefinedField(), question.name(), question.label(),
                        questionText, joinIds(picked), picked, List.of());
            }
            Map<Integer, String> labels = new LinkedHashMap<>();
            List<QuestionOption> options = question.questionDetails().multipleChoiceQuestionDetails().options();
            for (QuestionOption option : options == null ? List.<QuestionOption>of() : options) {
                if (option != null && option.id() != null) {
                    labels.put(option.id(), option.text() == null ? String.valueOf(option.id()) : option.text().text());
                }
            }
            List<Integer> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Integer id : picked) {
                if (labels.containsKey(id)) {
                    ids.add(id);
                    names.add(labels.get(id));
                } else {
                    errors.add(new FieldError(key, "option id " + id + " is not an option of question " + question.questionId()
                            + " on form version " + urn));
                }
            }
            return new LeadAnswer(question.questionId(), key, question.predefinedField(), question.name(), question.label(),
                    questionText, names.isEmpty() ? null : String.join(LeadAnswer.OPTION_SEPARATOR, names), ids, names);
        }
        String value = details == null || details.textQuestionAnswer() == null ? null : details.textQuestionAnswer().answer();
        if (value != null && question.isMultipleChoice()) {
            errors.add(new FieldError(key, "text answer to question " + question.questionId()
                    + ", which is a multiple-choice question on form version " + urn));
        }
        Integer max = maxResponseLength(question);
        if (value != null && max != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(key, "answer is " + value.codePointCount(0, value.length())
                    + " characters, over the maxResponseLength " + max + " of question " + question.questionId()
                    + "; kept the first " + max));
            value = value.substring(0, value.offsetByCodePoints(0, max));
        }
        return new LeadAnswer(question.questionId(), key, question.predefinedField(), question.name(), question.label(),
                questionText, value, List.of(), List.of());
    }

    /** An answer no question of the form version claims: kept by its key, with the name LinkedIn sent, if any. */
    static LeadAnswer unjoined(String key, Answer answer) {
        var details = answer.details();
        if (details != null && details.multipleChoiceAnswer() != null && details.multipleChoiceAnswer().options() != null) {
            List<Integer> ids = details.multipleChoiceAnswer().options();
            return new LeadAnswer(answer.questionId(), key, null, answer.name(), null, null, joinIds(ids), ids, List.of());
        }
        String value = details == null || details.textQuestionAnswer() == null ? null : details.textQuestionAnswer().answer();
        return new LeadAnswer(answer.questionId(), key, null, answer.name(), null, null, value, List.of(), List.of());
    }

    private static Integer maxResponseLength(LeadFormQuestion question) {
        return question.questionDetails() == null || question.questionDetails().textQuestionDetails() == null
                ? null : question.questionDetails().textQuestionDetails().maxResponseLength();
    }

    private static String joinIds(List<Integer> ids) {
        List<String> texts = new ArrayList<>();
        ids.forEach(id -> texts.add(String.valueOf(id)));
        return texts.isEmpty() ? null : String.join(LeadAnswer.OPTION_SEPARATOR, texts);
    }
}
