package io.leadsync.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadsync.sandbox.WebhookSignatures;

/**
 * A tiny webhook endpoint on 127.0.0.1 playing the integrator's side: it answers LinkedIn's validation challenge with
 * {@code challengeResponse = hex HMAC-SHA256(clientSecret, challengeCode)} and records every delivery (raw bytes and
 * {@code X-LI-Signature}) without judging it, so the test does the verifying.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One POST as it arrived. */
    record Delivery(byte[] rawBody, String signature) {
    }

    private final String clientSecret;
    private final HttpServer server;
    private final List<String> challenges = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    WebhookReceiver(String clientSecret) {
        this.clientSecret = clientSecret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/linkedin/leads", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/linkedin/leads";
    }

    List<String> challenges() {
        return List.copyOf(challenges);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())) {
                String code = queryParam(exchange.getRequestURI().getRawQuery(), "challengeCode");
                if (code == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                challenges.add(code);
                byte[] body = ("{\"challengeCode\":\"" + code + "\",\"challengeResponse\":\""
                        + WebhookSignatures.challengeResponse(clientSecret, code) + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            byte[] raw = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(raw, exchange.getRequestHeaders().getFirst("X-LI-Signature")));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
