package io.leadsync.camel.linkedin.lead;

import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;

/**
 * What the {@link LeadNormalizer} needs to know beyond the lead itself: the form version the lead was submitted on and
 * the display names of its metadata. The component implements it over the API client; wrap it in a
 * {@link CachingLeadContext} so that a page costs one call per form version and per name, never one per lead.
 */
public interface LeadContext {

    /**
     * The form at exactly this version.
     *
     * @throws RuntimeException when it cannot be loaded; the lead then gets a field error and goes on
     */
    LeadForm formVersion(VersionedLeadGenFormUrn urn);

    /** The name of an ad account, or {@code null}; never throws for a missing name. */
    String accountName(String sponsoredAccountUrn);

    /** The name of an organization page, or {@code null}; never throws for a missing name. */
    String organizationName(String organizationUrn);

    /** The name of a campaign of an ad account, or {@code null}; never throws for a missing name. */
    String campaignName(String sponsoredAccountUrn, String campaignUrn);

    /** The name of an event, or {@code null}; never throws for a missing name. */
    String eventName(String eventUrn);

    /**
     * Offers a form version that arrived another way (inline in a lead's enrichment projection), so that a cache can
     * keep it. Does nothing by default.
     */
    default void remember(LeadForm form) {
    }
}
