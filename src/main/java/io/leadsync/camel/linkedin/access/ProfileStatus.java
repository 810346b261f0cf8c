package io.leadsync.camel.linkedin.access;

import java.util.Set;

/**
 * The answer of a heartbeat (LGF-002): is the connection usable, for which member, and for how long. Never holds a token.
 *
 * @param active                  whether LinkedIn accepts the access token now
 * @param status                  LinkedIn's token status ({@code active}, {@code expired}, {@code revoked}) when known
 * @param memberUrn               the connected member ({@code urn:li:person:…}) when userinfo could be read, else {@code null}
 * @param memberName              the member's name, or {@code null}
 * @param accessTokenDaysLeft     whole days left on the access token, or {@code null} when unknown
 * @param refreshTokenDaysLeft    whole days left on the refresh token, or {@code null} (none, or unknown)
 * @param scopes                  the token's scopes when known
 * @param reauthorizationRequired whether the member must go through LinkedIn's consent screen again
 * @param reason                  why the connection is not usable, or {@code null}
 * @param authorizationUrl        where to send the member when re-authorization is required, or {@code null}
 * @param checkedWith             {@code introspection} or {@code userinfo}: how validity was checked
 */
public record ProfileStatus(boolean active, String status, String memberUrn, String memberName, Long accessTokenDaysLeft,
        Long refreshTokenDaysLeft, Set<String> scopes, boolean reauthorizationRequired, String reason, String authorizationUrl,
        String checkedWith) {
    public ProfileStatus {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
}
