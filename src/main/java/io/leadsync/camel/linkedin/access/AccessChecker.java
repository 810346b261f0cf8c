package io.leadsync.camel.linkedin.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.AdAccountUser;
import io.leadsync.camel.linkedin.model.OrganizationAcl;

/**
 * LinkedIn's rule for receiving leads (linkedin-api.md §6, LGF-007), without any I/O. Sponsored leads of an account
 * need the token scope {@value #LEADS_SCOPE}, a role other than VIEWER on the account, and an ADMINISTRATOR or
 * LEAD_GEN_FORMS_MANAGER role on the page the account references. Organic leads of a page need the scope and that
 * page role alone.
 */
public final class AccessChecker {

    /** The scope every lead read needs. */
    public static final String LEADS_SCOPE = "r_marketing_leadgen_automation";
    /** The page roles that allow reading leads. */
    public static final Set<String> LEAD_PAGE_ROLES = Set.of("ADMINISTRATOR", "LEAD_GEN_FORMS_MANAGER");

    private AccessChecker() {
    }

    /**
     * One check per ad account (in the given order), then one per page the member has roles on or an account
     * references.
     *
     * @param scopes the token's scopes; empty when they could not be learned (then no scope sentence is added,
     *               and {@code scopeDenied} says whether a probe call was refused)
     * @param scopeDenied whether a probe call proved the scope missing although the roles allow it
     */
    public static List<AccessCheck> check(Optional<Set<String>> scopes, boolean scopeDenied, List<AdAccount> accounts,
            List<AdAccountUser> accountRoles, List<OrganizationAcl> pageRoles) {
        String scopeProblem = scopes.map(s -> s.contains(LEADS_SCOPE) ? null : scopeSentence())
                .orElse(scopeDenied ? scopeSentence() : null);
        Map<String, List<String>> rolesByPage = organizations(pageRoles);
        List<AccessCheck> checks = new ArrayList<>();
        Set<String> pages = new LinkedHashSet<>(rolesByPage.keySet());
        for (AdAccount account : accounts) {
            List<String> missing = new ArrayList<>();
            if (scopeProblem != null) {
                missing.add(scopeProblem);
            }
            String role = accountRoles.stream().filter(u -> account.urn().equals(u.account())).map(AdAccountUser::role)
                    .findFirst().orElse(null);
            if (role == null) {
                missing.add("The member has no role on ad account " + account.id() + "; a role other than VIEWER is needed.");
            } else if ("VIEWER".equals(role)) {
                missing.add("The member is only a VIEWER of ad account " + account.id()
                        + "; ACCOUNT_BILLING_ADMIN, ACCOUNT_MANAGER, CAMPAIGN_MANAGER or CREATIVE_MANAGER is needed.");
            }
            if (account.reference() == null) {
                missing.add("Ad account " + account.id() + " references no organization page.");
            } else {
                pages.add(account.reference());
                String pageProblem = pageProblem(account.reference(), rolesByPage.get(account.reference()));
                if (pageProblem != null) {
                    missing.add(pageProblem);
                }
            }
            checks.add(new AccessCheck(account.urn(), account.name(), missing.isEmpty(), missing));
        }
        for (String page : pages) {
            List<String> missing = new ArrayList<>();
            if (scopeProblem != null) {
                missing.add(scopeProblem);
            }
            String pageProblem = pageProblem(page, rolesByPage.get(page));
            if (pageProblem != null) {
                missing.add(pageProblem);
            }
            checks.add(new AccessCheck(page, null, missing.isEmpty(), missing));
        }
        return checks;
    }

    /** The member's approved roles grouped by page, in LinkedIn's order. */
    public static List<OrganizationRoles> organizationRoles(List<OrganizationAcl> pageRoles) {
        List<OrganizationRoles> out = new ArrayList<>();
        organizations(pageRoles).forEach((page, roles) ->
                out.add(new OrganizationRoles(page, roles, roles.stream().anyMatch(LEAD_PAGE_ROLES::contains))));
        return out;
    }

    private static Map<String, List<String>> organizations(List<OrganizationAcl> pageRoles) {
        Map<String, List<String>> byPage = new LinkedHashMap<>();
        for (OrganizationAcl acl : pageRoles) {
            if (acl.organization() != null && (acl.state() == null || "APPROVED".equals(acl.state()))) {
                byPage.computeIfAbsent(acl.organization(), k -> new ArrayList<>()).add(acl.role());
            }
        }
        return byPage;
    }

    private static String pageProblem(String page, List<String> roles) {
        if (roles != null && roles.stream().anyMatch(LEAD_PAGE_ROLES::contains)) {
            return null;
        }
        return "The member needs the ADMINISTRATOR or LEAD_GEN_FORMS_MANAGER role on page " + page
                + (roles == null || roles.isEmpty() ? " and has no role there." : " (has " + String.join(", ", roles) + ").");
    }

    private static String scopeSentence() {
        return "The access token lacks the " + LEADS_SCOPE + " scope: authorize the app again with it.";
    }
}
