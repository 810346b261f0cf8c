package io.leadsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Form edits an advertiser makes in Campaign Manager, as admin calls: {@code POST /_sandbox/forms/{formId}/versions}
 * ({@code {"addQuestion":{"name":"budget","question":"What is your budget?"}}}) publishes a new version with one more
 * question, and {@code POST /_sandbox/forms/{formId}/archive} archives the form. Old versions stay, and so do the
 * leads that name them; leads submitted later use the new version.
 * <p>
 * {@code addQuestion} takes {@code name} and {@code question} (required), and optionally {@code label} (default the
 * name), {@code predefinedField}, {@code responseRequired} (default false), {@code maxResponseLength} (default 300)
 * and {@code options} (a list of texts: a multiple-choice question instead of a text one). The question id is
 * assigned as LinkedIn does, unique within the form.
 */
final class FormEdits {

    private final SandboxContext ctx;

    FormEdits(SandboxContext ctx) {
        this.ctx = ctx;
    }

    SandboxResponse newVersion(FormRecord form, JsonNode body) {
        JsonNode add = body.get("addQuestion");
        if (add == null || !add.isObject()) {
            throw SandboxApiError.badRequest("A new form version needs {\"addQuestion\":{\"name\":…,\"question\":…}}");
        }
        String name = Json.text(add, "name");
        String text = Json.text(add, "question");
        if (name == null || name.isBlank() || text == null || text.isBlank()) {
            throw SandboxApiError.badRequest("addQuestion needs a 'name' and a 'question' text");
        }
        ObjectNode version;
        synchronized (form) {
            if ("ARCHIVED".equals(form.state())) {
                throw SandboxApiError.badRequest("An ARCHIVED lead form cannot be edited");
            }
            version = form.latest();
            ArrayNode questions = (ArrayNode) version.get("content").get("questions");
            for (JsonNode q : questions) {
                if (name.equals(q.path("name").asText())) {
                    throw SandboxApiError.badRequest("Form " + form.id + " already has a question named '" + name + "'");
                }
            }
            questions.add(question(add, name, text, locale(version)));
            LeadFormsResource.assignQuestionIds(version, form.id);
            version.put("lastModified", ctx.clock.millis());
            if (version.get("reviewInfo") instanceof ObjectNode review) {
                review.put("lastUpdated", version.get("lastModified").asLong());
            }
            ctx.world.storeForm(form, version, true);
        }
        ObjectNode answer = Json.object();
        answer.put("formId", form.id);
        int versionId = version.get("versionId").asInt();
        answer.put("versionId", versionId);
        answer.put("versionedLeadGenFormUrn", FormRecord.versionedUrn(form.id, versionId));
        JsonNode questions = version.get("content").get("questions");
        answer.set("question", questions.get(questions.size() - 1));
        return SandboxResponse.json(answer);
    }

    SandboxResponse archive(FormRecord form) {
        synchronized (form) {
            if (!"ARCHIVED".equals(form.state())) {
                ObjectNode latest = form.latest();
                latest.put("state", "ARCHIVED");
                latest.put("lastModified", ctx.clock.millis());
                ctx.world.storeForm(form, latest, false);
            }
        }
        ObjectNode answer = Json.object();
        answer.put("formId", form.id);
        answer.put("state", form.state());
        answer.put("versionId", form.latestVersionId());
        return SandboxResponse.json(answer);
    }

    private static ObjectNode question(JsonNode add, String name, String text, String locale) {
        ObjectNode q = Json.object();
        q.put("name", name);
        q.put("label", add.path("label").asText(name));
        q.set("question", SeededForms.localized(locale, text));
        String predefined = Json.text(add, "predefinedField");
        if (predefined != null) {
            q.put("predefinedField", predefined);
        }
        q.put("responseRequired", add.path("responseRequired").asBoolean(false));
        JsonNode options = add.get("options");
        if (options != null && options.isArray() && !options.isEmpty()) {
            ArrayNode list = q.putObject("questionDetails").putObject("multipleChoiceQuestionDetails").putArray("options");
            for (int i = 0; i < options.size(); i++) {
                list.addObject().put("id", i).set("text", SeededForms.localized(locale, options.get(i).asText()));
            }
        } else {
            q.putObject("questionDetails").putObject("textQuestionDetails")
                    .put("maxResponseLength", add.path("maxResponseLength").asInt(300));
        }
        return q;
    }

    /** The locale the form's texts are in, e.g. {@code en_US}. */
    private static String locale(ObjectNode version) {
        JsonNode headline = version.path("content").path("headline").path("localized");
        if (headline.fieldNames().hasNext()) {
            return headline.fieldNames().next();
        }
        JsonNode locale = version.path("creationLocale");
        return locale.path("language").asText("en") + "_" + locale.path("country").asText("US");
    }
}
