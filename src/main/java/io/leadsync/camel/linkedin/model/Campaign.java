package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An ad campaign ({@code /rest/adAccounts/{account}/adCampaigns/{id}}); its name is lead metadata (LGF-114).
 * {@code account} and {@code campaignGroup} are URNs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Campaign(Long id, String name, String account, String campaignGroup, String status, String type, Boolean test) {

    /** {@code urn:li:sponsoredCampaign:{id}}, as leads name their campaign. */
    public String urn() {
        return "urn:li:sponsoredCampaign:" + id;
    }
}
