package io.leadsync.camel.linkedin.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny scripted LinkedIn for tests: records every request and answers with scripted responses, either from a FIFO
 * queue or from a handler bound to a method and path. Faults are data, as in OkHttp's MockWebServer.
 */
final class ScriptedLinkedIn implements AutoCloseable {

    /** One request as received (header names lower case). */
    record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.get(0);
        }
    }

    /** One scripted answer. */
    record Scripted(int status, Map<String, String> headers, String body) {
        static Scripted json(int status, String body) {
            return new Scripted(status, Map.of("Content-Type", "application/json"), body);
        }

        static Scripted error(int status, String code, String message) {
            return json(status, "{\"status\":" + status + ",\"serviceErrorCode\":100,\"code\":\"" + code + "\",\"message\":\""
                    + message + "\"}");
        }

        Scripted withHeader(String name, String value) {
            Map<String, String> h = new TreeMap<>(headers);
            h.put(name, value);
            return new Scripted(status, h, body);
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> queue = new ArrayDeque<>();
    private final Map<String, Function<Recorded, Scripted>> handlers = new ConcurrentHashMap<>();

    ScriptedLinkedIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Root URL serving {@code /rest}, {@code /v2} and {@code /oauth/v2}. */
    String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings pointing every base at this server, with fast, deterministic retries. */
    LinkedInApiSettings settings() {
        return LinkedInApiSettings.builder().baseUri(baseUri()).build();
    }

    synchronized ScriptedLinkedIn enqueue(Scripted... responses) {
        queue.addAll(List.of(responses));
        return this;
    }

    /** Answers every {@code method path} (path without query, e.g. {@code /rest/leadForms}) with {@code handler}. */
    ScriptedLinkedIn on(String method, String path, Function<Recorded, Scripted> handler) {
        handlers.put(method + " " + path, handler);
        return this;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            requests.add(recorded);
            Scripted answer = answer(recorded);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Scripted answer(Recorded recorded) {
        Function<Recorded, Scripted> handler = handlers.get(recorded.method() + " " + recorded.path());
        if (handler != null) {
            return handler.apply(recorded);
        }
        synchronized (this) {
            Scripted next = queue.poll();
            return next != null ? next : Scripted.error(599, "UNSCRIPTED", "no scripted answer for " + recorded.method() + " " + recorded.path());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
