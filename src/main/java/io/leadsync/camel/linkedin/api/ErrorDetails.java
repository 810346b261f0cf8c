package io.leadsync.camel.linkedin.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the details LinkedIn scatters over error answers: the bad parameter, the resource, {@code Retry-After}. */
final class ErrorDetails {

    /** "fields [/owner]", "parameter 'count'", "param: count". */
    private static final List<Pattern> PARAMETER = List.of(
            Pattern.compile("\\[/?([A-Za-z][\\w.]*)]"),
            Pattern.compile("(?i)param(?:eter)?\\s*[:=]?\\s*['\"`]([A-Za-z][\\w.]*)['\"`]"),
            Pattern.compile("(?i)param(?:eter)?\\s*[:=]\\s*([A-Za-z][\\w.]*)"));

    private ErrorDetails() {
    }

    /** LinkedIn names a bad parameter in {@code errorDetails.inputErrors[].input.inputPath.fieldPath}, or in its message. */
    static String parameterOf(JsonNode body, String message, ApiRequest request) {
        for (JsonNode inputError : body.path("errorDetails").path("inputErrors")) {
            String field = textOrNull(inputError.path("input").path("inputPath").path("fieldPath"));
            if (field != null) {
                return field.startsWith("/") ? field.substring(1) : field;
            }
        }
        if (message == null) {
            return null;
        }
        for (Pattern pattern : PARAMETER) {
            Matcher m = pattern.matcher(message);
            if (m.find()) {
                return m.group(1);
            }
        }
        // otherwise a parameter of the call that the message mentions by name ("count must be at most 1000")
        return request.query().keySet().stream()
                .filter(name -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(message).find())
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    /** The last collection name of an encoded path: {@code /adAccounts/1/adCampaigns/2} gives {@code adCampaigns}. */
    static String resourceOf(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String s = segments[i];
            if (!s.isEmpty() && Character.isLetter(s.charAt(0)) && !s.contains("%") && !s.matches(".*\\d.*-.*")) {
                return s;
            }
        }
        return path;
    }

    /** {@code Retry-After} in seconds, or as an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static String textOrNull(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
