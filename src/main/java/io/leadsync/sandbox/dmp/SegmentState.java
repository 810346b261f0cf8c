package io.leadsync.sandbox.dmp;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One segment held by the sandbox: its creation fields, its member set and its processing state. Not thread-safe:
 * {@link DmpSegments} calls it under its lock.
 *
 * <p>LinkedIn processes uploads in the background: a new segment is BUILDING with no matched count until the
 * upload settles, and an upload to a READY segment makes it UPDATING while the previously published counts stay
 * visible. The sandbox models "settles" as {@code readyAfter} with no further change.
 */
final class SegmentState {

    private static final String BUILDING = "BUILDING";
    private static final String UPDATING = "UPDATING";
    private static final String READY = "READY";

    private final long id;
    private final SegmentCreateRequest request;
    private final String destinationSegmentId;
    private final long created;
    private final Set<String> members = new HashSet<>();
    private long matched;
    private long publishedMatched;
    private long lastModified;
    private String processingPhase = BUILDING;

    SegmentState(long id, SegmentCreateRequest request, String destinationSegmentId, long created) {
        this.id = id;
        this.request = request;
        this.destinationSegmentId = destinationSegmentId;
        this.created = created;
        this.lastModified = created;
    }

    long id() {
        return id;
    }

    long created() {
        return created;
    }

    String type() {
        return request.type();
    }

    String account() {
        return request.account();
    }

    String sourcePlatform() {
        return request.sourcePlatform();
    }

    String sourceSegmentId() {
        return request.sourceSegmentId();
    }

    /** READY once {@code readyAfterMs} have passed since the last change, else BUILDING or UPDATING. */
    String status(long nowMs, long readyAfterMs) {
        return nowMs - lastModified >= readyAfterMs ? READY : processingPhase;
    }

    /** Marks the start of a change at {@code nowMs}; call once per batch that accepted at least one element. */
    void beginChange(long nowMs, long readyAfterMs) {
        if (READY.equals(status(nowMs, readyAfterMs))) {
            publishedMatched = matched;
            processingPhase = UPDATING;
        }
        lastModified = nowMs;
    }

    void add(String identity) {
        if (members.add(identity) && AudienceMatcher.matches(identity)) {
            matched++;
        }
    }

    void remove(String identity) {
        if (members.remove(identity) && AudienceMatcher.matches(identity)) {
            matched--;
        }
    }

    /** The segment as LinkedIn returns it from {@code GET /rest/dmpSegments/{id}}. */
    ObjectNode toJson(long nowMs, long readyAfterMs) {
        String status = status(nowMs, readyAfterMs);
        long matchedCount = switch (status) {
            case READY -> matched;
            case UPDATING -> publishedMatched;
            default -> 0;
        };
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode segment = json.objectNode()
                .put("id", id)
                .put("name", request.name())
                .put("type", request.type());
        if (request.sourcePlatform() != null) {
            segment.put("sourcePlatform", request.sourcePlatform());
        }
        if (request.sourceSegmentId() != null) {
            segment.put("sourceSegmentId", request.sourceSegmentId());
        }
        segment.put("accessPolicy", request.accessPolicy())
                .put("account", request.account())
                .put("inputCount", members.size())
                .put("created", created)
                .put("lastModified", lastModified);
        segment.putArray("destinations").addObject()
                .put("destination", "LINKEDIN")
                .put("status", status)
                .put("audienceSize", matchedCount / 10 * 10)
                .put("matchedCount", matchedCount)
                .put("destinationSegmentId", destinationSegmentId)
                .put("created", created)
                .put("lastModified", lastModified);
        return segment;
    }
}
