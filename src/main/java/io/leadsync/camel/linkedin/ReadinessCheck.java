package io.leadsync.camel.linkedin;

import org.apache.camel.health.HealthCheck;

/**
 * What the component's health checks share: an id, a group, an enabled flag, and readiness only (a member who must
 * re-authorize, an exhausted quota or a webhook LinkedIn has not accepted yet are reasons not to take traffic, not to
 * restart the process). Implemented on camel-api alone, so the component does not need camel-health.
 */
public abstract class ReadinessCheck implements HealthCheck {

    private final String group;
    private final String id;
    private volatile boolean enabled = true;

    ReadinessCheck(String group, String id) {
        this.group = group;
        this.id = id;
    }

    @Override
    public String getGroup() {
        return group;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }
}
