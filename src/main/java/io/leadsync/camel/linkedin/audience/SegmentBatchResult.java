package io.leadsync.camel.linkedin.audience;

import java.util.List;

/**
 * What happened to a route's audience upload: counts, and one result per input element in input order.
 *
 * @param segmentId     the segment
 * @param action        ADD or REMOVE
 * @param acceptedCount elements LinkedIn accepted
 * @param rejectedCount elements refused (by LinkedIn or before sending)
 * @param requests      batch requests sent (at most 5,000 elements each)
 * @param elements      per-element outcomes, in input order
 */
public record SegmentBatchResult(long segmentId, String action, int acceptedCount, int rejectedCount, int requests,
        List<ElementResult> elements) {
    public SegmentBatchResult {
        elements = List.copyOf(elements);
    }
}
