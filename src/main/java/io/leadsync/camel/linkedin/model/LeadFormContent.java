package io.leadsync.camel.linkedin.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The visible part of a lead form: headline, questions, legal info. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadFormContent(LocalizedString headline, LocalizedString description, List<LeadFormQuestion> questions,
        LegalInfo legalInfo, JsonNode postSubmissionInfo) {
}
