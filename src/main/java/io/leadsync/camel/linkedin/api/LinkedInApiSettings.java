package io.leadsync.camel.linkedin.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how the client talks to LinkedIn. All three base URLs are configurable so that the client can be pointed
 * at the sandbox, a proxy or a test server.
 *
 * @param restBaseUrl    the versioned Rest.li API, default {@value #DEFAULT_REST_BASE_URL}
 * @param legacyBaseUrl  the legacy API ({@code /userinfo}), default {@value #DEFAULT_LEGACY_BASE_URL}
 * @param oauthBaseUrl   the OAuth endpoints, default {@value #DEFAULT_OAUTH_BASE_URL}
 * @param version        the {@code LinkedIn-Version} sent on every {@code /rest} call ({@code YYYYMM}, optionally
 *                       {@code .RR}), default {@value #DEFAULT_VERSION}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for a whole response
 * @param retryPolicy    retries of transient failures
 */
public record LinkedInApiSettings(String restBaseUrl, String legacyBaseUrl, String oauthBaseUrl, String version,
        Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy) {

    public static final String DEFAULT_REST_BASE_URL = "https://api.linkedin.com/rest";
    public static final String DEFAULT_LEGACY_BASE_URL = "https://api.linkedin.com/v2";
    public static final String DEFAULT_OAUTH_BASE_URL = "https://www.linkedin.com/oauth/v2";
    public static final String DEFAULT_VERSION = "202610";
    /** Where users change the version (named in {@link VersionSunsetException} messages). */
    public static final String VERSION_SETTING = "`apiVersion` option (camel.component.linkedin-leadsync.api-version)";

    private static final Pattern VERSION = Pattern.compile("\\d{6}(\\.\\d{2})?");

    public LinkedInApiSettings {
        restBaseUrl = baseUrl("restBaseUrl", restBaseUrl);
        legacyBaseUrl = baseUrl("legacyBaseUrl", legacyBaseUrl);
        oauthBaseUrl = baseUrl("oauthBaseUrl", oauthBaseUrl);
        Objects.requireNonNull(version, "version == null");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("LinkedIn-Version must be YYYYMM (e.g. " + DEFAULT_VERSION + "), got: " + version);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    }

    /** LinkedIn's real hosts, version {@value #DEFAULT_VERSION}, 10 s connect, 60 s read, {@link RetryPolicy#DEFAULT}. */
    public static LinkedInApiSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().restBaseUrl(restBaseUrl).legacyBaseUrl(legacyBaseUrl).oauthBaseUrl(oauthBaseUrl).version(version)
                .connectTimeout(connectTimeout).readTimeout(readTimeout).retryPolicy(retryPolicy);
    }

    /** The base URL of {@code base}, without a trailing slash. */
    public String baseUrl(ApiBase base) {
        return switch (base) {
            case REST -> restBaseUrl;
            case LEGACY -> legacyBaseUrl;
            case OAUTH -> oauthBaseUrl;
        };
    }

    private static String baseUrl(String name, String url) {
        Objects.requireNonNull(url, name + " == null");
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL: " + url);
        }
        if (uri.getRawQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(name + " must not carry a query or user info");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** Builds {@link LinkedInApiSettings}, starting from the defaults. */
    public static final class Builder {
        private String restBaseUrl = DEFAULT_REST_BASE_URL;
        private String legacyBaseUrl = DEFAULT_LEGACY_BASE_URL;
        private String oauthBaseUrl = DEFAULT_OAUTH_BASE_URL;
        private String version = DEFAULT_VERSION;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

        private Builder() {
        }

        public Builder restBaseUrl(String url) {
            this.restBaseUrl = url;
            return this;
        }

        public Builder legacyBaseUrl(String url) {
            this.legacyBaseUrl = url;
            return this;
        }

        public Builder oauthBaseUrl(String url) {
            this.oauthBaseUrl = url;
            return this;
        }

        /**
         * Points all three bases at one server that serves {@code /rest}, {@code /v2} and {@code /oauth/v2} (the
         * sandbox, a test server), e.g. {@code http://127.0.0.1:8089}.
         */
        public Builder baseUri(String root) {
            String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
            return restBaseUrl(r + "/rest").legacyBaseUrl(r + "/v2").oauthBaseUrl(r + "/oauth/v2");
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        public LinkedInApiSettings build() {
            return new LinkedInApiSettings(restBaseUrl, legacyBaseUrl, oauthBaseUrl, version, connectTimeout, readTimeout, retryPolicy);
        }
    }
}
