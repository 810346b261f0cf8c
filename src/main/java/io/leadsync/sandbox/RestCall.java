package io.leadsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code /rest} call after routing: resource, path keys, Rest.li method, raw parameters and the
 * authenticated token. Parameter accessors decode Rest.li 2.0 and answer LinkedIn's 400 naming the parameter.
 */
final class RestCall {

    static final int MAX_COUNT = 1000;

    final SandboxRequest request;
    final String method;
    final List<String> rawSegments;
    final Map<String, String> params;
    final String restliMethod;
    String version;
    TokenStore.Token token;

    RestCall(SandboxRequest request, String method, Map<String, String> params) {
        this.request = request;
        this.method = method;
        this.params = params;
        this.rawSegments = new ArrayList<>();
        for (String s : request.rawPath().substring("/rest/".length()).split("/")) {
            if (!s.isEmpty()) {
                rawSegments.add(s);
            }
        }
        this.restliMethod = restliMethod(request, method, params, rawSegments.size());
    }

    private static String restliMethod(SandboxRequest request, String method, Map<String, String> params, int segments) {
        String header = request.header("X-RestLi-Method");
        if (header != null && !header.isBlank()) {
            // LinkedIn's JS client sends lower case, its Python client upper case.
            return header.trim().toUpperCase(Locale.ROOT);
        }
        return switch (method) {
            case "GET" -> params.containsKey("ids") ? "BATCH_GET" : params.containsKey("q") ? "FINDER" : "GET";
            case "POST" -> segments <= 1 ? "CREATE" : "POST";
            default -> method;
        };
    }

    /** The resource as stats and permission messages name it, e.g. {@code dmpSegments/users}. */
    String resource() {
        if (rawSegments.isEmpty()) {
            return "";
        }
        return rawSegments.size() >= 3 ? rawSegments.get(0) + "/" + rawSegments.get(2) : rawSegments.get(0);
    }

    String statsKey() {
        return restliMethod + " " + resource();
    }

    /** Decoded path key at {@code index} (0 = resource name). */
    String key(int index) {
        try {
            return RestLiDecoder.decodePathKey(rawSegments.get(index));
        } catch (RestLiDecoder.RestLiSyntaxException e) {
            throw SandboxApiError.badRequest("Invalid path key: " + e.getMessage() + " (path keys must be percent-encoded)");
        }
    }

    int segments() {
        return rawSegments.size();
    }

    String finder() {
        String q = params.get("q");
        return q == null ? null : RestLiDecoder.percentDecode(q);
    }

    /** Requires, for each group, one of its {@code |}-separated scopes; else LinkedIn's 403 ACCESS_DENIED. */
    void require(String... groups) {
        for (String group : groups) {
            boolean granted = false;
            for (String scope : group.split("\\|")) {
                granted |= token.scopes.contains(scope);
            }
            if (!granted) {
                throw denied();
            }
        }
    }

    SandboxApiError denied() {
        String finder = "FINDER".equals(restliMethod) && finder() != null ? "-" + finder() : "";
        // LinkedIn names the version as YYYYMMDD in this message (202601 → 20260101).
        return new SandboxApiError(403, 100, "ACCESS_DENIED", "Not enough permissions to access: "
                + resource().replace('/', '.') + "." + restliMethod + finder + "." + version + "01");
    }

    /** The decoded value of a parameter (String, Map or List), or {@code null} when absent. */
    Object param(String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return RestLiDecoder.decode(raw);
        } catch (RestLiDecoder.RestLiSyntaxException e) {
            throw SandboxApiError.badRequest("Invalid value for parameter '" + name + "': " + e.getMessage());
        }
    }

    String stringParam(String name) {
        Object value = param(name);
        if (value != null && !(value instanceof String)) {
            throw SandboxApiError.badRequest("Parameter '" + name + "' must be a plain value");
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> recordParam(String name) {
        Object value = param(name);
        if (value != null && !(value instanceof Map)) {
            throw SandboxApiError.badRequest("Parameter '" + name + "' must be a Rest.li record, e.g. " + name + "=(k:v)");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    List<Object> listParam(String name) {
        Object value = param(name);
        if (value != null && !(value instanceof List)) {
            throw SandboxApiError.badRequest("Parameter '" + name + "' must be a Rest.li list, e.g. " + name + "=List(a,b)");
        }
        return (List<Object>) value;
    }

    String requiredString(String name) {
        String value = stringParam(name);
        if (value == null || value.isEmpty()) {
            throw SandboxApiError.badRequest("Missing required parameter '" + name + "'");
        }
        return value;
    }

    int intParam(String name, int defaultValue) {
        String value = stringParam(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("Parameter '" + name + "' must be an integer");
        }
    }

    int start() {
        int start = intParam("start", 0);
        if (start < 0) {
            throw SandboxApiError.badRequest("Parameter 'start' must not be negative");
        }
        return start;
    }

    int count(int defaultValue) {
        int count = intParam("count", defaultValue);
        if (count < 0 || count > MAX_COUNT) {
            throw SandboxApiError.badRequest("Invalid value for parameter 'count': " + count
                    + " (must be between 0 and " + MAX_COUNT + ")");
        }
        return count;
    }

    /** The JSON body. Like Rest.li, a missing Content-Type means JSON, but any other declared type is a 415. */
    JsonNode body() {
        String contentType = request.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new SandboxApiError(415, null, null, "Unsupported Content-Type " + contentType + "; send application/json");
        }
        return Json.parseBody(request.body());
    }

    /** Rejects a Rest.li method this route does not serve (LinkedIn answers 400 for a wrong method). */
    SandboxApiError unsupported() {
        return new SandboxApiError(400, 100, "ILLEGAL_ARGUMENT",
                "Method " + restliMethod + " is not supported on " + resource()
                        + (segments() > 1 ? " with a key" : "") + " (check X-RestLi-Method)");
    }
}
