package io.leadsync.camel.linkedin.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.RateLimitedException;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which streams a poller reads, cached for the endpoint's life (Camel creates a new consumer on each route start, the
 * endpoint stays): the owners are discovered again every {@link #REDISCOVERY_INTERVAL} (configured owners never), and
 * an owner is read only while it has a lead form. LinkedIn serves no lead of an owner without forms, so reading its
 * streams would cost one empty call each per poll; whether an owner has a form is one {@code leadForms} call (its first
 * page), made at discovery and, for the owners that had none, again every {@link #FORM_RECHECK_INTERVAL} (as often as
 * the app re-pulls its forms), so that the streams of a newly created form start being read. LinkedIn's form does not
 * name its lead type, so a page with any form has all of its organic lead types read.
 */
public final class LeadStreamDirectory {

    /** Without configured owners, the member's accounts and pages are discovered again this often. */
    public static final Duration REDISCOVERY_INTERVAL = Duration.ofHours(6);
    /** Owners without a lead form are asked again this often whether they have one now. */
    public static final Duration FORM_RECHECK_INTERVAL = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(LeadStreamDirectory.class);

    /** Every stream of the owners in scope, with forms or not. */
    private List<LeadStream> candidates;
    private final Set<LeadOwner> withoutForms = new LinkedHashSet<>();
    private Instant discoveredAt;
    private Instant formsCheckedAt;

    /**
     * The streams to read at {@code now}.
     *
     * @param owners       the configured owners; empty: discover the member's
     * @param recheckForms whether owners without forms may be asked again now (not during a run of greedy polls)
     */
    public synchronized List<LeadStream> streams(LinkedInApi api, List<LeadOwner> owners, List<LeadType> leadTypes, Instant now,
                                                 boolean recheckForms) {
        boolean discover = owners.isEmpty();
        if (candidates == null || discover && !now.isBefore(discoveredAt.plus(REDISCOVERY_INTERVAL))) {
            List<LeadStream> found = discover ? new LeadOwnerDiscovery(api).discover(leadTypes) : LeadOwnerDiscovery.configured(owners, leadTypes);
            Set<LeadOwner> formless = withoutForms(api, distinctOwners(found));
            // cached only once complete: a check cut short by a lost grant is made again at the next poll
            candidates = named(api, found, formless);
            discoveredAt = now;
            formsCheckedAt = now;
            withoutForms.clear();
            withoutForms.addAll(formless);
        } else if (recheckForms && !withoutForms.isEmpty() && !now.isBefore(formsCheckedAt.plus(FORM_RECHECK_INTERVAL))) {
            Set<LeadOwner> formless = withoutForms(api, List.copyOf(withoutForms));
            for (LeadOwner owner : withoutForms) {
                if (!formless.contains(owner)) {
                    LOG.info("{} has a lead form now: its leads are read from this poll on", owner.urn());
                }
            }
            candidates = named(api, candidates, formless);
            formsCheckedAt = now;
            withoutForms.retainAll(formless);
        }
        return candidates.stream().filter(s -> !withoutForms.contains(s.owner())).toList();
    }

    /** The owners in scope that had no lead form when last asked. */
    public synchronized Set<LeadOwner> ownersWithoutForms() {
        return Set.copyOf(withoutForms);
    }

    private Set<LeadOwner> withoutForms(LinkedInApi api, List<LeadOwner> owners) {
        Set<LeadOwner> formless = new LinkedHashSet<>();
        for (LeadOwner owner : owners) {
            if (!hasForm(api, owner)) {
                formless.add(owner);
                if (!withoutForms.contains(owner)) {
                    LOG.info("{} has no lead form: its leads are not read until it has one (asked again every {} min)", owner.urn(),
                            FORM_RECHECK_INTERVAL.toMinutes());
                }
            }
        }
        return formless;
    }

    /** The streams with their page names looked up, for the pages that are read (a name costs a call). */
    private static List<LeadStream> named(LinkedInApi api, List<LeadStream> streams, Set<LeadOwner> formless) {
        List<LeadStream> named = new ArrayList<>(streams.size());
        for (LeadStream s : streams) {
            boolean lookUp = s.ownerName() == null && !s.owner().isSponsoredAccount() && !formless.contains(s.owner());
            named.add(lookUp ? new LeadStream(s.owner(), s.leadType(), api.organizationName(s.owner().urn())) : s);
        }
        return named;
    }

    private static boolean hasForm(LinkedInApi api, LeadOwner owner) {
        try {
            return api.leadForms(owner).findFirst().isPresent();
        } catch (ReauthorizationRequiredException | RateLimitedException e) {
            // the connection's, not the owner's: the poll reports it
            throw e;
        } catch (RuntimeException e) {
            // the check only saves calls: an owner it cannot tell about is read, as if it had forms
            LOG.debug("Could not tell whether {} has lead forms ({}); reading its leads", owner.urn(), e.getMessage());
            return true;
        }
    }

    private static List<LeadOwner> distinctOwners(List<LeadStream> streams) {
        Set<LeadOwner> owners = new LinkedHashSet<>();
        streams.forEach(s -> owners.add(s.owner()));
        return new ArrayList<>(owners);
    }
}
