package io.leadsync.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The app ({@code io.leadsync.app.LeadSyncMain}) as its own process, in sandbox mode against the standalone sandbox,
 * on one data folder and fixed ports for the whole run, so a restart after {@code kill -9} continues the same state.
 */
final class AppProcess {

    private final ChildProcesses children;
    private final Path projectDir;
    private final Path dataDir;
    private final Path logDir;
    private final int serverPort;
    private final int managementPort;
    private final String sandboxUrl;
    private final String password;
    private final long pollDelayMs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private String name = "app";
    private String webhookExternalUrl;
    private Process process;
    private int starts;

    AppProcess(ChildProcesses children, Path projectDir, Path dataDir, Path logDir, String sandboxUrl, String password, long pollDelayMs)
            throws IOException {
        this.children = children;
        this.projectDir = projectDir;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.sandboxUrl = sandboxUrl;
        this.password = password;
        this.pollDelayMs = pollDelayMs;
        this.serverPort = ChildProcesses.freePort();
        this.managementPort = ChildProcesses.freePort();
    }

    /**
     * Settings on top of the run's (a replica: its database, cluster member id and the URL LinkedIn delivers to);
     * {@code name} prefixes its log files.
     */
    AppProcess asReplica(String name, String webhookExternalUrl, Map<String, String> env) {
        this.name = name;
        this.webhookExternalUrl = webhookExternalUrl;
        extraEnv.putAll(env);
        return this;
    }

    String name() {
        return name;
    }

    int serverPort() {
        return serverPort;
    }

    Path dataDir() {
        return dataDir;
    }

    int starts() {
        return starts;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the app; its output goes to {@code app-<n>.log}. */
    void start() throws IOException {
        starts++;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LEADSYNC_MODE", "sandbox");
        env.put("LEADSYNC_SANDBOX_URL", sandboxUrl);
        env.put("LEADSYNC_DATA_DIR", dataDir.toString());
        env.put("LEADSYNC_ADMIN_PASSWORD", password);
        env.put("LEADSYNC_DEMO_ENABLED", "false");
        env.put("LEADSYNC_POLL_DELAY", Long.toString(pollDelayMs));
        env.put("LEADSYNC_WEBHOOK_EXTERNAL_URL", webhookExternalUrl != null ? webhookExternalUrl : "http://127.0.0.1:" + serverPort);
        env.put("LEADSYNC_PUBLIC_URL", "http://127.0.0.1:" + serverPort);
        env.put("LEADSYNC_OAUTH_REDIRECT_URI", "http://127.0.0.1:" + serverPort + "/oauth/callback");
        env.put("CAMEL_SERVER_PORT", Integer.toString(serverPort));
        env.put("CAMEL_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.putAll(extraEnv);
        process = children.startJava("io.leadsync.app.LeadSyncMain", List.of(), projectDir, env, logDir.resolve(name + "-" + starts + ".log"), "768m");
    }

    /** Waits (at most {@code timeout}) until readiness answers 200; answers whether it did. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end && alive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** {@code GET /api/status} as the operator, or {@code null} when the app does not answer. */
    JsonNode status() throws InterruptedException {
        try {
            String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/api/status"))
                    .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? SandboxClient.JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code POST /api/reconcile} as the operator: the withdrawal sweep, now; the withdrawals it found, or -1. */
    int reconcile() throws InterruptedException {
        try {
            String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/api/reconcile"))
                    .header("Authorization", "Basic " + basic).timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? SandboxClient.JSON.readTree(r.body()).path("withdrawn").asInt(-1) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    void kill9() throws InterruptedException {
        ChildProcesses.kill9(process);
    }

    /** Stops the app as an operator would (SIGTERM, bounded wait, then SIGKILL); answers whether it stopped by itself. */
    boolean stop() throws InterruptedException {
        return ChildProcesses.stop(process, 60);
    }
}
