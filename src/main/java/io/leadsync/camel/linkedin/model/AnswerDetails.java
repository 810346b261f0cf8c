package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Either a text or a multiple-choice answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerDetails(TextQuestionAnswer textQuestionAnswer, MultipleChoiceAnswer multipleChoiceAnswer) {}
