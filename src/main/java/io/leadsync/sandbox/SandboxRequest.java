package io.leadsync.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * One HTTP request as the sandbox sees it. Query values are kept raw (still percent-encoded), because Rest.li
 * structure can only be parsed before decoding.
 */
record SandboxRequest(String method, String rawPath, Map<String, String> rawQuery, Headers headers, byte[] body) {

    static SandboxRequest from(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        return new SandboxRequest(exchange.getRequestMethod().toUpperCase(), rawPath,
                splitQuery(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), body);
    }

    /** Splits {@code a=1&b=2} into raw name/value pairs; names are decoded, values are not. */
    static Map<String, String> splitQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            params.put(RestLiDecoder.percentDecode(name), value);
        }
        return params;
    }

    /** Decodes an HTML form body or OAuth query ({@code +} is a space there, unlike in Rest.li). */
    static Map<String, String> formDecode(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            try {
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw SandboxApiError.badRequest("Malformed form encoding in parameter " + name);
            }
        }
        return params;
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Query parameters decoded the HTML-form way (for the OAuth and admin endpoints). */
    Map<String, String> formQuery() {
        Map<String, String> decoded = new LinkedHashMap<>();
        rawQuery.forEach((k, v) -> {
            try {
                decoded.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw SandboxApiError.badRequest("Malformed encoding in parameter " + k);
            }
        });
        return decoded;
    }
}
