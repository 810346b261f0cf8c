package io.leadsync.camel.linkedin;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of a {@code linkedin-leadsync:leads} poller, from what its last poll saw (it makes no call of its own, so a
 * probe never spends LinkedIn quota): DOWN while the member must re-authorize, while the daily quota is exhausted,
 * or when the last poll failed; UP otherwise, with the streams, the last poll time and the watermarks.
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
        return builder.up().build();
    }
}
