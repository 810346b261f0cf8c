package io.leadsync.camel.linkedin.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What an operator or a health check needs to know about the LinkedIn connection; never contains a token.
 *
 * @param connected                whether API calls can be made now (a usable token, no pending re-authorization)
 * @param accessTokenExpiresAt     when the access token expires, or {@code null} when not connected
 * @param accessTokenDaysLeft      whole days left on the access token, or {@code null}
 * @param refreshTokenExpiresAt    when the refresh token expires, or {@code null} (none granted or unknown)
 * @param refreshTokenDaysLeft     whole days left on the refresh token, or {@code null}
 * @param scopes                   the granted scopes
 * @param reauthorizationRequired  whether the member must authorize again
 * @param reason                   why re-authorization is required, or {@code null}
 * @param authorizationUrl         where to send the member when re-authorization is required, or {@code null}
 * @param lastHeartbeatAt          when the last heartbeat ran, or {@code null}
 * @param lastHeartbeatStatus      LinkedIn's introspection status at the last heartbeat ({@code active},
 *                                 {@code expired}, {@code revoked}), or {@code null}
 */
public record TokenStatus(boolean connected, Instant accessTokenExpiresAt, Long accessTokenDaysLeft,
        Instant refreshTokenExpiresAt, Long refreshTokenDaysLeft, Set<String> scopes, boolean reauthorizationRequired,
        String reason, String authorizationUrl, Instant lastHeartbeatAt, String lastHeartbeatStatus) {

    /** Freezes the scopes. */
    public TokenStatus {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
}
