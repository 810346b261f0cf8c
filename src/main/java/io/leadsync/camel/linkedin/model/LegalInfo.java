package io.leadsync.camel.linkedin.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
/** Privacy policy, disclaimer and consents of a lead form. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegalInfo(Long legalInfoId, String privacyPolicyUrl, LocalizedString legalDisclaimer, List<Consent> consents) {}
