package io.leadsync.camel.linkedin.lead;

/** How a lead reached the connector. */
public enum LeadSource {
    /** Pulled from {@code /rest/leadFormResponses}. */
    POLL,
    /** Pushed by a lead notification (webhook). */
    WEBHOOK
}
