package io.leadsync.camel.linkedin.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted fake of LinkedIn's OAuth endpoints ({@code /oauth/v2/accessToken}, {@code /oauth/v2/introspectToken}) on
 * an ephemeral port. Records every request. Each endpoint answers from its script queue first, then from its default
 * responder: new access tokens {@code AQX-access-N} (60 days) with the refresh token {@code AQW-refresh-N} (365 days),
 * and {@code introspect-active.json}.
 */
final class FakeLinkedInOAuth implements AutoCloseable {

    static final String ACCESS_TOKEN = "accessToken";
    static final String INTROSPECT = "introspectToken";

    record Recorded(String method, String path, Map<String, String> headers, String body, Map<String, String> form) {
    }

    record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripts = new LinkedHashMap<>();
    private final Map<String, Function<Recorded, Reply>> defaults = new LinkedHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile CountDownLatch accessTokenGate;

    private FakeLinkedInOAuth() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/oauth/v2/", this::handle);
        defaults.put(ACCESS_TOKEN, this::issueToken);
        defaults.put(INTROSPECT, r -> new Reply(200, fixture("introspect-active.json")));
        server.start();
    }

    static FakeLinkedInOAuth start() {
        try {
            return new FakeLinkedInOAuth();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/v2";
    }

    /** Answers the next request to {@code endpoint} with this reply (then the next scripted one, then the default). */
    synchronized void enqueue(String endpoint, int status, String body) {
        scripts.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(new Reply(status, body));
    }

    /** Holds every accessToken answer until {@code gate} opens. */
    void holdAccessTokenUntil(CountDownLatch gate) {
        this.accessTokenGate = gate;
    }

    List<Recorded> requests(String endpoint) {
        return requests.stream().filter(r -> r.path().endsWith("/" + endpoint)).toList();
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    int count(String endpoint) {
        return requests(endpoint).size();
    }

    /** Tokens this fake minted, in order: AQX-access-1, AQX-access-2, … */
    static String accessTokenNumber(int n) {
        return "AQX-access-" + n + "-Zk3v9Qp2Lm7Rt5Yw";
    }

    static String refreshTokenNumber(int n) {
        return "AQW-refresh-" + n + "-Hs8Jd4Kf6Gn1Bx0C";
    }

    static String tokenJson(String accessToken, long expiresIn, String refreshToken, Long refreshExpiresIn,
            String scope) {
        StringBuilder sb = new StringBuilder("{\"access_token\":\"").append(accessToken).append("\",\"expires_in\":")
                .append(expiresIn);
        if (refreshToken != null) {
            sb.append(",\"refresh_token\":\"").append(refreshToken).append('"');
        }
        if (refreshExpiresIn != null) {
            sb.append(",\"refresh_token_expires_in\":").append(refreshExpiresIn);
        }
        return sb.append(",\"scope\":\"").append(scope).append("\",\"token_type\":\"Bearer\"}").toString();
    }

    static String fixture(String name) {
        try (InputStream in = FakeLinkedInOAuth.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    @Override
    public void close() {
        CountDownLatch gate = accessTokenGate;
        if (gate != null) {
            while (gate.getCount() > 0) {
                gate.countDown();
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private Reply issueToken(Recorded request) {
        int n = issued.incrementAndGet();
        String refresh = "refresh_token".equals(request.form().get("grant_type"))
                ? request.form().get("refresh_token") : refreshTokenNumber(n);
        return new Reply(200, tokenJson(accessTokenNumber(n), 5_184_000, refresh, 31_536_000L,
                "r_ads,r_marketing_leadgen_automation,r_organization_admin"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            String path = exchange.getRequestURI().getPath();
            Recorded recorded = new Recorded(exchange.getRequestMethod(), path, headers, body, parseForm(body));
            requests.add(recorded);
            String endpoint = path.substring(path.lastIndexOf('/') + 1);
            CountDownLatch gate = accessTokenGate;
            if (gate != null && ACCESS_TOKEN.equals(endpoint)) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Reply reply = next(endpoint, recorded);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply next(String endpoint, Recorded recorded) {
        synchronized (this) {
            Deque<Reply> script = scripts.get(endpoint);
            if (script != null && !script.isEmpty()) {
                return script.poll();
            }
        }
        Function<Recorded, Reply> responder = defaults.get(endpoint);
        return responder != null ? responder.apply(recorded) : new Reply(404, "{\"error\":\"not_found\"}");
    }
}
