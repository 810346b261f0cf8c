package io.leadsync.sandbox;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code leadForms}: owner finder, get (latest version), create, and partial update. Changing the content of a
 * PUBLISHED form creates a new {@code versionId}; older versions are kept because leads name them.
 */
final class LeadFormsResource implements RestResource {

    private static final String READ = "r_marketing_leadgen_automation";
    private static final Set<String> READ_ONLY = Set.of("id", "versionId", "owner", "created", "lastModified");
    private static final Set<String> STATES = Set.of("DRAFT", "PUBLISHED", "ARCHIVED");
    private final SandboxContext ctx;

    LeadFormsResource(SandboxContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "leadForms";
    }

    @Override
    public SandboxResponse handle(RestCall call) {
        if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "owner".equals(call.finder())) {
            call.require(READ);
            JsonNode owner = Owners.owner(call, "owner");
            checkAccess(call, owner);
            List<ObjectNode> forms = ctx.world.forms().stream().filter(f -> f.owner().equals(owner))
                    .map(FormRecord::latest).collect(Collectors.toList());
            return SandboxResponse.json(Paging.page(forms, call.start(), call.count(10), ctx.faults));
        }
        if (call.segments() == 1 && "CREATE".equals(call.restliMethod) && "POST".equals(call.method)) {
            call.require(READ, "rw_ads");
            return create(call);
        }
        if (call.segments() == 2) {
            FormRecord form = form(call);
            if ("GET".equals(call.restliMethod)) {
                call.require(READ);
                checkAccess(call, form.owner());
                return SandboxResponse.json(form.latest());
            }
            if ("PARTIAL_UPDATE".equals(call.restliMethod) && "POST".equals(call.method)) {
                call.require(READ, "rw_ads");
                checkAccess(call, form.owner());
                return update(call, form);
            }
        }
        throw call.unsupported();
    }

    private void checkAccess(RestCall call, JsonNode owner) {
        if (!ctx.world.canReadLeads(owner)) {
            throw call.denied();
        }
    }

    private FormRecord form(RestCall call) {
        String key = call.key(1).replace("urn:li:leadGenForm:", "");
        try {
            FormRecord form = ctx.world.form(Long.parseLong(key));
            if (form != null) {
                return form;
            }
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("Lead form id must be a number");
        }
        throw SandboxApiError.notFound("No lead form " + key);
    }

    private SandboxResponse create(RestCall call) {
        JsonNode body = call.body();
        JsonNode owner = body.get("owner");
        String leadType = Owners.leadTypeOf(owner, "owner");
        checkAccess(call, owner);
        if (Json.text(body, "name") == null || Json.text(body, "name").isBlank()) {
            throw SandboxApiError.badRequest("Lead form field 'name' is required");
        }
        long id = ctx.world.nextFormId();
        long now = ctx.clock.millis();
        ObjectNode form = Json.object();
        form.put("id", id);
        form.put("name", body.get("name").asText());
        form.put("state", body.path("state").asText("DRAFT"));
        form.put("versionId", 1);
        form.set("owner", owner.deepCopy());
        form.set("creationLocale", body.has("creationLocale") ? body.get("creationLocale").deepCopy()
                : Json.object().put("country", "US").put("language", "en"));
        form.put("created", now);
        form.put("lastModified", now);
        form.set("hiddenFields", body.has("hiddenFields") ? body.get("hiddenFields").deepCopy() : Json.array());
        form.set("content", body.path("content").deepCopy());
        validate(form);
        assignQuestionIds(form, id);
        ctx.world.addForm(new FormRecord(id, leadType, null, List.of(form)));
        return SandboxResponse.created(String.valueOf(id), "/rest/leadForms/" + id);
    }

    private SandboxResponse update(RestCall call, FormRecord form) {
        JsonNode patch = call.body().get("patch");
        if (patch == null || !patch.isObject()) {
            throw SandboxApiError.badRequest("PARTIAL_UPDATE needs a body {\"patch\":{\"$set\":{…}}}");
        }
        JsonNode set = patch.get("$set");
        if (set != null) {
            set.fieldNames().forEachRemaining(f -> {
                if (READ_ONLY.contains(f)) {
                    throw SandboxApiError.badRequest("Lead form field '" + f + "' is read-only");
                }
            });
        }
        ObjectNode before = form.latest();
        ObjectNode after = before.deepCopy();
        applyPatch(after, patch);
        validate(after);
        boolean contentChanged = !before.get("content").equals(after.get("content"))
                || !before.get("hiddenFields").equals(after.get("hiddenFields"));
        String oldState = before.get("state").asText();
        if (contentChanged && "ARCHIVED".equals(oldState)) {
            throw SandboxApiError.badRequest("An ARCHIVED lead form cannot be edited");
        }
        if ("ARCHIVED".equals(oldState) && !"ARCHIVED".equals(after.get("state").asText())) {
            throw SandboxApiError.badRequest("An ARCHIVED lead form cannot be restored");
        }
        assignQuestionIds(after, form.id);
        after.put("lastModified", ctx.clock.millis());
        ctx.world.storeForm(form, after, contentChanged && "PUBLISHED".equals(oldState));
        return SandboxResponse.empty(204);
    }

    /** Rest.li patch semantics: {@code $set} replaces fields, {@code $delete} removes them, other keys recurse. */
    static void applyPatch(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if ("$set".equals(key)) {
                value.fields().forEachRemaining(f -> target.set(f.getKey(), f.getValue().deepCopy()));
            } else if ("$delete".equals(key)) {
                value.forEach(name -> target.remove(name.asText()));
            } else if (value.isObject()) {
                JsonNode child = target.get(key);
                applyPatch(child instanceof ObjectNode o ? o : target.putObject(key), value);
            } else {
                throw SandboxApiError.badRequest("Invalid patch at '" + key + "'");
            }
        });
    }

    private static void validate(ObjectNode form) {
        if (!STATES.contains(form.path("state").asText())) {
            throw SandboxApiError.badRequest("Lead form 'state' must be one of " + STATES);
        }
        JsonNode questions = form.path("content").get("questions");
        if (questions == null || !questions.isArray() || questions.isEmpty()) {
            throw SandboxApiError.badRequest("Lead form 'content.questions' must list at least one question");
        }
        for (JsonNode q : questions) {
            JsonNode details = q.get("questionDetails");
            if (details == null || !(details.has("textQuestionDetails") || details.has("multipleChoiceQuestionDetails"))) {
                throw SandboxApiError.badRequest("Each question needs questionDetails with textQuestionDetails or "
                        + "multipleChoiceQuestionDetails");
            }
            if (!q.has("question")) {
                throw SandboxApiError.badRequest("Each question needs a 'question' text");
            }
        }
    }

    /** LinkedIn assigns question ids; new questions get ids unique within the form. */
    static void assignQuestionIds(ObjectNode form, long formId) {
        ArrayNode questions = (ArrayNode) form.get("content").get("questions");
        long max = 0;
        for (JsonNode q : questions) {
            max = Math.max(max, q.path("questionId").asLong(0));
        }
        long next = Math.max(max, formId * 100);
        for (JsonNode q : questions) {
            if (!q.has("questionId")) {
                ((ObjectNode) q).put("questionId", ++next);
            }
        }
    }
}
