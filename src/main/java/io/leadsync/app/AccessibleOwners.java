package io.leadsync.app;

import java.util.List;

import io.leadsync.camel.linkedin.access.AccessCheck;

/**
 * The owners (ad accounts and pages) whose leads the connected member can read, as the comma-separated
 * {@code CamelLinkedInOwner} header the forms and notifications producers take. Owners without access are left out:
 * LinkedIn answers 403 for their forms and subscriptions.
 */
public final class AccessibleOwners {

    private AccessibleOwners() {
    }

    /** The URNs of the checks ({@code accounts?operation=checkAccess}) that can receive leads, comma-separated. */
    public static String of(List<AccessCheck> checks) {
        return String.join(",", checks.stream().filter(AccessCheck::canReceiveLeads).map(AccessCheck::ownerUrn).toList());
    }
}
