package io.leadsync.camel.linkedin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.poll.LeadStream;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of a {@code linkedin-leadsync:leads} poller, from what its last poll saw (it makes no call of its own, so a
 * probe never spends LinkedIn quota): DOWN while the member must re-authorize, while the daily quota is exhausted,
 * or when the last poll failed (every stream failing); UP otherwise, with the streams, the last poll time and the
 * watermarks. Streams failing while others are read leave it UP (the others are synced, and the webhook beside it must
 * keep taking traffic) and are named in {@code failingStreams}, each with its error, tries in a row and next try.
 */
public final class LinkedInLeadSyncConsumerHealthCheck extends ReadinessCheck {

    private final LinkedInLeadSyncConsumer consumer;

    LinkedInLeadSyncConsumerHealthCheck(LinkedInLeadSyncConsumer consumer, String routeId) {
        super("camel", "linkedin-leadsync-consumer-" + routeId);
        this.consumer = consumer;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        Instant lastPoll = consumer.lastPollAt();
        builder.detail("streams", consumer.streams().stream().map(LeadStream::describe).collect(Collectors.toList()));
        builder.detail("watermarks", consumer.watermarks());
        if (lastPoll != null) {
            builder.detail("lastPollAt", lastPoll.toString());
        }
        Map<String, Object> failing = failingStreams(consumer.streamStatuses());
        if (!failing.isEmpty()) {
            builder.detail("failingStreams", failing);
        }
        ReauthorizationRequiredException reauthorization = consumer.reauthorization();
        if (reauthorization != null) {
            if (reauthorization.authorizationUrl() != null) {
                builder.detail("authorizationUrl", reauthorization.authorizationUrl());
            }
            return builder.message(reauthorization.getMessage()).down().build();
        }
        Instant resetsAt = consumer.quotaResetsAt();
        if (resetsAt != null) {
            builder.detail("resetsAt", resetsAt.toString());
            return builder.message("LinkedIn daily quota exhausted; polling resumes at " + resetsAt).down().build();
        }
        String error = consumer.lastPollError();
        if (error != null) {
            return builder.message("The last poll failed: " + error).down().build();
        }
        if (!failing.isEmpty()) {
            builder.message(failing.size() + " of " + consumer.streams().size() + " streams failing: " + String.join(", ", failing.keySet()));
        }
        return builder.up().build();
    }

    private static Map<String, Object> failingStreams(List<LinkedInLeadSyncConsumer.StreamStatus> statuses) {
        Map<String, Object> failing = new LinkedHashMap<>();
        for (LinkedInLeadSyncConsumer.StreamStatus status : statuses) {
            if (status.error() != null) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("error", status.error());
                detail.put("failures", status.failures());
                detail.put("failedAt", String.valueOf(status.failedAt()));
                detail.put("nextTryAt", String.valueOf(status.nextTryAt()));
                failing.put(status.stream(), detail);
            }
        }
        return failing;
    }
}
