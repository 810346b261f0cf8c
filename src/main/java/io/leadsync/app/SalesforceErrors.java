package io.leadsync.app;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * Reads what Salesforce said when it refused a request: the dead-letter reason of a lead, and whether trying the same
 * request again can help.
 */
public final class SalesforceErrors {

    private SalesforceErrors() {
    }

    /**
     * The reason a lead failed, in Salesforce's words when Salesforce answered
     * ({@code Salesforce 400 REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] [fields: LastName]}),
     * else {@code Salesforce request failed: <the exception's message>}. Always starts with "Salesforce", as the
     * dead-letter table is shared with the database sink.
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        SalesforceException salesforce = salesforceCause(failure);
        if (salesforce != null && salesforce.getErrors() != null && !salesforce.getErrors().isEmpty()) {
            return "Salesforce " + salesforce.getStatusCode() + " "
                    + salesforce.getErrors().stream().map(SalesforceErrors::describe).collect(Collectors.joining("; "));
        }
        Throwable root = salesforce != null ? salesforce : failure;
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return salesforce != null && salesforce.getStatusCode() > 0 ? "Salesforce " + salesforce.getStatusCode() + " " + message
                : "Salesforce request failed: " + message;
    }

    /**
     * Whether sending the same request again may succeed. Salesforce's 4xx answers (a validation rule, a missing
     * required field, a duplicate rule, an unknown field) repeat identically, so they are not retried; 5xx answers,
     * {@code REQUEST_LIMIT_EXCEEDED}, row locks and failures without an answer are. A 401 never reaches here: the
     * component logs in again by itself.
     */
    public static boolean isRetryable(Throwable failure) {
        SalesforceException salesforce = salesforceCause(failure);
        if (salesforce == null || salesforce.getStatusCode() <= 0) {
            return true;
        }
        int status = salesforce.getStatusCode();
        if (status == 429 || status >= 500) {
            return true;
        }
        // Salesforce answers 403 for the org's API request limit and 400 for a record locked by another transaction
        List<RestError> errors = salesforce.getErrors() == null ? List.of() : salesforce.getErrors();
        return errors.stream().map(RestError::getErrorCode)
                .anyMatch(code -> "REQUEST_LIMIT_EXCEEDED".equals(code) || "UNABLE_TO_LOCK_ROW".equals(code));
    }

    private static String describe(RestError error) {
        StringBuilder text = new StringBuilder();
        text.append(error.getErrorCode() == null ? "ERROR" : error.getErrorCode()).append(": ").append(error.getMessage());
        if (error.getFields() != null && !error.getFields().isEmpty()) {
            text.append(" [fields: ").append(String.join(", ", error.getFields())).append(']');
        }
        return text.toString();
    }

    private static SalesforceException salesforceCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SalesforceException salesforce) {
                return salesforce;
            }
        }
        return null;
    }
}
