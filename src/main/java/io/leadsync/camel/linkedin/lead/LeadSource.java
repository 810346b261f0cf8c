package io.leadsync.camel.linkedin.lead;

/** How a lead reached the connector. */
public enum LeadSource {
    /** Pulled from {@code /rest/leadFormResponses}. */
    POLL,
    /** Pushed by a lead notification (webhook). */
    WEBHOOK,
    /** Found withdrawn by the reconciliation sweep: LinkedIn no longer serves it and its DELETED push was lost. */
    RECONCILIATION
}
