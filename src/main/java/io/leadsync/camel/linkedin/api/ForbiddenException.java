package io.leadsync.camel.linkedin.api;

import java.util.List;

/**
 * 403: the token lacks a scope, or the member lacks a role, for the resource. Not retried: the member must grant the
 * scope (re-authorize) or be given the role. The message names the resource and what it needs.
 */
public class ForbiddenException extends LinkedInApiException {

    private final String resource;
    private final List<String> requiredScopes;

    public ForbiddenException(ApiError error, String resource, String access, List<String> requiredScopes, String roleHint) {
        super("LinkedIn denied access to " + resource + (access == null ? "" : " (" + access + ")")
                + (requiredScopes.isEmpty() ? "" : "; the token needs scope " + String.join(" ", requiredScopes))
                + (roleHint == null ? "" : "; " + roleHint) + suffix(error.message()), error);
        this.resource = resource;
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    /** The LinkedIn resource that was denied ({@code leadFormResponses}, {@code dmpSegments}, …). */
    public String resource() {
        return resource;
    }

    /** The scopes linkedin-api.md §5 lists for that resource and method. */
    public List<String> requiredScopes() {
        return requiredScopes;
    }
}
