package io.leadsync.camel.linkedin.api;

/** 5xx or 408: a transient failure on LinkedIn's side that persisted through every retry. */
public class ServerErrorException extends LinkedInApiException {

    public ServerErrorException(ApiError error) {
        super("LinkedIn failed with a transient error" + suffix(error.message()), error);
    }
}
