package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An organization page ({@code GET /rest/organizations/{id}}): the name an operator recognises where the lead APIs
 * only give {@code urn:li:organization:…}.
 *
 * @param id            the organization id
 * @param localizedName the page's name in its default locale
 * @param vanityName    the page's URL slug
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Organization(Long id, String localizedName, String vanityName) {}
