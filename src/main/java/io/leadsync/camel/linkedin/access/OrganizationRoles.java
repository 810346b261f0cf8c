package io.leadsync.camel.linkedin.access;

import java.util.List;

/**
 * An organization page the member has approved roles on (LGF-101, events), with those roles.
 *
 * @param organizationUrn {@code urn:li:organization:…}
 * @param roles           LinkedIn's role names ({@code ADMINISTRATOR}, {@code LEAD_GEN_FORMS_MANAGER}, …)
 * @param canManageLeads  whether one of the roles lets the member read the page's leads
 */
public record OrganizationRoles(String organizationUrn, List<String> roles, boolean canManageLeads) {
    public OrganizationRoles {
        roles = List.copyOf(roles);
    }
}
