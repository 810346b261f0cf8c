package io.leadsync.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code leadFormResponses}: owner finder (newest first by {@code submittedAt}), get, batch get, and the
 * enrichment projection ({@code form:(…)}, {@code ownerInfo}, {@code leadMetadataInfo}, {@code associatedEntityInfo}).
 * <p>
 * Answers are assembled from each lead's stored JSON bytes. With a projection, a lead's top-level fields are cut out
 * of those bytes, and the decorated fields (the same for every lead of a form version, owner, campaign or creative)
 * are computed once and kept.
 */
final class LeadFormResponsesResource implements RestResource {

    private static final String READ = "r_marketing_leadgen_automation";
    private static final byte[] EMPTY = new byte[0];
    private final SandboxContext ctx;
    /** Decorated field values as bytes ({@link #EMPTY}: absent), by projection, field and what they depend on. */
    private final Map<String, byte[]> decorated = new ConcurrentHashMap<>();
    // per stream (owner and lead type), the last lead of the last full page served: what withdrawDuringPaging withdraws
    private final Map<String, String> lastServed = new ConcurrentHashMap<>();

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
            Presenter presenter = new Presenter(call.params.get("fields"));
            LeadStore.Lead lead = lead(call, call.key(1));
            ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
            presenter.write(lead, out);
            return new SandboxResponse(200, "application/json", new java.util.LinkedHashMap<>(), out.toByteArray());
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
        Presenter presenter = new Presenter(call.params.get("fields"));
        String form = call.stringParam("versionedLeadGenFormUrn");
        Object entity = call.param("associatedEntity");
        Predicate<JsonNode> entityFilter = entity == null ? null : actual -> matchesEntity(actual, entity);
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        Map<String, Object> range = call.recordParam("submittedAtTimeRange");
        if (range != null) {
            from = epochMillis(range.get("start"));
            to = range.containsKey("end") ? epochMillis(range.get("end")) : Long.MAX_VALUE;
        }
        String testOnly = call.stringParam("limitedToTestLeads");
        if (testOnly != null && !testOnly.equals("true") && !testOnly.equals("false")) {
            throw SandboxApiError.badRequest("Invalid value for parameter 'limitedToTestLeads': must be true or false");
        }
        LeadStore.Query query = new LeadStore.Query(LeadStore.streamKey(owner, leadType), form,
                entity == null ? null : String.valueOf(entity), entityFilter, from, to, "true".equals(testOnly));
        String stream = query.stream();
        String served = lastServed.get(stream);
        if (served != null && ctx.faults.withdrawDuringPagingLeft() && ctx.faults.takeWithdrawDuringPaging()) {
            // a member withdraws a lead this stream's reader was served on the page before, whatever the reader pages
            // by: an offset reader now skips the lead that moved up into the place it has already read
            ctx.leadActions.withdraw(served);
        }
        LeadStore.Page page = ctx.world.leads.page(query, start, count, ctx.faults);
        if (page.leads().size() < count) {
            lastServed.remove(stream);
        } else {
            lastServed.put(stream, page.leads().get(page.leads().size() - 1).id);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + page.leads().size() * 1400);
        out.writeBytes("{\"elements\":[".getBytes(StandardCharsets.US_ASCII));
        boolean first = true;
        for (LeadStore.Lead lead : page.leads()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            presenter.write(lead, out);
        }
        out.writeBytes("],\"paging\":".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Paging.pagingJson(start, count, page.total()));
        out.write('}');
        return new SandboxResponse(200, "application/json", new java.util.LinkedHashMap<>(), out.toByteArray());
    }

    private SandboxResponse batchGet(RestCall call) {
        call.require(READ);
        List<Object> ids = call.listParam("ids");
        if (ids == null || ids.isEmpty()) {
            throw SandboxApiError.badRequest("Missing required parameter 'ids', e.g. ids=List(id1,id2)");
        }
        Presenter presenter = new Presenter(call.params.get("fields"));
        Map<String, LeadStore.Lead> results = new java.util.LinkedHashMap<>();
        ObjectNode errors = Json.object();
        for (Object id : ids) {
            String key = String.valueOf(id);
            try {
                results.put(key, lead(call, key));
            } catch (SandboxApiError e) {
                results.remove(key);
                ObjectNode error = errors.putObject(key);
                error.put("status", e.status());
                error.put("message", e.getMessage());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + results.size() * 1400);
        out.writeBytes("{\"results\":{".getBytes(StandardCharsets.US_ASCII));
        boolean first = true;
        for (Map.Entry<String, LeadStore.Lead> result : results.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(Json.bytes(Json.MAPPER.getNodeFactory().textNode(result.getKey())));
            out.write(':');
            presenter.write(result.getValue(), out);
        }
        out.writeBytes("},\"errors\":".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Json.bytes(errors));
        out.write('}');
        return new SandboxResponse(200, "application/json", new java.util.LinkedHashMap<>(), out.toByteArray());
    }

    private LeadStore.Lead lead(RestCall call, String key) {
        String id = key.startsWith("urn:li:leadGenFormResponse:") ? key.substring("urn:li:leadGenFormResponse:".length()) : key;
        LeadStore.Lead lead = ctx.world.leads.get(id);
        if (lead == null) {
            throw SandboxApiError.notFound("No lead form response " + id);
        }
        if ("EVENT".equals(lead.leadType) && !call.token.scopes.contains("r_events")) {
            throw call.denied();
        }
        if (!ctx.world.canReadLeads(lead.owner)) {
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

    /**
     * Writes leads as one call's projection asks: the stored bytes as they are without one; with one, {@code id}
     * first, then each projected field in the projection's order, decorated fields computed as LinkedIn adds them.
     */
    private final class Presenter {
        private final String raw;
        private final Projection projection;
        private final List<Map.Entry<String, Projection>> fields;
        private final byte[][] names;

        Presenter(String raw) {
            this.raw = raw;
            this.projection = Projection.parse(raw);
            this.fields = projection == null ? List.of() : List.copyOf(projection.fields().entrySet());
            this.names = new byte[fields.size()][];
            for (int i = 0; i < fields.size(); i++) {
                names[i] = Json.bytes(Json.MAPPER.getNodeFactory().textNode(fields.get(i).getKey()));
            }
        }

        void write(LeadStore.Lead lead, ByteArrayOutputStream out) {
            byte[] json = lead.json();
            if (projection == null) {
                out.writeBytes(json);
                return;
            }
            Map<String, int[]> slices = slices(json);
            out.writeBytes("{\"id\":".getBytes(StandardCharsets.US_ASCII));
            write(out, json, slices.get("id"));
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).getKey();
                if ("id".equals(name)) {
                    continue;
                }
                Projection nested = fields.get(i).getValue();
                byte[] value = switch (name) {
                    case "form", "ownerInfo", "leadMetadataInfo", "associatedEntityInfo" ->
                            decoratedValue(lead, name, nested, json, slices);
                    default -> plainValue(json, slices.get(name), nested);
                };
                if (value != null && value.length > 0) {
                    out.write(',');
                    out.writeBytes(names[i]);
                    out.write(':');
                    out.writeBytes(value);
                }
            }
            out.write('}');
        }

        private void write(ByteArrayOutputStream out, byte[] json, int[] slice) {
            out.write(json, slice[0], slice[1] - slice[0]);
        }

        private byte[] plainValue(byte[] json, int[] slice, Projection nested) {
            if (slice == null) {
                return null;
            }
            if (nested == null || json[slice[0]] != '{') {
                return java.util.Arrays.copyOfRange(json, slice[0], slice[1]);
            }
            try {
                return Json.bytes(nested.apply(Json.MAPPER.readTree(json, slice[0], slice[1] - slice[0])));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] decoratedValue(LeadStore.Lead lead, String name, Projection nested, byte[] json, Map<String, int[]> slices) {
            String dependsOn = switch (name) {
                case "form" -> lead.versionedLeadGenFormUrn + '#' + ctx.world.formChanges();
                case "ownerInfo" -> text(json, slices.get("owner"));
                case "leadMetadataInfo" -> text(json, slices.get("leadMetadata"));
                default -> text(json, slices.get("associatedEntity"));
            };
            String key = raw + '\u0000' + name + '\u0000' + dependsOn;
            byte[] cached = decorated.get(key);
            if (cached != null) {
                return cached;
            }
            ObjectNode tree = lead.tree();
            JsonNode value = switch (name) {
                case "form" -> form(tree);
                case "ownerInfo" -> ownerInfo(tree);
                case "leadMetadataInfo" -> leadMetadataInfo(tree);
                default -> associatedEntityInfo(tree);
            };
            byte[] bytes = value == null ? EMPTY : Json.bytes(nested != null && value.isObject() ? nested.apply(value) : value);
            if (decorated.size() > 10_000) {
                decorated.clear();
            }
            decorated.put(key, bytes);
            return bytes;
        }
    }

    private static String text(byte[] json, int[] slice) {
        return slice == null ? "" : new String(json, slice[0], slice[1] - slice[0], StandardCharsets.UTF_8);
    }

    /** Where each top-level field's value lies in a lead's JSON: name → {start, end}. */
    static Map<String, int[]> slices(byte[] json) {
        Map<String, int[]> slices = new HashMap<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int start = (int) p.currentTokenLocation().getByteOffset();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                int end = (int) p.currentLocation().getByteOffset();
                if (value != JsonToken.START_OBJECT && value != JsonToken.START_ARRAY) {
                    // a scalar never ends in these; the parser may have looked one byte past it
                    while (end > start && ",}] \t\r\n".indexOf(json[end - 1]) >= 0) {
                        end--;
                    }
                }
                slices.put(name, new int[] {start, end});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return slices;
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
