package io.leadsync.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Counts calls and webhook outcomes; thread-safe. */
final class StatsRecorder {

    private final Map<String, Map<Integer, Long>> calls = new TreeMap<>();
    private long total;
    final AtomicLong webhookAttempts = new AtomicLong();
    final AtomicLong webhookDelivered = new AtomicLong();
    final AtomicLong webhookFailed = new AtomicLong();
    final AtomicLong webhookDropped = new AtomicLong();

    synchronized void record(String key, int status) {
        total++;
        calls.computeIfAbsent(key, k -> new TreeMap<>()).merge(status, 1L, Long::sum);
    }

    synchronized void reset() {
        calls.clear();
        total = 0;
        webhookAttempts.set(0);
        webhookDelivered.set(0);
        webhookFailed.set(0);
        webhookDropped.set(0);
    }

    synchronized SandboxStats snapshot() {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return new SandboxStats(total, Map.copyOf(copy), new SandboxStats.Webhooks(webhookAttempts.get(),
                webhookDelivered.get(), webhookFailed.get(), webhookDropped.get()));
    }

    synchronized ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("total", total);
        ObjectNode byKey = node.putObject("calls");
        calls.forEach((key, byStatus) -> {
            ObjectNode statuses = byKey.putObject(key);
            byStatus.forEach((status, count) -> statuses.put(String.valueOf(status), count));
        });
        ObjectNode webhooks = node.putObject("webhooks");
        webhooks.put("attempts", webhookAttempts.get());
        webhooks.put("delivered", webhookDelivered.get());
        webhooks.put("failed", webhookFailed.get());
        webhooks.put("dropped", webhookDropped.get());
        return node;
    }
}
