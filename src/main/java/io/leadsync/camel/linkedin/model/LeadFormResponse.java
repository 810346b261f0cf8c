package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A lead as LinkedIn returns it ({@code /rest/leadFormResponses}). Answers carry only question ids: the form version
 * named by {@code versionedLeadGenFormUrn} gives them meaning. The {@code *Info} and {@code form} members are present
 * only when the enrichment projection asks for them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
// no is-getters: a @JsonIgnore on isTestLead() would hide the whole "testLead" property when reading
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record LeadFormResponse(String id, String leadType, LeadOwner owner, String submitter, Long submittedAt, Boolean testLead,
        String versionedLeadGenFormUrn, AssociatedEntity associatedEntity, LeadMetadata leadMetadata, FormResponse formResponse,
        JsonNode ownerInfo, JsonNode leadMetadataInfo, JsonNode associatedEntityInfo, JsonNode form) {

    @JsonIgnore
    public VersionedLeadGenFormUrn versionedForm() {
        return VersionedLeadGenFormUrn.parse(versionedLeadGenFormUrn);
    }

    @JsonIgnore
    public String campaignUrn() {
        return leadMetadata == null || leadMetadata.sponsoredLeadMetadata() == null ? null : leadMetadata.sponsoredLeadMetadata().campaign();
    }

    public boolean isTestLead() {
        return Boolean.TRUE.equals(testLead);
    }
}
