package io.leadsync.app;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A headless Chromium driven through the Chrome DevTools Protocol over its WebSocket (java.net.http and Jackson, no
 * browser-automation library): one page that navigates, evaluates JavaScript and reads what the member would see.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Debian's Chromium (package {@code chromium}). */
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket page;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket page) {
        this.process = process;
        this.page = page;
    }

    /** Starts Chromium with a fresh profile in {@code userDataDir} and attaches to its first page. */
    public static HeadlessChromium start(Path userDataDir) throws Exception {
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + userDataDir.toAbsolutePath(), "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String browserUrl = devToolsUrl(process).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            URI browser = URI.create(browserUrl);
            JsonNode targets = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String pageUrl = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    pageUrl = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageUrl == null) {
                throw new IllegalStateException("Chromium shows no page target: " + targets);
            }
            Listener listener = new Listener();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(pageUrl), listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket);
            listener.owner = chromium;
            chromium.call("Page.enable", Map.of());
            return chromium;
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code url} in the page (as typing it in the address bar). */
    public void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates a JavaScript expression in the page; its value as text ({@code null} for undefined/null). */
    public String evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result");
        JsonNode value = result.path("value");
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** The page's visible text, once the page at a URL matching {@code location} has loaded and its text matches. */
    public String awaitText(Predicate<String> location, Predicate<String> text) {
        String[] seen = new String[1];
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            String url = evaluate("document.readyState === 'complete' ? location.href : null");
            if (url == null || !location.test(url)) {
                return false;
            }
            seen[0] = evaluate("document.body ? document.body.innerText : null");
            return seen[0] != null && text.test(seen[0]);
        });
        return seen[0];
    }

    /**
     * Shows the page in a {@code width}×{@code height} CSS-pixel window ({@code mobile}: as a phone, with its viewport
     * meta tag honoured) and saves a PNG of the whole page, beyond the window, to {@code file}.
     */
    public void screenshot(Path file, int width, int height, boolean mobile) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        JsonNode size = call("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        double w = Math.max(width, size.path("width").asDouble(width));
        double h = Math.max(height, size.path("height").asDouble(height));
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.write(file, java.util.Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private void received(String message) {
        try {
            JsonNode json = JSON.readTree(message);
            // events (no id) are not needed: the page's state is read with Runtime.evaluate
            if (json.has("id")) {
                CompletableFuture<JsonNode> answer = pending.remove(json.get("id").asLong());
                if (answer != null) {
                    answer.complete(json);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Chromium prints its DevTools address on stderr; the rest of stderr is drained so it never blocks. */
    private static CompletableFuture<String> devToolsUrl(Process process) {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                StringBuilder lines = new StringBuilder();
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = DEVTOOLS_URL.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    } else if (!url.isDone()) {
                        lines.append(line).append('\n');
                    }
                }
                url.completeExceptionally(new IllegalStateException("Chromium exited without a DevTools address:\n" + lines));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return url;
    }

    @Override
    public void close() throws Exception {
        try {
            page.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is ended below either way
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Joins a message's frames and hands complete messages to the page session. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        // set before the first call, so no reply arrives without it
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                HeadlessChromium target = owner;
                if (target != null) {
                    target.received(message);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
