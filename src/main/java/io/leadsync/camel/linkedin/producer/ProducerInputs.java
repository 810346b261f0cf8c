package io.leadsync.camel.linkedin.producer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfigurationValidator;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.LinkedInLeadSyncOperations;
import io.leadsync.camel.linkedin.LinkedInLeadSyncResource;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.Exchange;

/**
 * Reads a producer operation's inputs: the header first, then the endpoint option. A missing input fails with an
 * IllegalArgumentException that names the operation, the header and the option, so a route author sees what to set.
 */
public final class ProducerInputs {

    private ProducerInputs() {
    }

    /** The operations a resource supports, for error messages. */
    public static List<LinkedInLeadSyncOperations> operationsOf(LinkedInLeadSyncResource resource) {
        return Arrays.stream(LinkedInLeadSyncOperations.values()).filter(o -> o.resource() == resource).toList();
    }

    /** The header's value as text, else {@code option}; {@code null} when both are absent or blank. */
    static String text(Exchange exchange, String header, String option) {
        String value = exchange.getMessage().getHeader(header, String.class);
        if (value == null || value.isBlank()) {
            value = option;
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The header's value as a number, else {@code option}. */
    static Long number(Exchange exchange, String header, Long option, LinkedInLeadSyncOperations operation) {
        Object raw = exchange.getMessage().getHeader(header);
        if (raw == null || raw.toString().isBlank()) {
            return option;
        }
        try {
            return Long.valueOf(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(operation + " needs a numeric header " + header + ", got: " + raw, e);
        }
    }

    /** Like {@link #number} but required. */
    static long requiredNumber(Exchange exchange, String header, Long option, String optionName, LinkedInLeadSyncOperations operation) {
        Long value = number(exchange, header, option, operation);
        if (value == null) {
            throw missing(operation, header, optionName);
        }
        return value;
    }

    /** The form id: header {@link LinkedInLeadSyncConstants#FORM_ID}, else the {@code formIds} option when it names exactly one. */
    static long formId(Exchange exchange, LinkedInLeadSyncConfiguration config, LinkedInLeadSyncOperations operation) {
        List<Long> configured = LinkedInLeadSyncConfigurationValidator.formIds(config);
        return requiredNumber(exchange, LinkedInLeadSyncConstants.FORM_ID, configured.size() == 1 ? configured.get(0) : null,
                "formIds (with a single id)", operation);
    }

    /** The owners: header {@link LinkedInLeadSyncConstants#OWNER} (one URN or a comma-separated list), else the {@code owners} option. */
    static List<LeadOwner> owners(Exchange exchange, LinkedInLeadSyncConfiguration config, LinkedInLeadSyncOperations operation) {
        String header = exchange.getMessage().getHeader(LinkedInLeadSyncConstants.OWNER, String.class);
        List<String> urns = header != null && !header.isBlank() ? LinkedInLeadSyncConfigurationValidator.split(header)
                : LinkedInLeadSyncConfigurationValidator.split(config.getOwners());
        if (urns.isEmpty()) {
            throw missing(operation, LinkedInLeadSyncConstants.OWNER, "owners");
        }
        try {
            return urns.stream().map(LeadOwner::of).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(operation + ": " + e.getMessage() + " (header " + LinkedInLeadSyncConstants.OWNER
                    + " or option owners)", e);
        }
    }

    /** The lead types: header {@link LinkedInLeadSyncConstants#LEAD_TYPE}, else the {@code leadTypes} option. */
    static List<LeadType> leadTypes(Exchange exchange, LinkedInLeadSyncConfiguration config, LinkedInLeadSyncOperations operation) {
        String header = exchange.getMessage().getHeader(LinkedInLeadSyncConstants.LEAD_TYPE, String.class);
        if (header == null || header.isBlank()) {
            return LinkedInLeadSyncConfigurationValidator.leadTypes(config);
        }
        try {
            return LinkedInLeadSyncConfigurationValidator.split(header).stream()
                    .map(t -> LeadType.valueOf(t.toUpperCase(Locale.ROOT))).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(operation + ": header " + LinkedInLeadSyncConstants.LEAD_TYPE + "=" + header
                    + " is not a lead type (SPONSORED, EVENT, COMPANY, ORGANIZATION_PRODUCT)", e);
        }
    }

    /** The lead types among {@code types} that {@code owner} can own (SPONSORED for ad accounts, the others for pages). */
    static List<LeadType> typesOf(LeadOwner owner, List<LeadType> types) {
        return types.stream().filter(t -> t.ownedBySponsoredAccount() == owner.isSponsoredAccount()).toList();
    }

    /** The body as {@code type}: the type itself, a Map or a JSON text of its fields (converted with LinkedIn's JSON rules). */
    static <T> T body(Exchange exchange, Class<T> type, LinkedInLeadSyncOperations operation, String shape) {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            throw new IllegalArgumentException(operation + " needs a body: " + shape);
        }
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        try {
            if (body instanceof Map<?, ?> map) {
                return LinkedInJson.convert(map, type);
            }
            if (body instanceof String || body instanceof byte[]) {
                return LinkedInJson.read(exchange.getMessage().getBody(byte[].class), type);
            }
        } catch (RuntimeException e) {
            // the message only: a body's content can hold a member's personal data
            throw new IllegalArgumentException(operation + " needs a body of " + shape + "; it could not be read as "
                    + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException(operation + " needs a body of " + shape + ", got " + body.getClass().getName());
    }

    static IllegalArgumentException missing(LinkedInLeadSyncOperations operation, String header, String option) {
        return new IllegalArgumentException(operation + " needs header " + header
                + (option == null ? "" : " or option " + option));
    }

    /** Sets the result body (and LinkedIn's status) on the exchange's message. */
    static void result(Exchange exchange, Object body, int httpStatus) {
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.HTTP_STATUS, httpStatus);
    }
}
