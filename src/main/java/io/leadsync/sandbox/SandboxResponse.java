package io.leadsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What a sandbox handler answers: status, extra headers and body bytes. */
record SandboxResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    static SandboxResponse json(int status, JsonNode node) {
        return new SandboxResponse(status, "application/json", new LinkedHashMap<>(), Json.bytes(node));
    }

    static SandboxResponse json(JsonNode node) {
        return json(200, node);
    }

    static SandboxResponse empty(int status) {
        return new SandboxResponse(status, null, new LinkedHashMap<>(), new byte[0]);
    }

    static SandboxResponse html(int status, String html) {
        return new SandboxResponse(status, "text/html; charset=utf-8", new LinkedHashMap<>(),
                html.getBytes(StandardCharsets.UTF_8));
    }

    static SandboxResponse redirect(String location) {
        SandboxResponse response = empty(302);
        response.headers().put("Location", location);
        return response;
    }

    /** A 201 for a Rest.li CREATE: LinkedIn puts the new key in {@code x-restli-id}, not in the body. */
    static SandboxResponse created(String id, String location) {
        SandboxResponse response = empty(201);
        response.headers().put("x-restli-id", id);
        response.headers().put("Location", location);
        return response;
    }

    SandboxResponse withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
