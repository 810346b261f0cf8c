package io.leadsync.app.signoff;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A second webhook, for LGF-203: LinkedIn validates it with its challenge and then posts to it only the leads of
 * the form its subscription is narrowed to. It records the form of each delivery, so that what LinkedIn sent to a
 * narrowed subscription can be told apart from what reached the app's own webhook.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final String clientSecret;
    private final List<String> forms = new ArrayList<>();

    WebhookReceiver(String clientSecret) throws IOException {
        this.clientSecret = clientSecret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/narrowed", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/narrowed";
    }

    /** The versioned form URN of every notification received, in order. */
    synchronized List<String> forms() {
        return List.copyOf(forms);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] answer = new byte[0];
        String query = exchange.getRequestURI().getQuery();
        if ("GET".equals(exchange.getRequestMethod()) && query != null && query.contains("challengeCode=")) {
            String code = query.replaceAll(".*challengeCode=([^&]+).*", "$1");
            answer = ("{\"challengeCode\":\"" + code + "\",\"challengeResponse\":\"" + hmac(code) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        } else if ("POST".equals(exchange.getRequestMethod())) {
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            synchronized (this) {
                for (JsonNode n : body.isArray() ? body : List.of(body)) {
                    forms.add(n.path("leadGenForm").asText());
                }
            }
        }
        exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    private String hmac(String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
