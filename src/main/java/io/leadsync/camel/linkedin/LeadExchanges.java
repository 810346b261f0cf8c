package io.leadsync.camel.linkedin;

import java.util.List;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.ledger.DeliveryGate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;

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
        populate(endpoint, exchange.getMessage(), leads, source);
        return exchange;
    }

    /**
     * Sets the body to {@code List<Lead>} and the lead headers; the first lead names the id, form, owner and type.
     * With a {@code deliveryRepository} on the endpoint, the body keeps only the leads that repository admits (the
     * others were delivered already, are in flight, or were withdrawn), settled when the exchange completes.
     */
    public static void populate(LinkedInLeadSyncEndpoint endpoint, Message message, List<Lead> incoming, LeadSource source) {
        IdempotentRepository ledger = endpoint.getConfiguration().getDeliveryRepository();
        List<Lead> leads = ledger == null ? incoming : DeliveryGate.admit(message.getExchange(), ledger, incoming);
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
