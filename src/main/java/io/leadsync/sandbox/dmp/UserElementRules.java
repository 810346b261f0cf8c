package io.leadsync.sandbox.dmp;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks one element of {@code POST /rest/dmpSegments/{id}/users}: action, hashed user ids, matching fields. */
final class UserElementRules implements ElementRules {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA512 = Pattern.compile("[0-9a-fA-F]{128}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public String problem(JsonNode element) {
        return Fields.first(
                Fields.action(element),
                userIds(element.get("userIds")),
                Fields.maxLength(element, "firstName", 35),
                Fields.maxLength(element, "lastName", 35),
                Fields.maxLength(element, "title", 50),
                Fields.maxLength(element, "company", 50),
                Fields.country(element));
    }

    /** The first user id's value; hex and UUIDs compare case-insensitively, so the key is lower case. */
    @Override
    public String identity(JsonNode element) {
        return element.get("userIds").get(0).get("idValue").asText().toLowerCase(Locale.ROOT);
    }

    private static String userIds(JsonNode userIds) {
        if (userIds == null || !userIds.isArray() || userIds.isEmpty()) {
            return "userIds must hold at least one user id";
        }
        for (JsonNode userId : userIds) {
            String problem = userId(userId);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String userId(JsonNode userId) {
        if (!userId.isObject()) {
            return "each userIds entry must be an object with idType and idValue";
        }
        String idType = Fields.text(userId, "idType");
        String idValue = Fields.text(userId, "idValue");
        if (idType == null) {
            return "idType is required (SHA256_EMAIL, SHA512_EMAIL or GOOGLE_AID)";
        }
        if (idValue == null || idValue.isEmpty()) {
            return "idValue is required";
        }
        return switch (idType) {
            case "SHA256_EMAIL" -> digest(idValue, SHA256, "SHA-256", "64 lower-case hex characters");
            case "SHA512_EMAIL" -> digest(idValue, SHA512, "SHA-512", "128 hex characters");
            case "GOOGLE_AID" -> UUID.matcher(idValue).matches() ? null
                    : "idValue must be a Google advertising id (a UUID) for idType GOOGLE_AID";
            default -> "idType " + idType + " is not supported: use SHA256_EMAIL, SHA512_EMAIL or GOOGLE_AID";
        };
    }

    // Plain emails must never be uploaded: LinkedIn only takes digests, so name that mistake outright.
    private static String digest(String idValue, Pattern pattern, String algorithm, String shape) {
        if (pattern.matcher(idValue).matches()) {
            return null;
        }
        if (idValue.contains("@")) {
            return "idValue must be a " + algorithm + " hex digest, not a plain email";
        }
        return "idValue must be a " + algorithm + " hex digest (" + shape + ")";
    }
}
