package io.leadsync.camel.linkedin.api;

/** Which of LinkedIn's three base URLs a request goes to (each configurable in {@link LinkedInApiSettings}). */
public enum ApiBase {
    /** The versioned Rest.li API ({@code https://api.linkedin.com/rest}): carries {@code LinkedIn-Version}. */
    REST,
    /** The unversioned legacy API ({@code https://api.linkedin.com/v2}), only for {@code /userinfo} and {@code /me}. */
    LEGACY,
    /** The OAuth 2.0 endpoints ({@code https://www.linkedin.com/oauth/v2}). */
    OAUTH
}
