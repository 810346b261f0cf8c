package io.leadsync.camel.linkedin.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** LinkedIn's multi-locale text: {@code {"localized":{"en_US":"…"}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalizedString(Map<String, String> localized) {

    public static LocalizedString of(String locale, String text) {
        return new LocalizedString(Map.of(locale, text));
    }

    /** The {@code en_US} text when there is one, else the first locale's, else {@code null}. */
    public String text() {
        if (localized == null || localized.isEmpty()) {
            return null;
        }
        String english = localized.get("en_US");
        return english != null ? english : localized.values().iterator().next();
    }
}
