package io.leadsync.camel.linkedin.api;

import java.io.IOException;

/**
 * LinkedIn could not be reached or did not answer in time (an {@link IOException} of the HTTP client). When
 * {@link #connectFailure()} is true the request was never sent, so retrying it is safe even for a create.
 */
public class LinkedInTransportException extends RuntimeException {

    private final boolean connectFailure;

    public LinkedInTransportException(String call, boolean connectFailure, IOException cause) {
        super((connectFailure ? "Could not connect to LinkedIn for " : "No answer from LinkedIn for ") + call + ": "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        this.connectFailure = connectFailure;
    }

    /** Whether the connection failed before anything was sent. */
    public boolean connectFailure() {
        return connectFailure;
    }
}
