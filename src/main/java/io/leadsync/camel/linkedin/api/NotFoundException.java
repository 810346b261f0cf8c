package io.leadsync.camel.linkedin.api;

/** 404: no such resource (or a DMP segment LinkedIn has not finished creating, which is retried for a while). */
public class NotFoundException extends LinkedInApiException {

    public NotFoundException(ApiError error) {
        super("LinkedIn found no such resource" + suffix(error.message()), error);
    }
}
