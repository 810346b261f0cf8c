package io.leadsync.camel.linkedin.producer;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.access.AccessCheck;
import io.leadsync.camel.linkedin.access.AccessChecker;
import io.leadsync.camel.linkedin.access.TokenIntrospector;
import io.leadsync.camel.linkedin.api.ForbiddenException;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.AdAccountUser;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.OrganizationAcl;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code linkedin-leadsync:accounts} producer operations: ad accounts, pages, and the permission check (LGF-101, LGF-007, MA-101). */
public final class AccountOperations {

    /** Every status LinkedIn gives an ad account: the member's list must show them all, with their status. */
    static final List<String> ALL_STATUSES = List.of("ACTIVE", "CANCELED", "DRAFT", "PENDING_DELETION", "REMOVED");

    private static final Logger LOG = LoggerFactory.getLogger(AccountOperations.class);

    private final LinkedInLeadSyncEndpoint endpoint;
    private final TokenIntrospector introspector;

    public AccountOperations(LinkedInLeadSyncEndpoint endpoint, TokenIntrospector introspector) {
        this.endpoint = endpoint;
        this.introspector = introspector;
    }

    /** Every ad account of the member, whatever its status ({@code List<AdAccount>}). */
    public void listAdAccounts(Exchange exchange) {
        ProducerInputs.result(exchange, accounts(), 200);
    }

    /** The pages the member has approved roles on, with the roles ({@code List<OrganizationRoles>}). */
    public void listOrganizations(Exchange exchange) {
        ProducerInputs.result(exchange, AccessChecker.organizationRoles(endpoint.getApi().organizationAcls()), 200);
    }

    /**
     * One {@link AccessCheck} per ad account and per page. The token's scopes come from introspection when clientId and
     * clientSecret are configured; otherwise one {@code leadForms} call on an owner whose roles qualify is tried, and
     * a 403 there means the scope is missing.
     */
    public void checkAccess(Exchange exchange) {
        List<AdAccount> accounts = accounts();
        List<AdAccountUser> accountRoles = endpoint.getApi().adAccountUsers();
        List<OrganizationAcl> pageRoles = endpoint.getApi().organizationAcls();
        Optional<Set<String>> scopes = introspector.scopes();
        boolean scopeDenied = false;
        if (scopes.isEmpty()) {
            List<AccessCheck> byRoles = AccessChecker.check(Optional.of(Set.of(AccessChecker.LEADS_SCOPE)), false, accounts, accountRoles, pageRoles);
            Optional<AccessCheck> qualifying = byRoles.stream().filter(AccessCheck::canReceiveLeads).findFirst();
            if (qualifying.isPresent()) {
                scopeDenied = probeDenied(qualifying.get().ownerUrn());
            }
        }
        // the access rule has no I/O; a page's name comes from LinkedIn's organizations lookup
        List<AccessCheck> checks = AccessChecker.check(scopes, scopeDenied, accounts, accountRoles, pageRoles).stream()
                .map(c -> c.name() == null && c.ownerUrn().startsWith(LeadOwner.ORGANIZATION_PREFIX)
                        ? new AccessCheck(c.ownerUrn(), endpoint.getApi().organizationName(c.ownerUrn()), c.canReceiveLeads(), c.missing())
                        : c)
                .toList();
        ProducerInputs.result(exchange, checks, 200);
    }

    private boolean probeDenied(String ownerUrn) {
        try {
            endpoint.getApi().leadForms(LeadOwner.of(ownerUrn)).findFirst();
            return false;
        } catch (ForbiddenException e) {
            LOG.debug("LinkedIn refused leadForms of {} although the member's roles allow it: the token lacks the scope", ownerUrn);
            return true;
        }
    }

    private List<AdAccount> accounts() {
        return endpoint.getApi().adAccounts(ALL_STATUSES).toList();
    }
}
