package io.leadsync.sandbox;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The seeded world as {@code GET /_sandbox/world} shows it: member, accounts, pages, events, forms and lead counts. */
final class WorldView {

    private WorldView() {
    }

    /** The world as {@code GET /_sandbox/world} shows it. */
    static ObjectNode of(SandboxWorld w) {
        ObjectNode world = Json.object();
        ObjectNode member = world.putObject("member");
        member.put("urn", SandboxWorld.MEMBER_URN);
        member.put("name", w.memberName());
        member.put("email", SandboxWorld.MEMBER_EMAIL);
        ArrayNode accounts = world.putArray("adAccounts");
        w.adAccounts.forEach(accounts::add);
        ArrayNode users = world.putArray("adAccountUsers");
        w.adAccountUsers.forEach(users::add);
        ArrayNode pages = world.putArray("organizations");
        w.organizations.forEach((id, name) -> pages.addObject().put("id", id).put("urn", "urn:li:organization:" + id)
                .put("name", name));
        ArrayNode acls = world.putArray("organizationAcls");
        w.organizationAcls.forEach(acls::add);
        ArrayNode evts = world.putArray("events");
        w.events.forEach(evts::add);
        ArrayNode camps = world.putArray("campaigns");
        w.campaigns.values().forEach(camps::add);
        ArrayNode creas = world.putArray("creatives");
        w.creatives.values().forEach(creas::add);
        Map<String, int[]> counts = w.leads.countsByForm();
        ArrayNode formList = world.putArray("forms");
        for (FormRecord form : w.forms()) {
            ObjectNode latest = form.latest();
            ObjectNode f = formList.addObject();
            f.put("id", form.id);
            f.put("name", latest.get("name").asText());
            f.put("state", latest.get("state").asText());
            f.put("leadType", form.leadType);
            f.set("owner", latest.get("owner"));
            f.put("latestVersionId", form.latestVersionId());
            int total = 0;
            int test = 0;
            ArrayNode versions = f.putArray("versions");
            for (Integer v : form.versions().keySet()) {
                int[] c = counts.getOrDefault(FormRecord.versionedUrn(form.id, v), new int[2]);
                versions.addObject().put("versionId", v).put("versionedLeadGenFormUrn", FormRecord.versionedUrn(form.id, v))
                        .put("leadCount", c[0]).put("testLeadCount", c[1]);
                total += c[0];
                test += c[1];
            }
            f.put("leadCount", total);
            f.put("testLeadCount", test);
        }
        world.put("leadCount", w.leads.size());
        return world;
    }
}
