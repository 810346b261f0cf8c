package io.leadsync.camel.linkedin.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LinkedIn's OAuth 2.0 3-legged endpoints ({@code /oauth/v2/authorization}, {@code /accessToken},
 * {@code /introspectToken}) over {@link java.net.http.HttpClient}. Immutable and thread-safe; the only state it keeps
 * is the one-time {@code state} values of authorizations in progress. The client secret never appears in
 * {@link #toString()}, logs or exception messages.
 */
public final class OAuthClient {

    /** LinkedIn's OAuth base URL. */
    public static final String DEFAULT_OAUTH_BASE_URL = "https://www.linkedin.com/oauth/v2";

    private static final Logger LOG = LoggerFactory.getLogger(OAuthClient.class);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final Set<String> scopes;
    private final String oauthBaseUrl;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Duration requestTimeout;
    private final OAuthStateStore stateStore;

    private OAuthClient(Builder b) {
        this.clientId = requireText(b.clientId, "clientId");
        this.clientSecret = requireText(b.clientSecret, "clientSecret");
        this.redirectUri = requireText(b.redirectUri, "redirectUri");
        if (b.scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must name at least one LinkedIn scope");
        }
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(b.scopes));
        String base = requireText(b.oauthBaseUrl, "oauthBaseUrl");
        this.oauthBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String scheme = URI.create(this.oauthBaseUrl).getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("oauthBaseUrl must be an http(s) URL: " + this.oauthBaseUrl);
        }
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.httpClient = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.requestTimeout = b.requestTimeout != null ? b.requestTimeout : Duration.ofSeconds(30);
        this.stateStore = b.stateStore != null ? b.stateStore : new OAuthStateStore(this.clock);
    }

    /** A builder; clientId, clientSecret, redirectUri and scopes are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The consent-screen URL for a state the caller manages itself. Scopes are space-separated as LinkedIn documents
     * (its JS client joins them with commas; both are accepted by LinkedIn).
     */
    public String authorizationUrl(String state) {
        requireText(state, "state");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", String.join(" ", scopes));
        query.put("state", state);
        // a URL wants %20 for spaces; URLEncoder's '+' would reach LinkedIn as a literal plus in some proxies
        return oauthBaseUrl + "/authorization?" + encode(query).replace("+", "%20");
    }

    /** Starts an authorization: a new random one-time state, remembered for the callback, and its URL. */
    public AuthorizationRequest newAuthorization() {
        return newAuthorization(null);
    }

    /** Starts an authorization whose state only a callback carrying {@code browserBinding} redeems. */
    public AuthorizationRequest newAuthorization(String browserBinding) {
        OAuthStateStore.Issued issued = stateStore.issue(browserBinding);
        return new AuthorizationRequest(authorizationUrl(issued.state()), issued.state(), issued.expiresAt());
    }

    /** Accepts the {@code state} of a callback once; false for unknown, expired or reused states. */
    public boolean consumeState(String state) {
        return stateStore.consume(state);
    }

    /** Accepts the {@code state} of a callback once when it comes with the binding it was issued for. */
    public boolean consumeState(String state, String browserBinding) {
        return stateStore.consume(state, browserBinding);
    }

    /**
     * Exchanges an authorization code (valid 30 minutes, usable once) for a token.
     *
     * @throws InvalidGrantException when the code is expired or was already used
     * @throws OAuthException        for any other refusal or when LinkedIn cannot be reached
     */
    public OAuthToken exchangeCode(String code) {
        requireText(code, "code");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return token("authorization_code grant", form, List.of(code));
    }

    /**
     * Mints a new access token with a refresh token. The result carries LinkedIn's answer as is; combine it with
     * the previous token through {@link OAuthToken#afterRefresh(OAuthToken, OAuthToken)} to keep the first grant's
     * refresh-token expiry.
     *
     * @throws InvalidGrantException when the refresh token is expired or revoked
     * @throws OAuthException        for any other refusal or when LinkedIn cannot be reached
     */
    public OAuthToken refresh(String refreshToken) {
        requireText(refreshToken, "refreshToken");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return token("refresh_token grant", form, List.of(refreshToken));
    }

    /**
     * Asks LinkedIn whether {@code token} is still accepted (no scope needed): the heartbeat of LGF-002.
     *
     * @throws OAuthException when LinkedIn refuses the request or cannot be reached
     */
    public TokenIntrospection introspect(String token) {
        requireText(token, "token");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("token", token);
        JsonNode body = post("introspectToken", "token introspection", form, List.of(token));
        return new TokenIntrospection(body.path("active").asBoolean(false), text(body, "status"),
                OAuthToken.parseScopes(text(body, "scope")), text(body, "client_id"), epochSeconds(body, "created_at"),
                epochSeconds(body, "expires_at"), epochSeconds(body, "authorized_at"), text(body, "auth_type"));
    }

    /** The application's client id (public). */
    public String clientId() {
        return clientId;
    }

    /** Where LinkedIn sends the member back with {@code code} and {@code state}. */
    public String redirectUri() {
        return redirectUri;
    }

    /** The scopes requested at authorization, in order. */
    public Set<String> scopes() {
        return scopes;
    }

    /** The OAuth base URL, without a trailing slash. */
    public String oauthBaseUrl() {
        return oauthBaseUrl;
    }

    /** The clock used for token expiries and state lifetimes. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", redirectUri=" + redirectUri + ", scopes=" + scopes
                + ", oauthBaseUrl=" + oauthBaseUrl + "]";
    }

    private OAuthToken token(String operation, Map<String, String> form, List<String> sentSecrets) {
        JsonNode body = post("accessToken", operation, form, sentSecrets);
        String accessToken = text(body, "access_token");
        if (accessToken == null || accessToken.isBlank() || !body.path("expires_in").canConvertToLong()) {
            throw new OAuthException(operation, 200, "invalid_response",
                    "the answer lacks access_token or expires_in", null);
        }
        Long refreshExpiresIn = body.path("refresh_token_expires_in").canConvertToLong()
                ? body.path("refresh_token_expires_in").asLong() : null;
        OAuthToken token = OAuthToken.fromTokenResponse(accessToken, body.path("expires_in").asLong(),
                text(body, "refresh_token"), refreshExpiresIn, text(body, "scope"), clock.instant());
        LOG.debug("LinkedIn {} succeeded: access token sha256:{} expires at {}, refresh token {}", operation,
                token.accessTokenFingerprint(), token.accessTokenExpiresAt(),
                token.hasRefreshToken() ? "granted" : "not granted");
        return token;
    }

    private JsonNode post(String path, String operation, Map<String, String> form, List<String> sentSecrets) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(oauthBaseUrl + "/" + path))
                .timeout(requestTimeout)
                .header("Content-Type", FORM)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = httpClient.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("LinkedIn {} could not reach {}/{}: {}", operation, oauthBaseUrl, path, e.getClass().getName());
            throw new OAuthException(operation, 0, OAuthException.TRANSPORT_ERROR,
                    "POST " + oauthBaseUrl + "/" + path + " failed: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException(operation, 0, OAuthException.TRANSPORT_ERROR, "interrupted", null);
        }
        LOG.debug("POST {}/{} ({}) -> HTTP {}", oauthBaseUrl, path, operation, response.statusCode());
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw failure(operation, response.statusCode(), body, sentSecrets);
        }
        if (body == null || !body.isObject()) {
            throw new OAuthException(operation, response.statusCode(), "invalid_response",
                    "the answer is not a JSON object", null);
        }
        return body;
    }

    private OAuthException failure(String operation, int status, JsonNode body, List<String> sentSecrets) {
        String error = body == null ? null : text(body, "error");
        String description = body == null ? null : redact(text(body, "error_description"), sentSecrets);
        if (InvalidGrantException.INVALID_GRANT.equals(error)) {
            return new InvalidGrantException(operation, status, description);
        }
        return new OAuthException(operation, status, error != null ? error : "http_" + status, description, null);
    }

    // LinkedIn's descriptions are free text; never let one echo back a code, a token or the secret we sent
    private String redact(String description, List<String> sentSecrets) {
        if (description == null) {
            return null;
        }
        String result = description.replace(clientSecret, "[redacted]");
        for (String secret : sentSecrets) {
            result = result.replace(secret, "[redacted]");
        }
        return result;
    }

    /**
     * Created on the first answer, not when the app wires its beans: Jackson's first ObjectMapper loads a few hundred
     * classes, and the app builds this client before camel-main starts.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant epochSeconds(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Builds an {@link OAuthClient}. */
    public static final class Builder {
        private String clientId;
        private String clientSecret;
        private String redirectUri;
        private final List<String> scopes = new ArrayList<>();
        private String oauthBaseUrl = DEFAULT_OAUTH_BASE_URL;
        private HttpClient httpClient;
        private Clock clock;
        private Duration requestTimeout;
        private OAuthStateStore stateStore;

        private Builder() {
        }

        /** The application's client id. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The application's client secret; kept out of logs, messages and toString. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** The redirect URI registered for the application. */
        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        /** The scopes to request (replaces any given before); duplicates are dropped. */
        public Builder scopes(Collection<String> scopes) {
            this.scopes.clear();
            scopes.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().forEach(this.scopes::add);
            return this;
        }

        /** The scopes to request (replaces any given before). */
        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        /** The OAuth base URL; default {@value OAuthClient#DEFAULT_OAUTH_BASE_URL}. Point it at the sandbox in tests. */
        public Builder oauthBaseUrl(String oauthBaseUrl) {
            this.oauthBaseUrl = oauthBaseUrl;
            return this;
        }

        /** The HTTP client; default a new one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** The clock for expiries; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Timeout of one OAuth request; default 30 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** Where one-time states live; default a new store with a 10-minute lifetime on the client's clock. */
        public Builder stateStore(OAuthStateStore stateStore) {
            this.stateStore = stateStore;
            return this;
        }

        /** Validates and builds. */
        public OAuthClient build() {
            return new OAuthClient(this);
        }
    }
}
