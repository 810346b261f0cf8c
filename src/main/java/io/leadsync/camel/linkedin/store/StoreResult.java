package io.leadsync.camel.linkedin.store;

/**
 * What the store did with one lead.
 *
 * @param leadId the lead id
 * @param status the outcome
 * @param reason why it failed or was skipped ({@code null} when stored)
 */
public record StoreResult(String leadId, Status status, String reason) {

    /** The outcome of one lead. */
    public enum Status {
        /** Inserted or updated. */
        STORED,
        /** Not written: the lead was withdrawn earlier and a tombstone says so. */
        SKIPPED_TOMBSTONED,
        /** A DELETED lead: its row is gone and a tombstone is kept. */
        DELETED,
        /** Not written; {@link #reason()} says why. The other leads of the page were not affected. */
        FAILED
    }

    static StoreResult stored(String leadId) {
        return new StoreResult(leadId, Status.STORED, null);
    }

    static StoreResult tombstoned(String leadId) {
        return new StoreResult(leadId, Status.SKIPPED_TOMBSTONED, "lead " + leadId + " was withdrawn (tombstone)");
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
