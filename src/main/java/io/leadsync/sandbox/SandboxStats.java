package io.leadsync.sandbox;

import java.util.Map;

/**
 * A snapshot of what the sandbox answered: calls per {@code "<METHOD> <resource>"} key (e.g.
 * {@code "FINDER leadFormResponses"}, {@code "POST accessToken"}) and per HTTP status, plus webhook outcomes.
 *
 * @param total    every recorded API call
 * @param calls    key → status → count
 * @param webhooks webhook delivery outcomes
 */
public record SandboxStats(long total, Map<String, Map<Integer, Long>> calls, Webhooks webhooks) {

    /** Webhook delivery outcomes: HTTP attempts, acknowledged deliveries, deliveries given up, drops. */
    public record Webhooks(long attempts, long delivered, long failed, long dropped) {
    }

    /** All calls recorded under {@code key}, whatever their status. */
    public long calls(String key) {
        Map<Integer, Long> byStatus = calls.get(key);
        return byStatus == null ? 0 : byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls recorded under {@code key} that were answered with {@code status}. */
    public long calls(String key, int status) {
        Map<Integer, Long> byStatus = calls.get(key);
        return byStatus == null ? 0 : byStatus.getOrDefault(status, 0L);
    }
}
