package io.leadsync.camel.linkedin.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;

/**
 * The accounts and pages the member can read leads of ({@link LeadOwnerDiscovery}, every lead type), discovered once
 * and again every {@link #REDISCOVERY_INTERVAL}, shared by the endpoints of one member and API (the component keeps
 * one per credentials): the poller and the webhook's registrar start at the same time and ask the same question, and
 * one answer costs LinkedIn's calls once.
 */
public final class DiscoveredOwners {

    /** The member's accounts and pages are discovered again this often. */
    public static final Duration REDISCOVERY_INTERVAL = Duration.ofHours(6);

    private List<LeadStream> streams;
    private Instant discoveredAt;

    /** Every stream of the member's accounts and pages (all lead types), discovered when needed. */
    public synchronized List<LeadStream> streams(LinkedInApi api, Instant now) {
        if (streams == null || !now.isBefore(discoveredAt.plus(REDISCOVERY_INTERVAL))) {
            streams = new LeadOwnerDiscovery(api).discover(List.of(LeadType.values()));
            discoveredAt = now;
        }
        return streams;
    }

    /** The member's accounts and pages, accounts first. */
    public List<LeadOwner> owners(LinkedInApi api, Instant now) {
        return streams(api, now).stream().map(LeadStream::owner).distinct().toList();
    }
}
