package io.leadsync.sandbox;

/** A {@code /rest/<resource>} handler; it checks its own scopes with {@link RestCall#require}. */
interface RestResource {

    /** The first path segment served, e.g. {@code leadFormResponses}. */
    String name();

    SandboxResponse handle(RestCall call);
}
