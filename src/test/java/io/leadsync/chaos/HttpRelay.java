package io.leadsync.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP relay on a loopback port: each request goes to one of its targets, round robin, and to the next one
 * when a target does not answer (a replica killed with {@code kill -9}). With one target it stands between one
 * replica and the sandbox and tells which replica made each call; with several it is the one address LinkedIn
 * delivers webhooks to, spreading them across the replicas like a load balancer.
 */
final class HttpRelay implements AutoCloseable {

    /**
     * A request the relay forwarded: when it arrived (epoch ms), method, path with query, the target's status and how
     * long the target took to answer.
     */
    record Relayed(long atMillis, String method, String pathAndQuery, String body, int status, long tookMillis) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> targets;
    private final AtomicInteger next = new AtomicInteger();
    private final Consumer<Relayed> observer;

    HttpRelay(List<String> targets, Consumer<Relayed> observer) throws IOException {
        this.targets = List.copyOf(targets);
        this.observer = observer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext("/", this::relay);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void relay(HttpExchange exchange) throws IOException {
        long at = System.currentTimeMillis();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            int first = Math.floorMod(next.getAndIncrement(), targets.size());
            HttpResponse<byte[]> answer = null;
            for (int i = 0; i < targets.size() && answer == null; i++) {
                String target = targets.get((first + i) % targets.size());
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                        .timeout(Duration.ofSeconds(60))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(v -> request.header(name, v));
                    }
                });
                try {
                    answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException unreachable) {
                    // that target is down: the next one gets the request, as a load balancer's health check would do
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (answer == null) {
                exchange.sendResponseHeaders(502, -1);
                observer.accept(new Relayed(at, exchange.getRequestMethod(), pathAndQuery, new String(body), 502,
                        System.currentTimeMillis() - at));
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
            observer.accept(new Relayed(at, exchange.getRequestMethod(), pathAndQuery, new String(body), answer.statusCode(),
                    System.currentTimeMillis() - at));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
