package io.leadsync.camel.linkedin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the state repository keeps per stream, as JSON {@code {"watermark":ms,"recent":[ids]}}: every lead submitted
 * before {@code watermark} was delivered, and {@code recent} names the delivered leads the next poll's overlap will
 * read again, so they are not emitted twice.
 *
 * @param watermark epoch ms up to which every lead was delivered
 * @param recent    ids of delivered leads with {@code submittedAt >= watermark - overlap}
 */
record LeadStreamState(long watermark, List<String> recent) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    LeadStreamState {
        recent = List.copyOf(recent);
    }

    /** The state stored under a key, or {@code null} when there is none (the stream back-fills). */
    static LeadStreamState parse(String key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            JsonNode json = MAPPER.readTree(value);
            if (json.isNumber()) {
                // a bare watermark, as a hand-seeded repository may hold it
                return new LeadStreamState(json.asLong(), List.of());
            }
            if (!json.path("watermark").canConvertToLong()) {
                throw new IllegalStateException("No watermark in the stored state of " + key);
            }
            List<String> recent = new ArrayList<>();
            json.path("recent").forEach(id -> recent.add(id.asText()));
            return new LeadStreamState(json.get("watermark").asLong(), recent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored state of " + key + " is not {\"watermark\":ms,\"recent\":[…]} JSON", e);
        }
    }

    /** A state with the given watermark and recent ids. */
    static LeadStreamState of(long watermark, Collection<String> recent) {
        return new LeadStreamState(watermark, new ArrayList<>(recent));
    }

    String toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("watermark", watermark);
        ArrayNode ids = json.putArray("recent");
        recent.forEach(ids::add);
        return json.toString();
    }
}
