package io.leadsync.camel.linkedin;

/** PLACEHOLDER replaced by the webhook work before submission. */
class LeadNotificationRegistrar {
    LeadNotificationRegistrar(LinkedInLeadSyncEndpoint endpoint) {
    }

    void register() {
        throw new IllegalStateException("PLACEHOLDER");
    }

    void unregister() {
        throw new IllegalStateException("PLACEHOLDER");
    }
}
