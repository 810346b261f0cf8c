package io.leadsync.sandbox;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Lead owners ({@code sponsoredAccount} or {@code organization}) and the lead types each may have. */
final class Owners {

    static final Set<String> LEAD_TYPES = Set.of("SPONSORED", "EVENT", "COMPANY", "ORGANIZATION_PRODUCT");

    private Owners() {
    }

    /** Reads an owner record parameter, e.g. {@code owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A1)}. */
    static ObjectNode owner(RestCall call, String name) {
        Map<String, Object> record = call.recordParam(name);
        if (record == null) {
            throw SandboxApiError.badRequest("Missing required parameter '" + name + "'");
        }
        return ownerOf(record, name);
    }

    static ObjectNode ownerOf(Map<String, Object> record, String name) {
        if (record.size() != 1) {
            throw SandboxApiError.badRequest("Parameter '" + name + "' must name exactly one of sponsoredAccount, organization");
        }
        Map.Entry<String, Object> entry = record.entrySet().iterator().next();
        ObjectNode owner = Json.object();
        if (!(entry.getValue() instanceof String urn)) {
            throw SandboxApiError.badRequest("Parameter '" + name + "' must hold a URN");
        }
        owner.put(entry.getKey(), urn);
        leadTypeOf(owner, name);
        return owner;
    }

    /** Checks an owner object and answers the default lead type of its kind. */
    static String leadTypeOf(JsonNode owner, String name) {
        if (owner != null && owner.isObject() && owner.size() == 1) {
            String account = Json.text(owner, "sponsoredAccount");
            if (account != null && account.matches("urn:li:sponsoredAccount:\\d+")) {
                return "SPONSORED";
            }
            String organization = Json.text(owner, "organization");
            if (organization != null && organization.matches("urn:li:organization:\\d+")) {
                return "COMPANY";
            }
        }
        throw SandboxApiError.badRequest("Invalid '" + name + "': expected {\"sponsoredAccount\":\"urn:li:sponsoredAccount:…\"}"
                + " or {\"organization\":\"urn:li:organization:…\"}");
    }

    /** SPONSORED leads belong to ad accounts; EVENT, COMPANY and ORGANIZATION_PRODUCT leads to organizations. */
    static void checkLeadType(JsonNode owner, String leadType, String name) {
        if (!LEAD_TYPES.contains(leadType)) {
            throw SandboxApiError.badRequest("Invalid value for parameter '" + name + "': " + leadType
                    + " (one of " + LEAD_TYPES + ")");
        }
        boolean sponsoredOwner = owner.has("sponsoredAccount");
        if (sponsoredOwner != "SPONSORED".equals(leadType)) {
            throw SandboxApiError.badRequest("Lead type " + leadType + " does not match the owner: SPONSORED leads belong "
                    + "to a sponsoredAccount, other types to an organization");
        }
    }
}
