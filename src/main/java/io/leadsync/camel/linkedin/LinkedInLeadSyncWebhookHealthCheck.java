package io.leadsync.camel.linkedin;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of a webhook consumer: DOWN until LinkedIn accepted this endpoint's lead-notification subscriptions
 * (with the reason of the last failed attempt), UP once they are registered.
 */
public final class LinkedInLeadSyncWebhookHealthCheck extends ReadinessCheck {

    private volatile boolean registered;
    private volatile String reason = "webhook not registered yet";
    private volatile int subscriptions;
    private volatile int failedAttempts;

    public LinkedInLeadSyncWebhookHealthCheck(String id) {
        super("consumers", id);
    }

    public void pending(String why) {
        registered = false;
        reason = why;
    }

    public void failed(String why) {
        registered = false;
        failedAttempts++;
        reason = "webhook not registered yet: " + why;
    }

    public void registered(int count) {
        subscriptions = count;
        failedAttempts = 0;
        registered = true;
        reason = null;
    }






    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this).detail("subscriptions", subscriptions)
                .detail("failedAttempts", failedAttempts);
        if (registered) {
            return builder.message("webhook registered (" + subscriptions + " subscriptions)").up().build();
        }
        return builder.message(reason).down().build();
    }
}
