package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The owner of forms, leads and subscriptions: an ad account ({@code sponsoredAccount}) for sponsored leads, or an
 * organization page for EVENT, COMPANY and ORGANIZATION_PRODUCT leads. Exactly one of the two is set.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
// no is-getters: a @JsonIgnore on isSponsoredAccount() would hide the whole "sponsoredAccount" property when reading
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public record LeadOwner(String sponsoredAccount, String organization) {

    public static final String SPONSORED_ACCOUNT_PREFIX = "urn:li:sponsoredAccount:";
    public static final String ORGANIZATION_PREFIX = "urn:li:organization:";

    public LeadOwner {
        if ((sponsoredAccount == null) == (organization == null)) {
            throw new IllegalArgumentException("A lead owner is either a sponsoredAccount or an organization URN, not both or neither");
        }
    }

    /** Parses {@code urn:li:sponsoredAccount:…} or {@code urn:li:organization:…}. */
    public static LeadOwner of(String urn) {
        if (urn != null && urn.startsWith(SPONSORED_ACCOUNT_PREFIX)) {
            return new LeadOwner(urn, null);
        }
        if (urn != null && urn.startsWith(ORGANIZATION_PREFIX)) {
            return new LeadOwner(null, urn);
        }
        throw new IllegalArgumentException("Not a lead owner URN (expected urn:li:sponsoredAccount:… or urn:li:organization:…): " + urn);
    }

    public static LeadOwner sponsoredAccount(long accountId) {
        return new LeadOwner(SPONSORED_ACCOUNT_PREFIX + accountId, null);
    }

    public static LeadOwner organization(long organizationId) {
        return new LeadOwner(null, ORGANIZATION_PREFIX + organizationId);
    }

    @JsonIgnore
    public String urn() {
        return sponsoredAccount != null ? sponsoredAccount : organization;
    }

    public boolean isSponsoredAccount() {
        return sponsoredAccount != null;
    }

    /** The numeric id at the end of the URN. */
    @JsonIgnore
    public long id() {
        String urn = urn();
        return Long.parseLong(urn.substring(urn.lastIndexOf(':') + 1));
    }
}
