package io.leadsync.app.signoff;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.access.OrganizationRoles;
import io.leadsync.camel.linkedin.model.AdAccount;

/** Access and owners (LGF-007, LGF-101 and its events variant, MA-101): the app's answers against the sandbox's world. */
final class AccountSteps {

    private final SignOffContext ctx;

    AccountSteps(SignOffContext ctx) {
        this.ctx = ctx;
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("LGF-007", SignOffIds.title("LGF-007"), this::access),
                new SignOffStep("LGF-101", SignOffIds.title("LGF-101"), e -> adAccounts(e, "LGF-101")),
                new SignOffStep("LGF-101-EVENTS", SignOffIds.title("LGF-101-EVENTS"), this::pages),
                new SignOffStep("MA-101", SignOffIds.title("MA-101"), e -> adAccounts(e, "MA-101")));
    }

    @SuppressWarnings("unchecked")
    private String access(Evidence e) throws Exception {
        List<Map<String, Object>> owners = (List<Map<String, Object>>) ctx.app.http().status().get("owners");
        e.require(owners != null && !owners.isEmpty(), "GET /api/status lists %d owners", owners == null ? 0 : owners.size());
        Map<String, Map<String, Object>> byUrn = owners.stream().collect(Collectors.toMap(o -> (String) o.get("urn"), o -> o));
        for (Map<String, Object> o : owners) {
            e.note("%s %s: canReceiveLeads=%s missing=%s", o.get("urn"), o.get("name") == null ? "" : o.get("name"), o.get("canReceiveLeads"), o.get("missing"));
        }
        for (String ok : List.of(SignOffContext.AD_ACCOUNT, SignOffContext.COMPANY_PAGE, SignOffContext.PRODUCT_PAGE)) {
            e.require(byUrn.containsKey(ok) && Boolean.TRUE.equals(byUrn.get(ok).get("canReceiveLeads")), "%s can receive leads", ok);
        }
        Map<String, Object> canceled = byUrn.get(SignOffContext.CANCELED_ACCOUNT);
        e.require(canceled != null && Boolean.FALSE.equals(canceled.get("canReceiveLeads")) && !((List<?>) canceled.get("missing")).isEmpty(),
                "the CANCELED account where the member is VIEWER cannot, and says what is missing");
        return "3 owners can receive leads; " + SignOffContext.CANCELED_ACCOUNT + " cannot: " + canceled.get("missing");
    }

    private String adAccounts(Evidence e, String id) throws Exception {
        List<?> answer = ctx.request("linkedin-leadsync:accounts?operation=listAdAccounts", null, Map.of(), List.class);
        Map<Long, String> listed = new TreeMap<>();
        for (Object a : answer) {
            AdAccount account = (AdAccount) a;
            listed.put(account.id(), account.status());
        }
        Map<Long, String> seeded = new TreeMap<>();
        for (JsonNode a : ctx.app.world().withArray("adAccounts")) {
            seeded.put(a.get("id").asLong(), a.get("status").asText());
        }
        e.requireEqual(seeded, listed, "ad accounts with their status (sandbox world vs listAdAccounts)");
        e.require(listed.containsValue("CANCELED"), "a non-ACTIVE account is listed too");
        return listed.size() + " ad accounts with status: " + listed + (id.startsWith("MA") ? " (segments go to the ACTIVE one)" : "");
    }

    private String pages(Evidence e) throws Exception {
        List<?> answer = ctx.request("linkedin-leadsync:accounts?operation=listOrganizations", null, Map.of(), List.class);
        Set<String> listed = new TreeSet<>();
        for (Object o : answer) {
            OrganizationRoles roles = (OrganizationRoles) o;
            listed.add(roles.organizationUrn());
            e.note("%s roles %s canManageLeads=%s", roles.organizationUrn(), roles.roles(), roles.canManageLeads());
        }
        Set<String> seeded = new TreeSet<>();
        for (JsonNode acl : ctx.app.world().withArray("organizationAcls")) {
            if ("APPROVED".equals(acl.path("state").asText())) {
                seeded.add(acl.get("organization").asText());
            }
        }
        e.requireEqual(seeded, listed, "pages with an approved role (sandbox world vs listOrganizations)");
        return listed.size() + " pages administered: " + listed;
    }
}
