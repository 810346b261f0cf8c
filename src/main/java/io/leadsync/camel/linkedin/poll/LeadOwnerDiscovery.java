package io.leadsync.camel.linkedin.poll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.AdAccountUser;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.OrganizationAcl;

/**
 * Finds the streams the connected member may read (linkedin-api.md §6): ad accounts on which the member has a role
 * other than VIEWER, and pages on which the member is ADMINISTRATOR or LEAD_GEN_FORMS_MANAGER. Accounts come with
 * their names (the account finder gives them), pages without.
 */
public final class LeadOwnerDiscovery {

    /** CANCELED accounts are included: LinkedIn still serves their leads of the last 365 days. */
    static final List<String> ACCOUNT_STATUSES = List.of("ACTIVE", "DRAFT", "CANCELED");
    static final Set<String> LEAD_PAGE_ROLES = Set.of("ADMINISTRATOR", "LEAD_GEN_FORMS_MANAGER");

    private final LinkedInApi api;

    public LeadOwnerDiscovery(LinkedInApi api) {
        this.api = api;
    }

    /** The streams of {@code leadTypes} the member can read, accounts first. */
    public List<LeadStream> discover(List<LeadType> leadTypes) {
        List<LeadStream> streams = new ArrayList<>();
        if (leadTypes.contains(LeadType.SPONSORED)) {
            Map<String, String> roles = new LinkedHashMap<>();
            for (AdAccountUser user : api.adAccountUsers()) {
                if (user.account() != null && user.role() != null && !"VIEWER".equals(user.role())) {
                    roles.put(user.account(), user.role());
                }
            }
            api.adAccounts(ACCOUNT_STATUSES).filter(a -> a.id() != null && roles.containsKey(a.urn()))
                    .forEach(a -> streams.add(new LeadStream(LeadOwner.sponsoredAccount(a.id()), LeadType.SPONSORED, a.name())));
        }
        List<LeadType> organic = leadTypes.stream().filter(t -> !t.ownedBySponsoredAccount()).toList();
        if (!organic.isEmpty()) {
            List<String> pages = api.organizationAcls().stream()
                    .filter(acl -> acl.organization() != null && LEAD_PAGE_ROLES.contains(acl.role()))
                    .map(OrganizationAcl::organization).distinct().toList();
            for (String page : pages) {
                for (LeadType type : organic) {
                    // no name lookup: it costs a call per page, for a log line (the leads carry the owner's name)
                    streams.add(new LeadStream(LeadOwner.of(page), type, null));
                }
            }
        }
        return streams;
    }


    /** The streams of configured owners: accounts give SPONSORED, pages the organic types. */
    public static List<LeadStream> configured(List<LeadOwner> owners, List<LeadType> leadTypes) {
        List<LeadStream> streams = new ArrayList<>();
        for (LeadOwner owner : owners) {
            for (LeadType type : leadTypes) {
                if (type.ownedBySponsoredAccount() == owner.isSponsoredAccount()) {
                    streams.add(new LeadStream(owner, type, null));
                }
            }
        }
        return streams;
    }
}
