package io.leadsync.camel.linkedin.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A lead gen form ({@code /rest/leadForms}) at one version. Editing a published form creates a new {@code versionId};
 * leads name the version they were submitted on through {@link VersionedLeadGenFormUrn}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadForm(Long id, String name, String state, Long versionId, LeadOwner owner, CreationLocale creationLocale,
        List<HiddenField> hiddenFields, LeadFormContent content, Long created, Long lastModified, JsonNode reviewInfo) {

    @JsonIgnore
    public VersionedLeadGenFormUrn versionedUrn() {
        return new VersionedLeadGenFormUrn(id, versionId);
    }

    /** The questions of this version, never {@code null}. */
    @JsonIgnore
    public List<LeadFormQuestion> questions() {
        return content == null || content.questions() == null ? List.of() : content.questions();
    }

    /** The consents of this version, never {@code null}. */
    @JsonIgnore
    public List<Consent> consents() {
        return content == null || content.legalInfo() == null || content.legalInfo().consents() == null
                ? List.of() : content.legalInfo().consents();
    }
}
