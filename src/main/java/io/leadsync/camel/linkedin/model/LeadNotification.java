package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A lead-notification (webhook) subscription: `/rest/leadNotifications`. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadNotification(Long id, String webhook, LeadOwner owner, String leadType, String versionedForm, AssociatedEntity associatedEntity) {
    /** Same webhook, owner, lead type and narrowing: an existing subscription that can be reused instead of duplicated. */
    public boolean sameSubscriptionAs(LeadNotification other) {
        return java.util.Objects.equals(webhook, other.webhook) && java.util.Objects.equals(owner, other.owner)
                && java.util.Objects.equals(leadType, other.leadType) && java.util.Objects.equals(versionedForm, other.versionedForm)
                && java.util.Objects.equals(associatedEntity, other.associatedEntity);
    }

    /** The same subscription without its id, as sent to create it. */
    public LeadNotification withoutId() { return new LeadNotification(null, webhook, owner, leadType, versionedForm, associatedEntity); }
}
