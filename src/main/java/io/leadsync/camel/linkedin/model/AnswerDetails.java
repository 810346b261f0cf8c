package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Either a text or a multiple-choice answer ({@code answerDetails}, or {@code accepted} in the guide's shape). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerDetails(TextQuestionAnswer textQuestionAnswer, MultipleChoiceAnswer multipleChoiceAnswer) {}
