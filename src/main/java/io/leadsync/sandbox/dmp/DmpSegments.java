package io.leadsync.sandbox.dmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Placeholder with the agreed API so the sandbox compiles; the integrator replaces it with the real class. */
public final class DmpSegments {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public DmpSegments(Clock clock, long seed) {
    }

    public long create(JsonNode body) {
        return 0L;
    }

    public List<ObjectNode> find(String accountUrn, String sourcePlatform, String sourceSegmentId) {
        return List.of();
    }

    public ObjectNode get(long id) {
        return MAPPER.createObjectNode();
    }

    public ArrayNode batch(long id, String kind, JsonNode body, String memberUrn) {
        return MAPPER.createArrayNode();
    }

    public void configure(int usersPerMinute, int companiesPerMinute, Duration notFoundWindow, Duration readyAfter) {
    }

    public List<ObjectNode> all() {
        return List.of();
    }
}
