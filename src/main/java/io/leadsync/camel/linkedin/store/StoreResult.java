package io.leadsync.camel.linkedin.store;

/**
 * What the store did with one lead.
 *
 * @param leadId the lead id
 * @param status the outcome
 * @param reason why it failed or was skipped ({@code null} when stored)
 * @param isNew for {@link Status#STORED}: the datastore did not hold the lead before this write (its ledger row was
 *              created by it, or only held a withdrawal that had expired); {@code false} for an update and every
 *              other outcome
 */
public record StoreResult(String leadId, Status status, String reason, boolean isNew) {

    /** The outcome of one lead. */
    public enum Status {
        /** Inserted or updated ({@link #isNew()} tells which). */
        STORED,
        /** Not written: the lead was withdrawn earlier and its ledger row says so. */
        SKIPPED_TOMBSTONED,
        /** A DELETED lead: its row is gone, wherever it was, and the ledger keeps the withdrawal. */
        DELETED,
        /** Not written; {@link #reason()} says why. The other leads of the page were not affected. */
        FAILED
    }

    /** A result without the new-lead flag (every outcome but a first insert). */
    public StoreResult(String leadId, Status status, String reason) {
        this(leadId, status, reason, false);
    }

    static StoreResult stored(String leadId, boolean isNew) {
        return new StoreResult(leadId, Status.STORED, null, isNew);
    }

    static StoreResult tombstoned(String leadId) {
        return new StoreResult(leadId, Status.SKIPPED_TOMBSTONED, "lead " + leadId + " was withdrawn (lead_ledger)");
    }

    static StoreResult deleted(String leadId) {
        return new StoreResult(leadId, Status.DELETED, null);
    }

    static StoreResult failed(String leadId, String reason) {
        return new StoreResult(leadId, Status.FAILED, reason);
    }

    /** Whether the sink can confirm this lead (stored, deleted, or rightly skipped): a watermark may pass it. */
    public boolean isDone() {
        return status != Status.FAILED;
    }
}
