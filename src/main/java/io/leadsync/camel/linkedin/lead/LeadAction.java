package io.leadsync.camel.linkedin.lead;

/** What happened to a lead, in LinkedIn's words ({@code leadAction} of a lead notification). */
public enum LeadAction {
    /** The member submitted the lead. */
    CREATED,
    /** The member withdrew the lead: the synced copy must be deleted and tombstoned. */
    DELETED
}
