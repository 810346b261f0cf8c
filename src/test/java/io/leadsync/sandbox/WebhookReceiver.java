package io.leadsync.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A test webhook: answers LinkedIn's challenge (correctly or not) and records every delivery. */
final class WebhookReceiver implements AutoCloseable {

    /** One POST as received: raw body and signature header. */
    record Delivery(byte[] body, String signature, String contentType) {
    }

    private final HttpServer server;
    private final String secret;
    volatile boolean answerChallengeCorrectly = true;
    final AtomicInteger failuresBeforeSuccess = new AtomicInteger();
    final AtomicInteger posts = new AtomicInteger();
    final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    /** The body of every POST in the order received, refused ones included (the order of attempts). */
    final List<byte[]> postedBodies = new CopyOnWriteArrayList<>();

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if ("GET".equals(exchange.getRequestMethod())) {
            Map<String, String> query = SandboxRequest.formDecode(exchange.getRequestURI().getRawQuery());
            String code = URLDecoder.decode(query.getOrDefault("challengeCode", ""), StandardCharsets.UTF_8);
            String answer = answerChallengeCorrectly ? WebhookSignatures.challengeResponse(secret, code) : "0".repeat(64);
            respond(exchange, 200, "{\"challengeCode\":\"" + code + "\",\"challengeResponse\":\"" + answer + "\"}");
            return;
        }
        posts.incrementAndGet();
        postedBodies.add(body);
        if (failuresBeforeSuccess.getAndDecrement() > 0) {
            respond(exchange, 503, "{}");
            return;
        }
        deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("X-LI-Signature"),
                exchange.getRequestHeaders().getFirst("Content-Type")));
        respond(exchange, 200, "{}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
