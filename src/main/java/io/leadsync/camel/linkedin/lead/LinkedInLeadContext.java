package io.leadsync.camel.linkedin.lead;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiException;
import io.leadsync.camel.linkedin.lead.LeadContext;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads form versions and metadata names through the API client, for leads that arrive without the enrichment
 * projection (webhook fetches, {@code enrich=false}). Wrapped in a {@code CachingLeadContext} by the endpoint.
 */
public final class LinkedInLeadContext implements LeadContext {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInLeadContext.class);

    private final LinkedInApi api;
    // the current version of each form seen: a lead on an older one then costs no call (the answer would be the same)
    private final Map<Long, LeadForm> current = new ConcurrentHashMap<>();

    public LinkedInLeadContext(LinkedInApi api) {
        this.api = api;
    }

    @Override
    public LeadForm formVersion(VersionedLeadGenFormUrn urn) {
        LeadForm latest = current.get(urn.formId());
        if (latest == null || latest.versionId() == null || latest.versionId() < urn.versionId()) {
            // unknown, or edited since: ask LinkedIn for the current version
            latest = api.leadForm(urn.formId());
            current.put(urn.formId(), latest);
        }
        if (latest.versionId() != null && latest.versionId() == urn.versionId()) {
            return latest;
        }
        // GET leadForms/{id} answers only the current version; older versions come inline with the lead's
        // enrichment projection (fields=form:(…)), which the poller and the webhook request
        throw new IllegalStateException("LinkedIn serves version " + latest.versionId() + " of form " + urn.formId()
                + " but the lead was submitted on version " + urn.versionId());
    }

    @Override
    public String accountName(String sponsoredAccountUrn) {
        return quietly(sponsoredAccountUrn, () -> api.adAccount(LeadOwner.of(sponsoredAccountUrn).id()).name());
    }

    @Override
    public String organizationName(String organizationUrn) {
        // no organization lookup in the contract: the lead's ownerInfo projection carries the page name
        return null;
    }

    @Override
    public String campaignName(String sponsoredAccountUrn, String campaignUrn) {
        return quietly(campaignUrn, () -> api.campaign(LeadOwner.of(sponsoredAccountUrn).id(), lastPart(campaignUrn)).name());
    }

    @Override
    public String eventName(String eventUrn) {
        // events are listed per organizer only; the lead's associatedEntityInfo projection carries the name
        return null;
    }

    private static long lastPart(String urn) {
        return Long.parseLong(urn.substring(urn.lastIndexOf(':') + 1));
    }

    private static String quietly(String urn, Supplier<String> lookup) {
        try {
            return lookup.get();
        } catch (LinkedInApiException | IllegalArgumentException e) {
            LOG.debug("No name for {}: {}", urn, e.getMessage());
            return null;
        }
    }
}
