package io.leadsync.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for a Salesforce org, enough for camel-salesforce's username-password login and the sObject REST
 * calls of the leads-to-Salesforce route: the OAuth token endpoint, upsert by external id (201 created, then 204
 * updated) and delete by external id (204, or 404 for a record it does not have). Records every request, and can be
 * scripted to refuse a given external id.
 */
final class SalesforceFake implements AutoCloseable {

    static final String ACCESS_TOKEN = "00Dfake!session-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BY_EXTERNAL_ID = Pattern.compile("/services/data/v(\\d+\\.\\d+)/sobjects/(\\w+)/(\\w+)/([^/]+)");

    /** A request as the fake received it. */
    record Request(String method, String path, String authorization, String contentType, String body) {

        /** The body read as a JSON object. */
        Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<>() { });
            } catch (IOException e) {
                throw new IllegalStateException("Not a JSON object: " + body, e);
            }
        }

        /** The last path segment, URL-decoded: the external id value of an sObject call. */
        String externalId() {
            return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer: the HTTP status and Salesforce's error list. */
    record Refusal(int status, String errorCode, String message, List<String> fields) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** sObject name + external id field + value → the record's fields as last sent. */
    private final Map<String, Map<String, Object>> records = new ConcurrentHashMap<>();
    private final Map<String, Deque<Refusal>> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    SalesforceFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The base URL, for {@code loginUrl} and the token's {@code instance_url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The sObject calls (everything but the login), in order. */
    List<Request> sObjectRequests() {
        return requests.stream().filter(r -> r.path().startsWith("/services/data/")).toList();
    }

    /** The record held for an external id, as last upserted, or {@code null}. */
    Map<String, Object> record(String sObject, String externalIdField, String externalId) {
        return records.get(key(sObject, externalIdField, externalId));
    }

    /** How many records the fake holds. */
    int recordCount() {
        return records.size();
    }

    /** Makes a record exist, as if an earlier sync had created it. */
    void existing(String sObject, String externalIdField, String externalId) {
        records.put(key(sObject, externalIdField, externalId), Map.of());
    }

    /** The next {@code times} calls for {@code externalId} are answered with {@code refusal}. */
    void refuse(String externalId, int times, Refusal refusal) {
        Deque<Refusal> queue = refusals.computeIfAbsent(externalId, id -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(refusal);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            requests.add(new Request(method, path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            if ("POST".equals(method) && "/services/oauth2/token".equals(path)) {
                token(exchange, body);
                return;
            }
            Matcher m = BY_EXTERNAL_ID.matcher(path);
            if (!m.matches()) {
                send(exchange, 404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
                return;
            }
            if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "[{\"errorCode\":\"INVALID_SESSION_ID\",\"message\":\"Session expired or invalid\"}]");
                return;
            }
            String externalId = URLDecoder.decode(m.group(4), StandardCharsets.UTF_8);
            Refusal refusal = nextRefusal(externalId);
            if (refusal != null) {
                send(exchange, refusal.status(), JSON.writeValueAsString(List.of(Map.of("errorCode", refusal.errorCode(),
                        "message", refusal.message(), "fields", refusal.fields()))));
                return;
            }
            String key = key(m.group(2), m.group(3), externalId);
            switch (method) {
                case "PATCH" -> upsert(exchange, key, body);
                case "DELETE" -> {
                    if (records.remove(key) != null) {
                        send(exchange, 204, null);
                    } else {
                        send(exchange, 404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
                    }
                }
                default -> send(exchange, 405, "[{\"errorCode\":\"METHOD_NOT_ALLOWED\",\"message\":\"HTTP Method '" + method
                        + "' not allowed. Allowed are GET,PATCH,DELETE\"}]");
            }
        }
    }

    private void token(HttpExchange exchange, String form) throws IOException {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"password".equals(params.get("grant_type")) || params.get("client_id") == null || params.get("password") == null) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}");
            return;
        }
        send(exchange, 200, JSON.writeValueAsString(Map.of("access_token", ACCESS_TOKEN, "instance_url", baseUrl(),
                "id", baseUrl() + "/id/00Dfake0000000001/005fake0000000001", "token_type", "Bearer",
                "issued_at", String.valueOf(System.currentTimeMillis()), "signature", "ZmFrZS1zaWduYXR1cmU=")));
    }

    private void upsert(HttpExchange exchange, String key, String body) throws IOException {
        Map<String, Object> fields = JSON.readValue(body, new TypeReference<>() { });
        if (records.put(key, fields) == null) {
            String id = String.format("00Qfake%011d", ids.incrementAndGet());
            send(exchange, 201, JSON.writeValueAsString(Map.of("id", id, "success", true, "errors", List.of(), "created", true)));
        } else {
            send(exchange, 204, null);
        }
    }

    private Refusal nextRefusal(String externalId) {
        Deque<Refusal> queue = refusals.get(externalId);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    private static String key(String sObject, String field, String value) {
        return sObject + "/" + field + "/" + value;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
