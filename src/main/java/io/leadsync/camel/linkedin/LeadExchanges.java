package io.leadsync.camel.linkedin;

import java.util.List;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The only code that puts leads on an exchange: the poller and the webhook both call it, so a route sees the same
 * body and headers whichever way a lead came in (the {@code WebhookCapableEndpoint} contract).
 */
public final class LeadExchanges {

    private LeadExchanges() {
    }

    /** A new exchange of {@code endpoint} carrying one page (or one burst) of leads. */
    public static Exchange create(LinkedInLeadSyncEndpoint endpoint, List<Lead> leads, LeadSource source) {
        Exchange exchange = endpoint.createExchange();
        populate(exchange.getMessage(), leads, source);
        return exchange;
    }

    /** Sets the body to {@code List<Lead>} and the lead headers; the first lead names the id, form, owner and type. */
    public static void populate(Message message, List<Lead> leads, LeadSource source) {
        message.setBody(List.copyOf(leads));
        message.setHeader(LinkedInLeadSyncConstants.LEAD_SOURCE, source.name());
        message.setHeader(LinkedInLeadSyncConstants.LEAD_COUNT, leads.size());
        if (!leads.isEmpty()) {
            Lead first = leads.get(0);
            message.setHeader(LinkedInLeadSyncConstants.LEAD_ID, first.id());
            message.setHeader(LinkedInLeadSyncConstants.LEAD_ACTION, first.action().name());
            message.setHeader(LinkedInLeadSyncConstants.FORM_ID, first.formId());
            message.setHeader(LinkedInLeadSyncConstants.OWNER, first.ownerUrn());
            message.setHeader(LinkedInLeadSyncConstants.LEAD_TYPE, first.leadType());
        }
    }
}
