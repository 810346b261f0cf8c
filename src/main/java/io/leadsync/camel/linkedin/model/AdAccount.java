package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** An ad account ({@code /rest/adAccounts}); {@code reference} is the organization page it advertises for. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdAccount(Long id, String name, String currency, String type, String status, String reference, Boolean test) {

    @JsonIgnore
    public String urn() {
        return LeadOwner.SPONSORED_ACCOUNT_PREFIX + id;
    }
}
