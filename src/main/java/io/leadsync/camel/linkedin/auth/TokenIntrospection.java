package io.leadsync.camel.linkedin.auth;

import java.time.Instant;
import java.util.Set;

/**
 * LinkedIn's answer to {@code POST /oauth/v2/introspectToken}: whether a token is still accepted and why not.
 *
 * @param active        whether LinkedIn accepts the token now
 * @param status        {@code active}, {@code expired} or {@code revoked}
 * @param scopes        the scopes of the token (LinkedIn separates them with commas)
 * @param clientId      the application the token belongs to
 * @param createdAt     when the token was minted, or {@code null}
 * @param expiresAt     when the token expires, or {@code null}
 * @param authorizedAt  when the member granted access, or {@code null}
 * @param authType      {@code 3L} (member) or {@code 2L} (application)
 */
public record TokenIntrospection(boolean active, String status, Set<String> scopes, String clientId,
        Instant createdAt, Instant expiresAt, Instant authorizedAt, String authType) {

    /** Status of a token LinkedIn accepts. */
    public static final String STATUS_ACTIVE = "active";
    /** Status of a token past its expiry. */
    public static final String STATUS_EXPIRED = "expired";
    /** Status of a token whose grant the member or LinkedIn revoked. */
    public static final String STATUS_REVOKED = "revoked";

    /** Freezes the scopes. */
    public TokenIntrospection {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /** Whether the member revoked the grant (a refresh cannot help then). */
    public boolean revoked() {
        return STATUS_REVOKED.equalsIgnoreCase(status);
    }
}
