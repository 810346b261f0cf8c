package io.leadsync.camel.linkedin;

/** Producer operations, each belonging to one resource; the names are the {@code operation=} values. */
public enum LinkedInLeadSyncOperations {
    getLead(LinkedInLeadSyncResource.leads),
    searchLeads(LinkedInLeadSyncResource.leads),
    listForms(LinkedInLeadSyncResource.forms),
    getForm(LinkedInLeadSyncResource.forms),
    describeForm(LinkedInLeadSyncResource.forms),
    createForm(LinkedInLeadSyncResource.forms),
    updateForm(LinkedInLeadSyncResource.forms),
    archiveForm(LinkedInLeadSyncResource.forms),
    formDdl(LinkedInLeadSyncResource.forms),
    listAdAccounts(LinkedInLeadSyncResource.accounts),
    listOrganizations(LinkedInLeadSyncResource.accounts),
    checkAccess(LinkedInLeadSyncResource.accounts),
    listEvents(LinkedInLeadSyncResource.events),
    registerNotification(LinkedInLeadSyncResource.notifications),
    listNotifications(LinkedInLeadSyncResource.notifications),
    deleteNotification(LinkedInLeadSyncResource.notifications),
    createSegment(LinkedInLeadSyncResource.segments),
    listSegments(LinkedInLeadSyncResource.segments),
    getSegment(LinkedInLeadSyncResource.segments),
    addUsers(LinkedInLeadSyncResource.segments),
    removeUsers(LinkedInLeadSyncResource.segments),
    addCompanies(LinkedInLeadSyncResource.segments),
    removeCompanies(LinkedInLeadSyncResource.segments),
    heartbeat(LinkedInLeadSyncResource.profile),
    introspect(LinkedInLeadSyncResource.profile);

    private final LinkedInLeadSyncResource resource;

    LinkedInLeadSyncOperations(LinkedInLeadSyncResource resource) {
        this.resource = resource;
    }

    /** The resource this operation belongs to; an endpoint refuses operations of other resources. */
    public LinkedInLeadSyncResource resource() {
        return resource;
    }
}
