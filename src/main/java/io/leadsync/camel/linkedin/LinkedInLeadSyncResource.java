package io.leadsync.camel.linkedin;

/** The resource an endpoint works on: the path of {@code linkedin-leadsync:resource}. */
public enum LinkedInLeadSyncResource {
    leads,
    forms,
    accounts,
    events,
    notifications,
    segments,
    profile;

    /** The operation a producer runs when neither the {@code operation} option nor the header names one. */
    public LinkedInLeadSyncOperations defaultOperation() {
        return switch (this) {
            case leads -> LinkedInLeadSyncOperations.searchLeads;
            case forms -> LinkedInLeadSyncOperations.listForms;
            case accounts -> LinkedInLeadSyncOperations.listAdAccounts;
            case events -> LinkedInLeadSyncOperations.listEvents;
            case notifications -> LinkedInLeadSyncOperations.listNotifications;
            case segments -> LinkedInLeadSyncOperations.listSegments;
            case profile -> LinkedInLeadSyncOperations.heartbeat;
        };
    }
}
