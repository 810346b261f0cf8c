package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An ad creative ({@code /rest/adAccounts/{account}/creatives/{creative urn}}); its id is the URN leads name in
 * {@code associatedEntity.associatedCreative}. {@code content} is kept as JSON: its shape varies by ad format.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Creative(String id, String name, String account, String campaign, String intendedStatus, Boolean isServing,
        JsonNode content) {
}
