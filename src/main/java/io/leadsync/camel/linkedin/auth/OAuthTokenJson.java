package io.leadsync.camel.linkedin.auth;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON form of an {@link OAuthToken} inside an encrypted token file (instants as ISO-8601 strings). */
final class OAuthTokenJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthTokenJson() {
    }

    static byte[] write(OAuthToken token) {
        ObjectNode node = JSON.createObjectNode();
        node.put("accessToken", token.accessToken());
        node.put("accessTokenExpiresAt", token.accessTokenExpiresAt().toString());
        node.put("refreshToken", token.refreshToken());
        node.put("refreshTokenExpiresAt", str(token.refreshTokenExpiresAt()));
        token.scopes().forEach(node.putArray("scopes")::add);
        node.put("grantedAt", token.grantedAt().toString());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new TokenStoreException("Cannot serialize the token", null);
        }
    }

    static OAuthToken read(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            Set<String> scopes = new LinkedHashSet<>();
            node.path("scopes").forEach(s -> scopes.add(s.asText()));
            return new OAuthToken(node.path("accessToken").asText(null), instant(node, "accessTokenExpiresAt"),
                    node.path("refreshToken").asText(null), instant(node, "refreshTokenExpiresAt"), scopes,
                    instant(node, "grantedAt"));
        } catch (IOException | RuntimeException e) {
            // the message of a parse error may quote the content: keep only its type
            throw new TokenStoreException("The decrypted token data is not a valid token record ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String str(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }
}
