package io.leadsync.camel.linkedin.model;

/** The four kinds of lead; each is fetched with its own call (one per owner and type). */
public enum LeadType {
    /** Sponsored content and message ads; owner is an ad account. */
    SPONSORED,
    /** Event registrations; owner is the organizer page. */
    EVENT,
    /** Organic forms on a company page. */
    COMPANY,
    /** Organic forms on a product page. */
    ORGANIZATION_PRODUCT;

    /** Whether leads of this type are owned by an ad account (otherwise by an organization). */
    public boolean ownedBySponsoredAccount() {
        return this == SPONSORED;
    }
}
