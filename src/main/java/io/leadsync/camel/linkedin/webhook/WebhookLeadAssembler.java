package io.leadsync.camel.linkedin.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadsync.camel.linkedin.TestLeadsMode;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAction;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.logging.SummarizedLog;
import io.leadsync.camel.linkedin.logging.Untrusted;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the notifications of one delivery into the leads to route: repeated (lead id, action) pairs are dropped,
 * CREATED leads are fetched in one call, DELETED ones are never fetched (the member withdrew them), and the endpoint's
 * {@code formIds} and {@code testLeads} options apply as they do to the poller.
 */
public final class WebhookLeadAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookLeadAssembler.class);

    private final WebhookLeadFetcher fetcher;
    private final RecentDeliveries recent;
    private final UnknownLeads unknown;
    private final SummarizedLog notFoundLog;
    private final Set<Long> formIds;
    private final TestLeadsMode testLeads;

    WebhookLeadAssembler(WebhookLeadFetcher fetcher, RecentDeliveries recent, UnknownLeads unknown, SummarizedLog notFoundLog,
                         List<Long> formIds, TestLeadsMode testLeads) {
        this.fetcher = fetcher;
        this.recent = recent;
        this.unknown = unknown;
        this.notFoundLog = notFoundLog;
        this.formIds = Set.copyOf(formIds);
        this.testLeads = testLeads;
    }

    /** The leads of a delivery, plus the pairs it claimed (release them with {@link #release} if routing fails). */
    record Assembly(List<Lead> leads, List<LeadActionNotification> claimed) {
    }

    /**
     * Claims the new pairs of {@code notifications} and builds their leads, in delivery order.
     *
     * @throws RuntimeException when LinkedIn could not be asked for the leads; the claims are released first
     */
    Assembly assemble(List<LeadActionNotification> notifications) {
        List<LeadActionNotification> claimed = new ArrayList<>();
        for (LeadActionNotification n : notifications) {
            if (recent.claim(n.leadId(), n.leadAction())) {
                claimed.add(n);
            } else {
                LOG.debug("Lead {} {} was already delivered; acknowledged without routing", Untrusted.text(n.leadId()), n.leadAction());
            }
        }
        // ids LinkedIn recently answered "not found" for are not asked again: a replayed notification costs no call
        List<String> created = claimed.stream().filter(n -> LeadAction.CREATED.name().equals(n.leadAction()))
                .map(LeadActionNotification::leadId).filter(id -> !unknown.isKnownUnknown(id)).distinct().toList();
        Set<String> asked = Set.copyOf(created);
        Map<String, Lead> fetched;
        try {
            fetched = fetcher.fetch(created);
        } catch (RuntimeException e) {
            release(claimed);
            throw e;
        }
        Map<String, Lead> leads = new LinkedHashMap<>();
        for (LeadActionNotification n : claimed) {
            Lead lead = LeadAction.DELETED.name().equals(n.leadAction()) ? Lead.deleted(n, LeadSource.WEBHOOK) : fetched.get(n.leadId());
            if (lead == null) {
                // not readable (unknown, withdrawn, or not indexed yet): unclaimed, remembered for a while, left to the poll
                if (asked.contains(n.leadId())) {
                    unknown.note(n.leadId());
                    notFoundLog.record("not found", n.leadId());
                } else {
                    LOG.debug("Lead {} was not found on LinkedIn a moment ago; not asked again", Untrusted.text(n.leadId()));
                }
                recent.forget(n.leadId(), n.leadAction());
            } else if (wanted(lead)) {
                leads.putIfAbsent(lead.id() + '|' + lead.action(), lead);
            }
        }
        return new Assembly(List.copyOf(leads.values()), List.copyOf(claimed));
    }

    /** Forgets the pairs of a delivery that was not processed, so that LinkedIn's redelivery is. */
    void release(List<LeadActionNotification> claimed) {
        claimed.forEach(n -> recent.forget(n.leadId(), n.leadAction()));
    }

    /** Whether the endpoint's formIds and testLeads options let the lead through. */
    boolean wanted(Lead lead) {
        if (!formIds.isEmpty() && (lead.formId() == null || !formIds.contains(lead.formId()))) {
            LOG.debug("Lead {} of form {} is not among formIds; dropped", Untrusted.text(lead.id()), lead.formId());
            return false;
        }
        if (lead.isDeleted()) {
            // a withdrawal carries no test flag; it must reach the sink whatever the mode
            return true;
        }
        return switch (testLeads) {
            case include -> true;
            case exclude -> !lead.testLead();
            case only -> lead.testLead();
        };
    }
}
