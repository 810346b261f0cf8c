package io.leadsync.camel.linkedin.webhook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.lead.LeadAction;
import io.leadsync.camel.linkedin.logging.Untrusted;
import io.leadsync.camel.linkedin.model.LeadActionNotification;

/**
 * The notifications of one webhook POST. LinkedIn sends one notification object per POST; an array of them is
 * accepted too, so that a batching proxy in front of the route does not break it.
 */
public final class WebhookDelivery {

    static final String LEAD_URN_PREFIX = "urn:li:leadGenFormResponse:";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The lead_id column's length: a longer id could not be stored or tombstoned. */
    static final int MAX_LEAD_ID_LENGTH = 255;
    // printable, no whitespace: LinkedIn's ids are UUID-like; anything else is not a lead id worth a log line
    private static final java.util.regex.Pattern PRINTABLE_ID = java.util.regex.Pattern.compile("[\\x21-\\x7e]+");

    private WebhookDelivery() {
    }

    /**
     * Parses and checks a raw body.
     *
     * @throws InvalidDeliveryException with a message fit for the 400 answer (it never repeats the body)
     */
    static List<LeadActionNotification> parse(byte[] rawBody) throws InvalidDeliveryException {
        JsonNode root;
        try {
            root = MAPPER.readTree(rawBody);
        } catch (IOException e) {
            throw new InvalidDeliveryException("the body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidDeliveryException("the body is empty");
        }
        List<JsonNode> elements = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(elements::add);
            if (elements.isEmpty()) {
                throw new InvalidDeliveryException("the body is an empty array of notifications");
            }
        } else if (root.isObject()) {
            elements.add(root);
        } else {
            throw new InvalidDeliveryException("the body must be a lead notification object or an array of them");
        }
        List<LeadActionNotification> notifications = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            notifications.add(notification(elements.get(i), root.isArray() ? "notification " + i : "the notification"));
        }
        return notifications;
    }

    private static LeadActionNotification notification(JsonNode node, String which) throws InvalidDeliveryException {
        if (!node.isObject()) {
            throw new InvalidDeliveryException(which + " is not a JSON object");
        }
        JsonNode lead = node.get("leadGenFormResponse");
        if (lead == null || !lead.isTextual() || lead.asText().isBlank()) {
            throw new InvalidDeliveryException(which + " has no leadGenFormResponse");
        }
        if (!lead.asText().startsWith(LEAD_URN_PREFIX) || lead.asText().length() == LEAD_URN_PREFIX.length()) {
            throw new InvalidDeliveryException(which + " has a leadGenFormResponse that is not a " + LEAD_URN_PREFIX + "{id} URN");
        }
        String id = lead.asText().substring(LEAD_URN_PREFIX.length());
        if (id.length() > MAX_LEAD_ID_LENGTH || !PRINTABLE_ID.matcher(id).matches()) {
            throw new InvalidDeliveryException(which + " has a lead id that is longer than " + MAX_LEAD_ID_LENGTH
                                               + " characters or contains spaces or control characters");
        }
        JsonNode action = node.get("leadAction");
        if (action == null || !action.isTextual() || action.asText().isBlank()) {
            throw new InvalidDeliveryException(which + " has no leadAction");
        }
        try {
            LeadAction.valueOf(action.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidDeliveryException(which + " has leadAction " + Untrusted.text(action.asText()) + "; expected CREATED or DELETED");
        }
        try {
            return MAPPER.treeToValue(node, LeadActionNotification.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // a malformed owner (both or neither URN) or a non-numeric occurredAt
            throw new InvalidDeliveryException(which + " has a malformed owner, associatedEntity or occurredAt");
        }
    }

    /** A POST LinkedIn's contract does not allow; answered 400 with this message. */
    static final class InvalidDeliveryException extends Exception {
        InvalidDeliveryException(String message) {
            super(message, null, false, false);
        }
    }
}
