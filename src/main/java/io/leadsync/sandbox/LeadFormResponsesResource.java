package io.leadsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code leadFormResponses}: owner finder (newest first by {@code submittedAt}), get, batch get, and the
 * enrichment projection ({@code form:(…)}, {@code ownerInfo}, {@code leadMetadataInfo}, {@code associatedEntityInfo}).
 */
final class LeadFormResponsesResource implements RestResource {

    private static final String READ = "r_marketing_leadgen_automation";
    private final SandboxContext ctx;

    LeadFormResponsesResource(SandboxContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "leadFormResponses";
    }

    @Override
    public SandboxResponse handle(RestCall call) {
        if (!"GET".equals(call.method)) {
            throw call.unsupported();
        }
        if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "owner".equals(call.finder())) {
            return find(call);
        }
        if (call.segments() == 1 && "BATCH_GET".equals(call.restliMethod)) {
            return batchGet(call);
        }
        if (call.segments() == 2 && "GET".equals(call.restliMethod)) {
            call.require(READ);
            Projection projection = Projection.parse(call.params.get("fields"));
            ObjectNode lead = lead(call, call.key(1));
            return SandboxResponse.json(present(lead, projection));
        }
        throw call.unsupported();
    }

    private SandboxResponse find(RestCall call) {
        ObjectNode owner = Owners.owner(call, "owner");
        Map<String, Object> leadTypeRecord = call.recordParam("leadType");
        if (leadTypeRecord == null || !(leadTypeRecord.get("leadType") instanceof String leadType)) {
            throw SandboxApiError.badRequest("Missing required parameter 'leadType', e.g. leadType=(leadType:SPONSORED)");
        }
        Owners.checkLeadType(owner, leadType, "leadType");
        call.require("EVENT".equals(leadType) ? new String[] {READ, "r_events"} : new String[] {READ});
        if (!ctx.world.canReadLeads(owner)) {
            throw call.denied();
        }
        int start = call.start();
        int count = call.count(10);
        Projection projection = Projection.parse(call.params.get("fields"));
        Predicate<JsonNode> filter = l -> l.get("owner").equals(owner) && leadType.equals(l.get("leadType").asText());
        String form = call.stringParam("versionedLeadGenFormUrn");
        if (form != null) {
            filter = filter.and(l -> form.equals(l.get("versionedLeadGenFormUrn").asText()));
        }
        Object entity = call.param("associatedEntity");
        if (entity != null) {
            filter = filter.and(l -> matchesEntity(l.get("associatedEntity"), entity));
        }
        Map<String, Object> range = call.recordParam("submittedAtTimeRange");
        if (range != null) {
            long from = epochMillis(range.get("start"));
            long to = range.containsKey("end") ? epochMillis(range.get("end")) : Long.MAX_VALUE;
            filter = filter.and(l -> l.get("submittedAt").asLong() >= from && l.get("submittedAt").asLong() <= to);
        }
        String testOnly = call.stringParam("limitedToTestLeads");
        if (testOnly != null && !testOnly.equals("true") && !testOnly.equals("false")) {
            throw SandboxApiError.badRequest("Invalid value for parameter 'limitedToTestLeads': must be true or false");
        }
        if ("true".equals(testOnly)) {
            filter = filter.and(l -> l.get("testLead").asBoolean());
        }
        List<ObjectNode> leads = ctx.world.leads.find(filter);
        if (start > 0 && start <= leads.size() && ctx.faults.takeWithdrawDuringPaging()) {
            // a member withdraws a lead the client has already been served: the rest move up one place
            ctx.leadActions.withdraw(leads.get(start - 1).get("id").asText());
            leads = ctx.world.leads.find(filter);
        }
        ObjectNode page = Paging.page(leads, start, count, ctx.faults);
        var elements = (com.fasterxml.jackson.databind.node.ArrayNode) page.get("elements");
        for (int i = 0; i < elements.size(); i++) {
            elements.set(i, present((ObjectNode) elements.get(i), projection));
        }
        return SandboxResponse.json(page);
    }

    private SandboxResponse batchGet(RestCall call) {
        call.require(READ);
        List<Object> ids = call.listParam("ids");
        if (ids == null || ids.isEmpty()) {
            throw SandboxApiError.badRequest("Missing required parameter 'ids', e.g. ids=List(id1,id2)");
        }
        Projection projection = Projection.parse(call.params.get("fields"));
        ObjectNode body = Json.object();
        ObjectNode results = body.putObject("results");
        ObjectNode errors = body.putObject("errors");
        for (Object id : ids) {
            String key = String.valueOf(id);
            try {
                results.set(key, present(lead(call, key), projection));
            } catch (SandboxApiError e) {
                ObjectNode error = errors.putObject(key);
                error.put("status", e.status());
                error.put("message", e.getMessage());
            }
        }
        return SandboxResponse.json(body);
    }

    private ObjectNode lead(RestCall call, String key) {
        String id = key.startsWith("urn:li:leadGenFormResponse:") ? key.substring("urn:li:leadGenFormResponse:".length()) : key;
        ObjectNode lead = ctx.world.leads.get(id);
        if (lead == null) {
            throw SandboxApiError.notFound("No lead form response " + id);
        }
        if ("EVENT".equals(lead.get("leadType").asText()) && !call.token.scopes.contains("r_events")) {
            throw call.denied();
        }
        if (!ctx.world.canReadLeads(lead.get("owner"))) {
            throw call.denied();
        }
        return lead;
    }

    private static boolean matchesEntity(JsonNode actual, Object wanted) {
        if (actual == null) {
            return false;
        }
        if (wanted instanceof Map<?, ?> record) {
            return record.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(Json.text(actual, (String) e.getKey())));
        }
        for (JsonNode value : actual) {
            if (value.asText().equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static long epochMillis(Object value) {
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("Invalid value for parameter 'submittedAtTimeRange': start and end are epoch milliseconds");
        }
    }

    /** Applies the projection, computing the decorated fields LinkedIn adds on request. */
    private ObjectNode present(ObjectNode lead, Projection projection) {
        if (projection == null) {
            return lead;
        }
        ObjectNode out = Json.object();
        out.set("id", lead.get("id"));
        projection.fields().forEach((name, nested) -> {
            JsonNode value = switch (name) {
                case "form" -> form(lead);
                case "ownerInfo" -> ownerInfo(lead);
                case "leadMetadataInfo" -> leadMetadataInfo(lead);
                case "associatedEntityInfo" -> associatedEntityInfo(lead);
                default -> lead.get(name);
            };
            if (value != null) {
                out.set(name, nested != null && value.isObject() ? nested.apply(value) : value);
            }
        });
        return out;
    }

    /** The lead's own form version, inlined. */
    private ObjectNode form(JsonNode lead) {
        String urn = lead.get("versionedLeadGenFormUrn").asText();
        String inner = urn.substring(urn.indexOf("leadGenForm:") + "leadGenForm:".length(), urn.length() - 1);
        String[] parts = inner.split(",");
        FormRecord record = ctx.world.form(Long.parseLong(parts[0]));
        ObjectNode version = record == null ? null : record.version(Integer.parseInt(parts[1]));
        if (version == null) {
            return null;
        }
        ObjectNode form = Json.object();
        form.set("id", version.get("id"));
        form.set("versionId", version.get("versionId"));
        form.set("name", version.get("name"));
        form.set("hiddenFields", version.get("hiddenFields"));
        form.set("content", version.get("content"));
        return form;
    }

    private ObjectNode ownerInfo(JsonNode lead) {
        ObjectNode info = Json.object();
        String account = Json.text(lead.get("owner"), "sponsoredAccount");
        if (account != null) {
            ObjectNode acct = ctx.world.account(SandboxWorld.idOf(account));
            info.putObject("sponsoredAccountInfo").put("name", acct == null ? null : acct.get("name").asText());
        } else {
            String org = Json.text(lead.get("owner"), "organization");
            info.putObject("organizationInfo").put("name", ctx.world.organizations.get(SandboxWorld.idOf(org)));
        }
        return info;
    }

    private ObjectNode leadMetadataInfo(JsonNode lead) {
        String campaign = Json.text(lead.path("leadMetadata").get("sponsoredLeadMetadata"), "campaign");
        if (campaign == null) {
            return null;
        }
        long id = SandboxWorld.idOf(campaign);
        ObjectNode c = ctx.world.campaigns.get(id);
        ObjectNode info = Json.object();
        ObjectNode node = info.putObject("sponsoredLeadMetadataInfo").putObject("campaign");
        node.put("id", id);
        node.put("name", c == null ? null : c.get("name").asText());
        return info;
    }

    private ObjectNode associatedEntityInfo(JsonNode lead) {
        JsonNode entity = lead.get("associatedEntity");
        if (entity == null) {
            return null;
        }
        ObjectNode info = Json.object();
        String creative = Json.text(entity, "associatedCreative");
        if (creative != null) {
            ObjectNode c = ctx.world.creatives.get(creative);
            info.putObject("associatedCreativeInfo").put("id", creative).put("name", c == null ? null : c.get("name").asText());
        }
        String event = Json.text(entity, "event");
        if (event != null) {
            long id = SandboxWorld.idOf(event);
            String name = ctx.world.events.stream().filter(e -> e.get("id").asLong() == id)
                    .map(e -> e.get("name").get("localized").elements().next().asText()).findFirst().orElse(null);
            info.putObject("eventInfo").put("id", id).put("name", name);
        }
        return info;
    }
}
