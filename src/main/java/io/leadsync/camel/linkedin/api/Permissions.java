package io.leadsync.camel.linkedin.api;

import java.util.List;
import java.util.Map;

/** The OAuth scopes and member roles each LinkedIn resource needs (linkedin-api.md §5 and §6). */
final class Permissions {

    private static final String LEADS = "r_marketing_leadgen_automation";
    private static final String LEAD_ROLES = "the member needs a non-VIEWER role on the ad account and an ADMINISTRATOR"
            + " or LEAD_GEN_FORMS_MANAGER role on its organization page (the page role alone for organic leads)";

    private static final Map<String, List<String>> READ_SCOPES = Map.ofEntries(
            Map.entry("leadFormResponses", List.of(LEADS, "r_ads", "r_organization_admin")),
            Map.entry("leadForms", List.of(LEADS, "r_ads", "r_organization_admin")),
            Map.entry("leadNotifications", List.of(LEADS, "r_ads", "r_organization_admin")),
            Map.entry("adAccounts", List.of("r_ads")),
            Map.entry("adAccountUsers", List.of("r_ads")),
            Map.entry("adCampaigns", List.of("r_ads")),
            Map.entry("creatives", List.of("r_ads")),
            Map.entry("organizationAcls", List.of("r_organization_admin")),
            Map.entry("events", List.of("r_events", "r_organization_admin")),
            Map.entry("dmpSegments", List.of("rw_dmp_segments")),
            Map.entry("userinfo", List.of("openid", "profile")));

    private Permissions() {
    }

    /** The scopes {@code resource} needs; creating or editing lead forms also needs {@code rw_ads}. */
    static List<String> scopesFor(String resource, boolean write) {
        List<String> scopes = READ_SCOPES.getOrDefault(resource, List.of());
        if (write && "leadForms".equals(resource)) {
            return List.of(LEADS, "rw_ads");
        }
        return scopes;
    }

    /** The member-role requirement of lead resources, or {@code null} for the others. */
    static String roleHintFor(String resource) {
        return resource.startsWith("lead") ? LEAD_ROLES : null;
    }
}
