package io.leadsync.camel.linkedin.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
/** One company element of a `dmpSegments/{id}/companies` batch. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DmpCompany(String action, String companyName, String organizationUrn, String companyWebsiteDomain, String companyEmailDomain, String companyPageUrl, String stockSymbol, List<String> industries, String city, String state, String postalCode, String country) {}
