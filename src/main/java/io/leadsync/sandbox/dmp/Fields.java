package io.leadsync.sandbox.dmp;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Field checks shared by the user and company batch rules. Each check answers {@code null} when the field is fine,
 * else the per-element message LinkedIn would put in {@code error.message}.
 */
final class Fields {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private Fields() {
    }

    /** The field's text, or {@code null} when it is absent or JSON null. */
    static String text(JsonNode element, String field) {
        JsonNode value = element.get(field);
        return value == null || value.isNull() || !value.isTextual() ? null : value.asText();
    }

    static boolean present(JsonNode element, String field) {
        JsonNode value = element.get(field);
        return value != null && !value.isNull();
    }

    static boolean nonBlank(JsonNode element, String field) {
        String value = text(element, field);
        return value != null && !value.isBlank();
    }

    static String action(JsonNode element) {
        String action = text(element, "action");
        return "ADD".equals(action) || "REMOVE".equals(action) ? null : "action must be ADD or REMOVE";
    }

    /** Absent is fine; present must be a string of at most {@code max} characters. */
    static String maxLength(JsonNode element, String field, int max) {
        if (!present(element, field)) {
            return null;
        }
        String value = text(element, field);
        if (value == null) {
            return field + " must be a string";
        }
        return value.length() > max ? field + " must be at most " + max + " characters" : null;
    }

    /** Absent is fine; present must be an ISO-3166 alpha-2 code such as {@code NG}. */
    static String country(JsonNode element) {
        if (!present(element, "country")) {
            return null;
        }
        String value = text(element, "country");
        return value != null && COUNTRY.matcher(value).matches() ? null
                : "country must be an ISO-3166 alpha-2 code (two upper-case letters)";
    }

    /** The first non-null problem, or {@code null} when there is none. */
    static String first(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
