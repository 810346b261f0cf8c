package io.leadsync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed Rest.li {@code fields} projection, e.g. {@code id,form:(hiddenFields,name)}: field name → nested
 * projection, or {@code null} for the whole value.
 */
final class Projection {

    private final Map<String, Projection> fields;

    private Projection(Map<String, Projection> fields) {
        this.fields = fields;
    }

    /** Parses a projection; {@code null} in, {@code null} out (no projection: every field). */
    static Projection parse(String raw) {
        if (raw == null) {
            return null;
        }
        String text = RestLiDecoder.percentDecode(raw);
        int[] pos = {0};
        Projection projection = list(text, pos);
        if (pos[0] != text.length()) {
            throw SandboxApiError.badRequest("Invalid value for parameter 'fields' at position " + pos[0]);
        }
        return projection;
    }

    private static Projection list(String text, int[] pos) {
        Map<String, Projection> fields = new LinkedHashMap<>();
        while (pos[0] < text.length() && text.charAt(pos[0]) != ')') {
            int start = pos[0];
            while (pos[0] < text.length() && ",:()".indexOf(text.charAt(pos[0])) < 0) {
                pos[0]++;
            }
            String name = text.substring(start, pos[0]).trim();
            if (name.isEmpty()) {
                throw SandboxApiError.badRequest("Invalid value for parameter 'fields': empty field name at position " + start);
            }
            Projection nested = null;
            if (pos[0] < text.length() && text.charAt(pos[0]) == ':') {
                pos[0]++;
                if (pos[0] >= text.length() || text.charAt(pos[0]) != '(') {
                    throw SandboxApiError.badRequest("Invalid value for parameter 'fields': expected '(' after " + name + ":");
                }
                pos[0]++;
                nested = list(text, pos);
                if (pos[0] >= text.length() || text.charAt(pos[0]) != ')') {
                    throw SandboxApiError.badRequest("Invalid value for parameter 'fields': unclosed '(' after " + name);
                }
                pos[0]++;
            }
            fields.put(name, nested);
            if (pos[0] < text.length() && text.charAt(pos[0]) == ',') {
                pos[0]++;
            }
        }
        return new Projection(fields);
    }

    Map<String, Projection> fields() {
        return fields;
    }

    /** Projects a JSON object; nested projections apply to nested objects. */
    com.fasterxml.jackson.databind.node.ObjectNode apply(com.fasterxml.jackson.databind.JsonNode node) {
        com.fasterxml.jackson.databind.node.ObjectNode out = Json.object();
        fields.forEach((name, nested) -> {
            com.fasterxml.jackson.databind.JsonNode value = node.get(name);
            if (value != null) {
                out.set(name, nested != null && value.isObject() ? nested.apply(value) : value);
            }
        });
        return out;
    }
}
