package io.leadsync.camel.linkedin.poll;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the state repository keeps per stream, as JSON
 * {@code {"watermark":ms,"recent":[ids],"cursor":{"start":ms,"end":ms,"upper":ms,"boundary":[ids]}}}: every lead
 * submitted before {@code watermark} was delivered, {@code recent} names the delivered leads the next poll's overlap
 * will read again, so they are not emitted twice, and {@code cursor} (absent between slices) says how far the slice
 * being read has come. States written before the cursor existed ({@code {"watermark":ms,"recent":[…]}}, or a bare
 * number) still parse, with no cursor.
 *
 * @param watermark epoch ms up to which every lead was delivered
 * @param recent    ids of delivered leads with {@code submittedAt >= watermark - overlap}
 * @param cursor    the slice being read, or {@code null} when the last poll ended on a slice boundary
 */
public record LeadStreamState(long watermark, List<String> recent, Cursor cursor) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * How far a slice {@code [start, end]} has been read: every lead of it submitted after {@code upper} was delivered,
     * and {@code boundary} names the delivered leads submitted at {@code upper} or {@code upper + 1}, which the next
     * page (the range {@code [start, upper]}, end inclusive or not) may return again.
     *
     * @param start    the slice's first millisecond
     * @param end      the slice's last millisecond
     * @param upper    every lead of the slice submitted after this was delivered
     * @param boundary ids of delivered leads submitted at {@code upper} or {@code upper + 1}
     */
    public record Cursor(long start, long end, long upper, List<String> boundary) {

        public Cursor {
            boundary = List.copyOf(boundary);
        }
    }

    public LeadStreamState {
        recent = List.copyOf(recent);
    }

    /** The state stored under a key, or {@code null} when there is none (the stream back-fills). */
    public static LeadStreamState parse(String key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            JsonNode json = MAPPER.readTree(value);
            if (json.isNumber()) {
                // a bare watermark, as a hand-seeded repository may hold it
                return new LeadStreamState(json.asLong(), List.of(), null);
            }
            if (!json.path("watermark").canConvertToLong()) {
                throw new IllegalStateException("No watermark in the stored state of " + key);
            }
            return new LeadStreamState(json.get("watermark").asLong(), ids(json.path("recent")), cursor(key, json.path("cursor")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored state of " + key + " is not {\"watermark\":ms,\"recent\":[…]} JSON", e);
        }
    }

    private static Cursor cursor(String key, JsonNode json) {
        if (json.isMissingNode() || json.isNull()) {
            return null;
        }
        for (String field : List.of("start", "end", "upper")) {
            if (!json.path(field).canConvertToLong()) {
                throw new IllegalStateException("No " + field + " in the stored cursor of " + key);
            }
        }
        return new Cursor(json.get("start").asLong(), json.get("end").asLong(), json.get("upper").asLong(), ids(json.path("boundary")));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** A state with the given watermark and recent ids, between two slices. */
    public static LeadStreamState of(long watermark, Collection<String> recent) {
        return new LeadStreamState(watermark, new ArrayList<>(recent), null);
    }

    /** This state with the slice being read at {@code cursor}. */
    public LeadStreamState withCursor(Cursor cursor) {
        return new LeadStreamState(watermark, recent, cursor);
    }

    public String toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("watermark", watermark);
        ArrayNode ids = json.putArray("recent");
        recent.forEach(ids::add);
        if (cursor != null) {
            ObjectNode c = json.putObject("cursor");
            c.put("start", cursor.start());
            c.put("end", cursor.end());
            c.put("upper", cursor.upper());
            ArrayNode boundary = c.putArray("boundary");
            cursor.boundary().forEach(boundary::add);
        }
        return json.toString();
    }
}
