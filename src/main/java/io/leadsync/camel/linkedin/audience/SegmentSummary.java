package io.leadsync.camel.linkedin.audience;

import io.leadsync.camel.linkedin.model.DmpSegment;

/**
 * A segment with what MA-103/104 ask for read off its LinkedIn destination.
 *
 * @param id           the segment id
 * @param name         its name
 * @param type         USER or COMPANY
 * @param account      the ad account URN
 * @param status       BUILDING, READY, UPDATING, ARCHIVED, EXPIRED, FAILED or ERROR
 * @param inputCount   elements uploaded over the rolling 7 days
 * @param matchedCount elements LinkedIn matched
 * @param matchRate    matchedCount / inputCount, or {@code null} before any input
 * @param audienceSize LinkedIn's estimated audience size
 * @param readyToServe READY or UPDATING with an audience of at least 300
 * @param segment      the segment as LinkedIn returned it
 */
public record SegmentSummary(long id, String name, String type, String account, String status, Long inputCount, Long matchedCount,
        Double matchRate, Long audienceSize, boolean readyToServe, DmpSegment segment) {

    /** Reads the summary of a segment. */
    public static SegmentSummary of(DmpSegment segment) {
        var destination = segment.linkedInDestination();
        return new SegmentSummary(segment.id(), segment.name(), segment.type(), segment.account(), segment.status(), segment.inputCount(),
                destination == null ? null : destination.matchedCount(), segment.matchRate(),
                destination == null ? null : destination.audienceSize(), segment.readyToServe(), segment);
    }
}
