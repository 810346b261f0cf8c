package io.leadsync.camel.linkedin.api;

/** 409: a concurrent change of the same resource (e.g. two DMP segment creates); retried, then surfaced. */
public class ConflictException extends LinkedInApiException {

    public ConflictException(ApiError error) {
        super("LinkedIn reported a conflicting concurrent change" + suffix(error.message()), error);
    }
}
