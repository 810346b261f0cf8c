package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Either text or multiple-choice details of a question. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuestionDetails(TextQuestionDetails textQuestionDetails, MultipleChoiceQuestionDetails multipleChoiceQuestionDetails) {}
