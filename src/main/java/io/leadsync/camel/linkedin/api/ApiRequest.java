package io.leadsync.camel.linkedin.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One immutable call to LinkedIn: built with {@link #builder()}, copied with {@link #toBuilder()} (retries and
 * re-authorised replays), checked when built. The path and query are already Rest.li-encoded. {@link #toString()}
 * prints header names only, so an {@code Authorization} value never reaches a log.
 *
 * @param method                 {@code GET}, {@code POST} or {@code DELETE}
 * @param base                   which base URL the path is relative to
 * @param path                   the encoded path, starting with {@code /} (e.g. {@code /leadForms/123})
 * @param query                  parameter name to encoded value, in sending order
 * @param restLiMethod           the {@code X-RestLi-Method} (FINDER, BATCH_GET, PARTIAL_UPDATE, …) or {@code null}
 * @param headers                extra headers (case-insensitive names)
 * @param body                   the request body, {@code null} for none
 * @param notFoundRetryableUntil a 404 is retried until this instant (a DMP segment LinkedIn is still creating), or
 *                               {@code null} when a 404 is final
 */
public record ApiRequest(String method, ApiBase base, String path, Map<String, String> query, String restLiMethod,
        Map<String, String> headers, byte[] body, Instant notFoundRetryableUntil) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");

    public ApiRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = Collections.unmodifiableMap(h);
    }

    /** A new builder for a {@code GET} on the versioned REST base. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this request. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The encoded query ({@code a=1&b=(x:y)}), empty when there are no parameters. */
    public String encodedQuery() {
        StringJoiner joiner = new StringJoiner("&");
        query.forEach((name, value) -> joiner.add(name + "=" + value));
        return joiner.toString();
    }

    /** {@code "GET /rest/leadForms"}-style label for messages: the method and path without the query. */
    public String describe() {
        String prefix = switch (base) {
            case REST -> "/rest";
            case LEGACY -> "/v2";
            case OAUTH -> "/oauth/v2";
        };
        return method + " " + prefix + path + (restLiMethod == null ? "" : " (" + restLiMethod + ")");
    }

    /** The value of a request header, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "ApiRequest{" + describe() + ", params=" + query.keySet() + ", headers=" + headers.keySet()
                + ", bodyBytes=" + (body == null ? 0 : body.length) + "}";
    }

    /** Builds an {@link ApiRequest}; {@link #build()} rejects inconsistent requests with an exact message. */
    public static final class Builder {
        private String method = "GET";
        private ApiBase base = ApiBase.REST;
        private String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private String restLiMethod;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body;
        private Instant notFoundRetryableUntil;

        private Builder() {
        }

        private Builder(ApiRequest request) {
            method = request.method;
            base = request.base;
            path = request.path;
            query.putAll(request.query);
            restLiMethod = request.restLiMethod;
            headers.putAll(request.headers);
            body = request.body;
            notFoundRetryableUntil = request.notFoundRetryableUntil;
        }

        /** {@code GET}, {@code POST} or {@code DELETE}. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** A {@code GET} (drops any body). */
        public Builder get() {
            this.body = null;
            return method("GET");
        }

        /** A {@code POST} with a JSON body. */
        public Builder postJson(byte[] json) {
            this.body = json;
            header("Content-Type", "application/json");
            return method("POST");
        }

        /** A {@code DELETE} (drops any body); Rest.li also wants {@code restLiMethod("DELETE")}. */
        public Builder delete() {
            this.body = null;
            return method("DELETE");
        }

        /** Which base URL the path is relative to; default {@link ApiBase#REST}. */
        public Builder base(ApiBase base) {
            this.base = base;
            return this;
        }

        /** The encoded path relative to the base; use {@link RestLi#encodePathKey} for keys. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Adds (or replaces) a parameter whose value is Rest.li-encoded from a plain Java value. */
        public Builder param(String name, Object value) {
            query.put(RestLi.escape(name), RestLi.encodeValue(value));
            return this;
        }

        /** Adds a parameter only when {@code value} is not {@code null}. */
        public Builder paramIfPresent(String name, Object value) {
            return value == null ? this : param(name, value);
        }

        /** The {@code fields} projection, the one parameter LinkedIn wants unencoded. */
        public Builder fields(String projection) {
            if (projection == null) {
                query.remove("fields");
            } else {
                query.put("fields", RestLi.fieldsProjection(projection));
            }
            return this;
        }

        /** The {@code X-RestLi-Method} (FINDER, BATCH_GET, BATCH_CREATE, PARTIAL_UPDATE, DELETE), or {@code null}. */
        public Builder restLiMethod(String restLiMethod) {
            this.restLiMethod = restLiMethod;
            return this;
        }

        /** Sets a header (names are case-insensitive). */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "header name == null"), Objects.requireNonNull(value, "header value == null"));
            return this;
        }

        /** The raw body; prefer {@link #postJson}. */
        public Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        /** Marks a 404 as "not ready yet" until {@code until} (a DMP segment this client just created). */
        public Builder notFoundRetryableUntil(Instant until) {
            this.notFoundRetryableUntil = until;
            return this;
        }

        /**
         * @throws NullPointerException     {@code "method == null"}, {@code "base == null"}, {@code "path == null"}
         * @throws IllegalArgumentException for an unknown method, a relative or unencoded path, a GET or DELETE with a
         *                                  body, or a POST without one
         */
        public ApiRequest build() {
            Objects.requireNonNull(method, "method == null");
            Objects.requireNonNull(base, "base == null");
            Objects.requireNonNull(path, "path == null");
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("method " + method + " is not one LinkedIn uses (GET, POST, DELETE).");
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            if (path.chars().anyMatch(c -> c == ' ' || c == '?' || c == '#' || c > 127)) {
                throw new IllegalArgumentException("path must be encoded, without query or fragment: " + path);
            }
            if ("POST".equals(method) && body == null) {
                throw new IllegalArgumentException("method POST must have a request body.");
            }
            if (!"POST".equals(method) && body != null) {
                throw new IllegalArgumentException("method " + method + " must not have a request body.");
            }
            return new ApiRequest(method, base, path, query, restLiMethod, headers, body, notFoundRetryableUntil);
        }
    }
}
