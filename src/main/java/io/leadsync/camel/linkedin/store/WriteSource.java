package io.leadsync.camel.linkedin.store;

import io.leadsync.camel.linkedin.lead.Lead;

/** What last changed a lead's ledger row ({@code lead_ledger.last_source}). */
public enum WriteSource {
    /** A webhook delivery (LinkedIn pushed the lead or its withdrawal). */
    PUSH,
    /** A page of the lead finder (the poll). */
    POLL,
    /** A dead letter written again (by hand or on the replay schedule). */
    REPLAY,
    /** The ledger brought in line with LinkedIn: rows the store held (migration), leads found withdrawn (the sweep). */
    RECONCILIATION;

    /** The source a lead's own {@link Lead#source()} implies: a webhook lead is a push, a polled one a poll. */
    public static WriteSource of(Lead lead) {
        return switch (lead.source() == null ? io.leadsync.camel.linkedin.lead.LeadSource.WEBHOOK : lead.source()) {
            case POLL -> POLL;
            case RECONCILIATION -> RECONCILIATION;
            case WEBHOOK -> PUSH;
        };
    }
}
