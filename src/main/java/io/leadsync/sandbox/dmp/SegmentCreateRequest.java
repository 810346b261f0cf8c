package io.leadsync.sandbox.dmp;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.sandbox.SandboxApiError;

/**
 * The validated body of {@code POST /rest/dmpSegments}: name, type, account, access policy and a LinkedIn
 * destination are required; {@code sourcePlatform} and {@code sourceSegmentId} are kept when given.
 */
record SegmentCreateRequest(String name, String type, String sourcePlatform, String sourceSegmentId,
        String account, String accessPolicy) {

    private static final Pattern SPONSORED_ACCOUNT = Pattern.compile("urn:li:sponsoredAccount:\\d+");
    private static final Set<String> TYPES = Set.of("USER", "COMPANY");
    private static final Set<String> ACCESS_POLICIES = Set.of("PRIVATE", "PUBLIC");

    /** Reads and checks a create body, or throws the 400 LinkedIn answers, naming the field. */
    static SegmentCreateRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SandboxApiError.badRequest("The request body must be a JSON object");
        }
        String name = Fields.text(body, "name");
        if (name == null || name.isBlank()) {
            throw SandboxApiError.badRequest("name is required");
        }
        String type = Fields.text(body, "type");
        if (type == null || !TYPES.contains(type)) {
            throw SandboxApiError.badRequest("type must be USER or COMPANY");
        }
        String account = Fields.text(body, "account");
        if (account == null || !SPONSORED_ACCOUNT.matcher(account).matches()) {
            throw SandboxApiError.badRequest("account must be an ad account URN such as urn:li:sponsoredAccount:123");
        }
        String accessPolicy = Fields.text(body, "accessPolicy");
        if (accessPolicy == null || !ACCESS_POLICIES.contains(accessPolicy)) {
            throw SandboxApiError.badRequest("accessPolicy must be PRIVATE or PUBLIC");
        }
        checkDestinations(body.get("destinations"));
        return new SegmentCreateRequest(name, type, optional(body, "sourcePlatform"), optional(body, "sourceSegmentId"),
                account, accessPolicy);
    }

    private static void checkDestinations(JsonNode destinations) {
        if (destinations == null || !destinations.isArray() || destinations.isEmpty()) {
            throw SandboxApiError.badRequest("destinations must hold one destination: [{\"destination\":\"LINKEDIN\"}]");
        }
        for (JsonNode destination : destinations) {
            if (!"LINKEDIN".equals(Fields.text(destination, "destination"))) {
                throw SandboxApiError.badRequest("destinations[].destination must be LINKEDIN");
            }
        }
    }

    private static String optional(JsonNode body, String field) {
        if (!Fields.present(body, field)) {
            return null;
        }
        String value = Fields.text(body, field);
        if (value == null || value.isBlank()) {
            throw SandboxApiError.badRequest(field + " must be a non-blank string when given");
        }
        return value;
    }
}
