package io.leadsync.app.signoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadMapping;
import io.leadsync.camel.linkedin.lead.MappedLead;
import io.leadsync.camel.linkedin.model.LeadForm;

/**
 * Forms managed through the API and re-pulled (guide: manage forms, LGF-302, LGF-113): a form created, published
 * and another archived; the whitepaper form edited into a new version with a new question and its first-name
 * question reworded; the forms run then creates the new table and the new column, and a lead on the new version
 * still maps by {@code FIRST_NAME}.
 */
final class FormEditSteps {

    private static final String FORMS = "linkedin-leadsync:forms";
    private static final String FIRST_NAME_TEXT = "Given name (as on your badge)";

    private final SignOffContext ctx;
    private final SandboxReader linkedIn;
    private Long newQuestion;

    FormEditSteps(SignOffContext ctx, SandboxReader linkedIn) {
        this.ctx = ctx;
        this.linkedIn = linkedIn;
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("GUIDE-MANAGE-FORMS", SignOffIds.title("GUIDE-MANAGE-FORMS"), this::manageForms),
                new SignOffStep("LGF-302", SignOffIds.title("LGF-302"), this::repull),
                new SignOffStep("LGF-113", SignOffIds.title("LGF-113"), this::mappingByPredefinedField));
    }

    private static Map<String, Object> text(String text) {
        return Map.of("localized", Map.of("en_US", text));
    }

    private static Map<String, Object> question(String predefined, String label, String text) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", text);
        q.put("label", label);
        q.put("question", text(text));
        if (predefined != null) {
            q.put("predefinedField", predefined);
        }
        q.put("responseRequired", predefined != null);
        q.put("questionDetails", Map.of("textQuestionDetails", Map.of("maxResponseLength", 300)));
        return q;
    }

    private Map<String, Object> newForm(String name, String state) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("state", state);
        form.put("owner", Map.of("sponsoredAccount", SignOffContext.AD_ACCOUNT));
        form.put("hiddenFields", List.of(Map.of("name", "utm_source", "value", "signoff")));
        form.put("content", Map.of("headline", text(name), "questions", List.of(question("FIRST_NAME", "firstName", "First name"),
                question("LAST_NAME", "lastName", "Last name"), question("WORK_EMAIL", "workEmail", "Work email"),
                question(null, "topic", "Which topic interests you most?"))));
        return form;
    }

    private String manageForms(Evidence e) throws Exception {
        LeadForm created = ctx.request(FORMS + "?operation=createForm", newForm("Sign-off webinar", "DRAFT"), Map.of(), LeadForm.class);
        e.require(created.id() != null && "DRAFT".equals(created.state()), "createForm: form %d '%s' %s version %d", created.id(), created.name(),
                created.state(), created.versionId());
        LeadForm published = ctx.request(FORMS + "?operation=updateForm", Map.of("state", "PUBLISHED"), Map.of("CamelLinkedInFormId", created.id()), LeadForm.class);
        e.requireEqual("PUBLISHED", published.state(), "updateForm {state: PUBLISHED} then LinkedIn's state");
        LeadForm read = ctx.request(FORMS + "?operation=getForm", null, Map.of("CamelLinkedInFormId", created.id()), LeadForm.class);
        e.require(read.questions().size() == 4 && "PUBLISHED".equals(read.state()), "getForm: %d questions, %s", read.questions().size(), read.state());
        LeadForm other = ctx.request(FORMS + "?operation=createForm", newForm("Sign-off scratch form", "PUBLISHED"), Map.of(), LeadForm.class);
        LeadForm archived = ctx.request(FORMS + "?operation=archiveForm", null, Map.of("CamelLinkedInFormId", other.id()), LeadForm.class);
        e.requireEqual("ARCHIVED", archived.state(), "archiveForm " + other.id() + " then LinkedIn's state");
        JsonNode raw = linkedIn.rawForm(created.id());
        e.requireEqual("PUBLISHED", raw.path("state").asText(), "LinkedIn's own JSON of form " + created.id());
        ctx.createdForm = created.id();
        return "form " + created.id() + " created, published and read back; form " + other.id() + " created and archived";
    }

    @SuppressWarnings("unchecked")
    private String repull(Evidence e) throws Exception {
        e.require(ctx.createdForm != null, "GUIDE-MANAGE-FORMS created a form");
        e.require(ctx.app.camel().getRoute("forms-schedule") != null, "route forms-schedule re-pulls every leadsync.forms.delay");
        long whitepaper = ctx.form("SPONSORED");
        LeadForm current = ctx.request(FORMS + "?operation=getForm", null, Map.of("CamelLinkedInFormId", whitepaper), LeadForm.class);
        Map<String, Object> content = LinkedInJson.convert(current.content(), Map.class);
        List<Map<String, Object>> questions = new ArrayList<>();
        for (Map<String, Object> q : (List<Map<String, Object>>) content.get("questions")) {
            Map<String, Object> copy = new LinkedHashMap<>(q);
            if ("FIRST_NAME".equals(copy.get("predefinedField"))) {
                // only the display text changes: the mapping must not notice (LGF-113)
                copy.put("question", text(FIRST_NAME_TEXT));
            }
            questions.add(copy);
        }
        questions.add(question(null, "budget", "What is your budget for 2026?"));
        content.put("questions", questions);
        LeadForm edited = ctx.request(FORMS + "?operation=updateForm", Map.of("content", content), Map.of("CamelLinkedInFormId", whitepaper), LeadForm.class);
        e.require(edited.versionId() > current.versionId(), "form %d edited: version %d → %d", whitepaper, current.versionId(), edited.versionId());
        newQuestion = edited.questions().stream().filter(q -> "budget".equals(q.label())).findFirst().orElseThrow().questionId();
        e.require(!ctx.app.db().hasTable(ctx.createdForm), "no table yet for the new form %d", ctx.createdForm);
        int mark = ctx.log.mark();
        ctx.producer().requestBody("direct:forms-sync", (Object) null);
        String created = ctx.log.first(mark, "table " + Db.table(ctx.createdForm) + " (created)");
        String column = ctx.log.first(mark, "new column q_" + newQuestion + " added");
        e.require(created != null, "log: %s", created);
        e.require(column != null, "log: %s", column);
        List<String> columns = ctx.app.db().columns(Db.table(whitepaper));
        e.require(columns.contains("q_" + newQuestion) && columns.contains("q_707234247") && columns.contains("first_name"),
                "table %s has the new column and keeps the old ones (%d columns)", Db.table(whitepaper), columns.size());
        e.require(ctx.app.db().hasTable(ctx.createdForm), "table %s exists", Db.table(ctx.createdForm));
        return "new form → " + Db.table(ctx.createdForm) + " created; version " + edited.versionId() + " → column q_" + newQuestion + " added, nothing dropped";
    }

    private String mappingByPredefinedField(Evidence e) throws Exception {
        e.require(newQuestion != null, "LGF-302 made a new version of form %d", ctx.form("SPONSORED"));
        long form = ctx.form("SPONSORED");
        JsonNode raw = linkedIn.rawForm(form);
        long firstNameQuestion = -1;
        long emailQuestion = -1;
        for (JsonNode q : raw.path("content").path("questions")) {
            if ("FIRST_NAME".equals(q.path("predefinedField").asText())) {
                firstNameQuestion = q.get("questionId").asLong();
                e.requireEqual(FIRST_NAME_TEXT, q.path("question").path("localized").path("en_US").asText(), "the FIRST_NAME question's display text now");
            }
            if ("WORK_EMAIL".equals(q.path("predefinedField").asText())) {
                emailQuestion = q.get("questionId").asLong();
            }
        }
        String id = ctx.app.sandbox().submitLeads(form, 1, true).get(0);
        Db db = ctx.app.db();
        Waits.until(Duration.ofSeconds(20), "the lead on the new version stored", () -> db.rowIfAny(form, id) != null);
        Lead lead = ctx.request("linkedin-leadsync:leads?operation=getLead", null, Map.of("CamelLinkedInLeadId", id), Lead.class);
        Map<String, String> answers = new LinkedHashMap<>();
        for (JsonNode a : new ObjectMapper().readTree(lead.raw()).path("formResponse").path("answers")) {
            answers.put(a.get("questionId").asText(), a.path("answerDetails").path("textQuestionAnswer").path("answer").asText(null));
        }
        MappedLead mapped = LeadMapping.parse(Map.of("FirstName", "FIRST_NAME", "Email", "WORK_EMAIL|EMAIL")).apply(lead);
        e.require(mapped.fieldErrors().isEmpty(), "mapping FirstName=FIRST_NAME, Email=WORK_EMAIL|EMAIL applies without errors");
        e.requireEqual(answers.get(String.valueOf(firstNameQuestion)), mapped.values().get("FirstName"),
                "FirstName (LinkedIn's answer to question " + firstNameQuestion + ", predefinedField FIRST_NAME)");
        e.requireEqual(answers.get(String.valueOf(emailQuestion)), mapped.values().get("Email"), "Email (answer to WORK_EMAIL's question " + emailQuestion + ")");
        Map<String, Object> row = db.row(form, id);
        e.requireEqual(mapped.values().get("FirstName"), row.get("first_name"), "column first_name of lead " + id);
        e.require(!db.columns(Db.table(form)).contains("given_name_as_on_your_badge"), "no column is named after the display text");
        return "lead on version " + lead.formVersion() + " (question reworded) maps FIRST_NAME and WORK_EMAIL by key: '" + mapped.values().get("FirstName") + "'";
    }
}
