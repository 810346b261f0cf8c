package io.leadsync.camel.linkedin.lead;

import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON for normalized leads, through one shared, thread-safe {@link ObjectMapper}. A Camel type converter and the
 * datastore call these; the JSON holds every component of {@link Lead}, so {@code fromJson(toJson(lead))} equals
 * {@code lead}.
 */
public final class LeadJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<Lead>> LEAD_LIST = new TypeReference<>() {
    };

    private LeadJson() {
    }

    /** The shared mapper (configured; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One lead as a JSON object. */
    public static String toJson(Lead lead) {
        return write(lead);
    }

    /** A list of leads (one page, or one burst of notifications) as a JSON array. */
    public static String toJson(List<Lead> leads) {
        return write(leads);
    }

    /** Any value (maps, lists, field errors) as JSON with the shared mapper. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * A lead from the JSON {@link #toJson(Lead)} wrote.
     *
     * @throws IllegalArgumentException when the text is not a lead
     */
    public static Lead fromJson(String json) {
        try {
            return MAPPER.readValue(json, Lead.class);
        } catch (JsonProcessingException e) {
            // the location only: the message of a parse error can quote the member's answers
            throw new IllegalArgumentException("Not a normalized lead in JSON (at " + e.getLocation() + ")", e);
        }
    }

    /**
     * Leads from the JSON array {@link #toJson(List)} wrote.
     *
     * @throws IllegalArgumentException when the text is not an array of leads
     */
    public static List<Lead> listFromJson(String json) {
        try {
            return MAPPER.readValue(json, LEAD_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON array of normalized leads (at " + e.getLocation() + ")", e);
        }
    }
}
