package io.leadsync.camel.linkedin.auth;

import java.time.Instant;

/**
 * One start of LinkedIn's consent flow: the URL to send the member to and the one-time {@code state} that the
 * callback must echo back (CSRF protection) before {@code expiresAt}.
 *
 * @param url       the {@code /oauth/v2/authorization} URL
 * @param state     the random one-time state embedded in the URL
 * @param expiresAt after this instant the state is no longer accepted
 */
public record AuthorizationRequest(String url, String state, Instant expiresAt) {
}
