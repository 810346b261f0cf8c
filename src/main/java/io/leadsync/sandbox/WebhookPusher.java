package io.leadsync.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates webhooks with LinkedIn's challenge and delivers signed notifications asynchronously, retrying a
 * failed delivery with doubling backoff.
 */
final class WebhookPusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPusher.class);
    static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(3);

    /** Delivery attempts per notification and the first backoff (doubled after each failure). */
    record Retry(int attempts, Duration firstBackoff) {
        static final Retry DEFAULT = new Retry(3, Duration.ofMillis(500));
    }

    private final String clientSecret;
    private final SandboxFaults faults;
    private final StatsRecorder stats;
    private final Retry retry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CHALLENGE_TIMEOUT).build();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });

    WebhookPusher(String clientSecret, SandboxFaults faults, StatsRecorder stats, Retry retry) {
        this.clientSecret = clientSecret;
        this.faults = faults;
        this.stats = stats;
        this.retry = retry;
    }

    /**
     * Runs LinkedIn's challenge against a webhook: {@code GET <webhook>?challengeCode=…&applicationId=…} must answer
     * 200 JSON whose {@code challengeResponse} is the HMAC of the code, within 3 s.
     *
     * @return {@code null} when valid, otherwise why not
     */
    String validate(String webhook, String clientId) {
        String code = UUID.randomUUID().toString();
        URI uri = URI.create(webhook + (webhook.contains("?") ? "&" : "?") + "challengeCode=" + code
                + "&applicationId=" + java.net.URLEncoder.encode(clientId, java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(CHALLENGE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return "the webhook did not answer the validation challenge within 3 s";
        } catch (IOException e) {
            return "the webhook could not be reached for validation (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "validation was interrupted";
        }
        if (response.statusCode() != 200) {
            return "the webhook answered the validation challenge with HTTP " + response.statusCode() + " instead of 200";
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.toLowerCase().startsWith("application/json")) {
            return "the validation answer is not application/json";
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            return "the validation answer is not valid JSON";
        }
        String expected = WebhookSignatures.challengeResponse(clientSecret, code);
        if (!expected.equalsIgnoreCase(Json.text(body, "challengeResponse"))) {
            return "challengeResponse is not the hex HMAC-SHA256 of challengeCode keyed with the client secret";
        }
        return null;
    }

    /** Delivers one notification in the background; the caller returns at once. */
    void push(String webhook, ObjectNode notification) {
        if (faults.dropWebhook()) {
            stats.webhookDropped.incrementAndGet();
            return;
        }
        deliver(URI.create(webhook), Json.bytes(notification));
    }

    /**
     * Delivers notifications to one webhook strictly one after the other (each with its retries) in the background:
     * the order they arrive in is the order given.
     */
    void pushInOrder(String webhook, List<ObjectNode> notifications) {
        List<byte[]> bodies = new ArrayList<>();
        for (ObjectNode notification : notifications) {
            if (faults.dropWebhook()) {
                stats.webhookDropped.incrementAndGet();
            } else {
                bodies.add(Json.bytes(notification));
            }
        }
        URI uri = URI.create(webhook);
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        for (byte[] body : bodies) {
            // each delivery starts on the pusher's executor once the previous one is answered or given up: after
            // close() the executor refuses it, so a closed sandbox sends none of the rest
            previous = previous.thenComposeAsync(done -> deliver(uri, body), executor);
        }
    }

    /** Delivers one notification, retrying; completes once it is acknowledged or given up. */
    private CompletableFuture<Void> deliver(URI webhook, byte[] body) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        attempt(webhook, body, WebhookSignatures.signature(clientSecret, body), 1, outcome);
        return outcome;
    }

    private static HttpRequest request(URI webhook, byte[] body, String signature) {
        return HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-LI-Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static boolean acknowledged(int status) {
        return status >= 200 && status < 300;
    }

    private void giveUp(URI webhook, int attempts, int status) {
        stats.webhookFailed.incrementAndGet();
        LOG.info("Webhook delivery to {} gave up after {} attempts (last status {})", webhook.getHost(), attempts, status);
    }

    /**
     * One attempt, sent without waiting for it: LinkedIn delivers notifications concurrently, so a slow answer to one
     * delays no other (a pool of blocking senders would queue them behind it and count the queue as the app's latency).
     */
    private void attempt(URI webhook, byte[] body, String signature, int attempt, CompletableFuture<Void> outcome) {
        stats.webhookAttempts.incrementAndGet();
        http.sendAsync(request(webhook, body, signature), HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            int status = -1;
            if (failure == null) {
                status = response.statusCode();
            } else {
                LOG.debug("Webhook delivery attempt {} to {} failed: {}", attempt, webhook.getHost(), failure.toString());
            }
            if (acknowledged(status)) {
                stats.webhookDelivered.incrementAndGet();
                outcome.complete(null);
            } else if (attempt >= retry.attempts()) {
                giveUp(webhook, attempt, status);
                outcome.complete(null);
            } else {
                long delay = retry.firstBackoff().toMillis() << (attempt - 1);
                try {
                    executor.schedule(() -> attempt(webhook, body, signature, attempt + 1, outcome), delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    // the sandbox is closing: no retry, and no later notification of an ordered push
                    outcome.completeExceptionally(closed);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
