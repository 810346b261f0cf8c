package io.leadsync.camel.linkedin.api;

/**
 * 401: LinkedIn rejected the access token (invalid, revoked, expired or empty). Surfaces only after one renewal and
 * replay also failed.
 */
public class UnauthorizedException extends LinkedInApiException {

    public UnauthorizedException(ApiError error) {
        super("LinkedIn rejected the access token" + suffix(error.message()), error);
    }
}
