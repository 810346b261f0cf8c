package io.leadsync.camel.linkedin.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP answer from LinkedIn. Header names are case-insensitive. {@link #toString()} never prints the body, which
 * may hold personal data of leads.
 *
 * @param status  the HTTP status code
 * @param headers response headers, looked up case-insensitively
 * @param body    the raw body, empty when there is none
 */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public ApiResponse {
        Objects.requireNonNull(headers, "headers == null");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null) {
                copy.put(name, List.copyOf(values));
            }
        });
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /** 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** LinkedIn's request id for support cases ({@code x-li-uuid}, else {@code x-restli-id}), or {@code null}. */
    public String requestId() {
        String id = header("x-li-uuid");
        return id != null ? id : header("x-restli-id");
    }

    @Override
    public String toString() {
        return "ApiResponse{status=" + status + ", headers=" + headers.keySet() + ", bodyBytes=" + body.length + "}";
    }
}
