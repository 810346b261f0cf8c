package io.leadsync.sandbox;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Faults injected into {@code /rest} and {@code /v2} calls (never into {@code /_sandbox}). Rates are probabilities
 * drawn from the sandbox's own seeded {@link Random}; the counters fail exactly the next N calls, for tests that
 * must not depend on chance. Setters are fluent and thread-safe.
 */
public final class SandboxFaults {

    private final Random random;
    private double serverErrorRate;
    private double throttleRate;
    private Integer retryAfterSeconds;
    private Integer dailyQuota;
    private double shortPageRate;
    private long latencyMs;
    private double dropWebhookRate;
    private final Set<String> retiredVersions = new LinkedHashSet<>();
    private int serverErrorCount;
    private int throttleCount;
    private int withdrawDuringPaging;

    SandboxFaults(long seed) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    /** Share of {@code /rest} and {@code /v2} calls answered 500. */
    public synchronized SandboxFaults serverErrorRate(double rate) {
        this.serverErrorRate = rate;
        return this;
    }

    /** Share of calls answered 429 (minute throttle). */
    public synchronized SandboxFaults throttleRate(double rate) {
        this.throttleRate = rate;
        return this;
    }

    /** {@code Retry-After} seconds on injected 429s, or {@code null} to send none (LinkedIn does not always). */
    public synchronized SandboxFaults retryAfterSeconds(Integer seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Calls allowed per UTC day before LinkedIn's daily-quota 429, or {@code null} for no quota. */
    public synchronized SandboxFaults dailyQuota(Integer callsPerDay) {
        this.dailyQuota = callsPerDay;
        return this;
    }

    /** Share of paged answers cut short while more elements exist (LinkedIn does this; clients must not stop). */
    public synchronized SandboxFaults shortPageRate(double rate) {
        this.shortPageRate = rate;
        return this;
    }

    /** Delay added before every {@code /rest} and {@code /v2} answer. */
    public synchronized SandboxFaults latencyMs(long millis) {
        this.latencyMs = millis;
        return this;
    }

    /** Share of webhook deliveries silently dropped (counted in stats as dropped). */
    public synchronized SandboxFaults dropWebhookRate(double rate) {
        this.dropWebhookRate = rate;
        return this;
    }

    /** Versions answered 426 as if sunset, e.g. {@code 202601}. */
    public synchronized SandboxFaults retiredVersions(Set<String> versions) {
        retiredVersions.clear();
        retiredVersions.addAll(versions);
        return this;
    }

    /** Fails exactly the next {@code count} API calls with 500. */
    public synchronized SandboxFaults serverErrorCount(int count) {
        this.serverErrorCount = count;
        return this;
    }

    /** Fails exactly the next {@code count} API calls with 429 (with {@code Retry-After} when set). */
    public synchronized SandboxFaults throttleCount(int count) {
        this.throttleCount = count;
        return this;
    }

    /**
     * Withdraws {@code count} leads while clients page the lead finder, one per page turn: when a
     * {@code leadFormResponses} finder call follows a full page of the same stream (owner and lead type), the last
     * lead of that page is withdrawn (DELETED is pushed) before the page is served, whatever the call's {@code start}.
     * Every later lead then moves up one place, so a client paging by offset skips one lead per withdrawal, while a
     * client that narrows the time range and restarts at 0 skips none.
     */
    public synchronized SandboxFaults withdrawDuringPaging(int count) {
        this.withdrawDuringPaging = count;
        return this;
    }

    /** Whether some of the withdrawals of {@link #withdrawDuringPaging(int)} have not happened yet. */
    public synchronized boolean withdrawDuringPagingLeft() {
        return withdrawDuringPaging > 0;
    }

    /** Takes one withdrawal of {@link #withdrawDuringPaging(int)}, if any is left. */
    synchronized boolean takeWithdrawDuringPaging() {
        if (withdrawDuringPaging <= 0) {
            return false;
        }
        withdrawDuringPaging--;
        return true;
    }

    /** Clears every fault. */
    public synchronized void clear() {
        serverErrorRate = 0;
        throttleRate = 0;
        retryAfterSeconds = null;
        dailyQuota = null;
        shortPageRate = 0;
        latencyMs = 0;
        dropWebhookRate = 0;
        retiredVersions.clear();
        serverErrorCount = 0;
        throttleCount = 0;
        withdrawDuringPaging = 0;
    }

    synchronized boolean isRetired(String version) {
        return retiredVersions.contains(version);
    }

    synchronized long latencyMs() {
        return latencyMs;
    }

    synchronized Integer dailyQuota() {
        return dailyQuota;
    }

    /** The injected failure for the next API call, or {@code null} when it should go through. */
    synchronized SandboxApiError nextCallFault() {
        if (serverErrorCount > 0) {
            serverErrorCount--;
            return serverError();
        }
        if (throttleCount > 0) {
            throttleCount--;
            return throttled();
        }
        if (serverErrorRate > 0 && random.nextDouble() < serverErrorRate) {
            return serverError();
        }
        if (throttleRate > 0 && random.nextDouble() < throttleRate) {
            return throttled();
        }
        return null;
    }

    synchronized boolean shortPage() {
        return shortPageRate > 0 && random.nextDouble() < shortPageRate;
    }

    synchronized boolean dropWebhook() {
        return dropWebhookRate > 0 && random.nextDouble() < dropWebhookRate;
    }

    private static SandboxApiError serverError() {
        return new SandboxApiError(500, 0, null, "Internal Server Error");
    }

    private SandboxApiError throttled() {
        return new SandboxApiError(429, 101, "TOO_MANY_REQUESTS",
                "Resource level throttle APPLICATION MINUTE limit for calls to this resource is reached.", retryAfterSeconds);
    }

    /** Applies the fields present in an admin {@code POST /_sandbox/faults} body; absent fields keep their value. */
    synchronized void apply(JsonNode body) {
        if (!body.isObject()) {
            throw SandboxApiError.badRequest("faults body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(name -> {
            JsonNode v = body.get(name);
            switch (name) {
                case "serverErrorRate" -> serverErrorRate = rate(name, v);
                case "throttleRate" -> throttleRate = rate(name, v);
                case "shortPageRate" -> shortPageRate = rate(name, v);
                case "dropWebhookRate" -> dropWebhookRate = rate(name, v);
                case "retryAfterSeconds" -> retryAfterSeconds = v.isNull() ? null : v.asInt();
                case "dailyQuota" -> dailyQuota = v.isNull() ? null : v.asInt();
                case "latencyMs" -> latencyMs = v.asLong();
                case "serverErrorCount" -> serverErrorCount = v.asInt();
                case "throttleCount" -> throttleCount = v.asInt();
                case "withdrawDuringPaging" -> withdrawDuringPaging = v.asInt();
                case "retiredVersions" -> {
                    retiredVersions.clear();
                    v.forEach(item -> retiredVersions.add(item.asText()));
                }
                default -> throw SandboxApiError.badRequest("Unknown fault: " + name);
            }
        });
    }

    private static double rate(String name, JsonNode v) {
        double rate = v.asDouble();
        if (rate < 0 || rate > 1) {
            throw SandboxApiError.badRequest(name + " must be between 0 and 1");
        }
        return rate;
    }

    synchronized ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("serverErrorRate", serverErrorRate);
        node.put("throttleRate", throttleRate);
        if (retryAfterSeconds == null) {
            node.putNull("retryAfterSeconds");
        } else {
            node.put("retryAfterSeconds", retryAfterSeconds);
        }
        if (dailyQuota == null) {
            node.putNull("dailyQuota");
        } else {
            node.put("dailyQuota", dailyQuota);
        }
        node.put("shortPageRate", shortPageRate);
        node.put("latencyMs", latencyMs);
        node.put("dropWebhookRate", dropWebhookRate);
        retiredVersions.forEach(node.putArray("retiredVersions")::add);
        node.put("serverErrorCount", serverErrorCount);
        node.put("throttleCount", throttleCount);
        node.put("withdrawDuringPaging", withdrawDuringPaging);
        return node;
    }
}
