package io.leadsync.camel.linkedin.lead;

import java.util.Objects;

/**
 * A field of a lead that could not be read, checked, mapped or converted (LGF-111): the lead still goes on.
 * The message names the reason; it never carries the member's answer.
 *
 * @param field the field key ({@code WORK_EMAIL}, {@code 707234246}, {@code consent:0}, {@code form}) or mapping target
 * @param message why the field failed
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
