package io.leadsync.camel.linkedin.ledger;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAction;

/**
 * The key a {@link JdbcLeadDeliveryRepository} is asked about: one lead id and what happened to it, written
 * {@code <leadId>:<CREATED|DELETED>} so that Camel's Idempotent Consumer can build it with
 * {@code ${header.CamelLinkedInLeadId}:${header.CamelLinkedInLeadAction}}.
 */
public record DeliveryKey(String leadId, LeadAction action) {

    public DeliveryKey {
        if (leadId == null || leadId.isBlank()) {
            throw new IllegalArgumentException("A delivery key needs a lead id");
        }
        if (action == null) {
            throw new IllegalArgumentException("A delivery key needs a lead action");
        }
    }

    /** The key of one lead on an exchange. */
    public static DeliveryKey of(Lead lead) {
        return new DeliveryKey(lead.id(), lead.action());
    }

    /**
     * Reads {@code <leadId>:<action>}. The action follows the last colon, because lead ids may themselves be URNs.
     *
     * @throws IllegalArgumentException naming the expected form when {@code key} is not one
     */
    public static DeliveryKey parse(String key) {
        int colon = key == null ? -1 : key.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Not a lead delivery key (expected <leadId>:CREATED or <leadId>:DELETED): " + key);
        }
        String action = key.substring(colon + 1);
        try {
            return new DeliveryKey(key.substring(0, colon), LeadAction.valueOf(action));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a lead delivery key (the action must be CREATED or DELETED, got '" + action + "')", e);
        }
    }

    @Override
    public String toString() {
        return leadId + ":" + action;
    }
}
