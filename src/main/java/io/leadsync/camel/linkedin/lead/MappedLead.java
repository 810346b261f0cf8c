package io.leadsync.camel.linkedin.lead;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a {@link LeadMapping}: the target values in mapping order (a target whose source is empty or failed
 * maps to {@code null}) and the field errors of this mapping, each naming the target and the reason.
 *
 * @param values target name to value, in mapping order
 * @param fieldErrors what failed to map or convert (the lead's own field errors are in {@link Lead#fieldErrors()})
 */
public record MappedLead(Map<String, Object> values, List<FieldError> fieldErrors) {

    public MappedLead {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        fieldErrors = List.copyOf(fieldErrors);
    }

    /** Whether every target mapped without error. */
    public boolean isComplete() {
        return fieldErrors.isEmpty();
    }
}
