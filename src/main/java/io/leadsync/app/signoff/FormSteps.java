package io.leadsync.app.signoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.lead.FormDescription;
import io.leadsync.camel.linkedin.model.Event;
import io.leadsync.camel.linkedin.model.LeadForm;

/**
 * Forms, their fields and their tables (LGF-102…107): what the producers describe is compared with the raw JSON
 * LinkedIn serves for each form, and the tables in the database with the fields of each form.
 */
final class FormSteps {

    private final SignOffContext ctx;
    private final SandboxReader linkedIn;
    private final List<FormDescription> described = new ArrayList<>();

    FormSteps(SignOffContext ctx, SandboxReader linkedIn) {
        this.ctx = ctx;
        this.linkedIn = linkedIn;
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("LGF-102", SignOffIds.title("LGF-102"), this::forms),
                new SignOffStep("LGF-102-EVENTS", SignOffIds.title("LGF-102-EVENTS"), this::events),
                new SignOffStep("LGF-103", SignOffIds.title("LGF-103"), this::predefinedFields),
                new SignOffStep("LGF-104", SignOffIds.title("LGF-104"), this::customQuestions),
                new SignOffStep("LGF-105", SignOffIds.title("LGF-105"), this::hiddenFields),
                new SignOffStep("LGF-106", SignOffIds.title("LGF-106"), this::consents),
                new SignOffStep("LGF-107", SignOffIds.title("LGF-107"), this::tables));
    }

    private List<JsonNode> worldForms() {
        List<JsonNode> forms = new ArrayList<>();
        ctx.app.world().withArray("forms").forEach(forms::add);
        return forms;
    }

    /** A localized text as FormDescription reads it: en_US when the form has it, else its first locale. */
    private static String text(JsonNode localizedString) {
        JsonNode localized = localizedString.path("localized");
        return localized.has("en_US") ? localized.get("en_US").asText() : localized.elements().hasNext() ? localized.elements().next().asText() : "";
    }

    private String forms(Evidence e) throws Exception {
        List<?> listed = ctx.request("linkedin-leadsync:forms?operation=listForms&owners=" + SignOffContext.AD_ACCOUNT + ","
                + SignOffContext.COMPANY_PAGE + "," + SignOffContext.PRODUCT_PAGE, null, Map.of(), List.class);
        Set<Long> ids = new TreeSet<>();
        for (Object f : listed) {
            LeadForm form = (LeadForm) f;
            ids.add(form.id());
            e.note("form %d '%s' %s version %d of %s", form.id(), form.name(), form.state(), form.versionId(), form.owner().urn());
        }
        Set<Long> seeded = new TreeSet<>();
        worldForms().forEach(f -> seeded.add(f.get("id").asLong()));
        e.requireEqual(seeded, ids, "form ids (sandbox world vs listForms)");
        return ids.size() + " forms of 1 ad account and 2 pages, archived ones included";
    }

    private String events(Evidence e) throws Exception {
        List<?> events = ctx.request("linkedin-leadsync:events?operation=listEvents", null,
                Map.of("CamelLinkedInOrganization", SignOffContext.COMPANY_PAGE + "," + SignOffContext.PRODUCT_PAGE), List.class);
        Set<String> listed = new TreeSet<>();
        for (Object o : events) {
            Event event = (Event) o;
            e.require(event.leadGenForm() != null, "event %d '%s' carries lead form %s", event.id(), event.name().text(), event.leadGenForm());
            listed.add(event.id() + " " + event.leadGenForm());
        }
        Set<String> seeded = new TreeSet<>();
        ctx.app.world().withArray("events").forEach(ev -> seeded.add(ev.get("id").asLong() + " " + ev.get("leadGenForm").asText()));
        e.requireEqual(seeded, listed, "events with their lead forms (sandbox world vs listEvents)");
        return listed.size() + " event with a lead form: " + listed;
    }

    /** Describes every form through the producer once; the four field steps compare it with LinkedIn's raw JSON. */
    private List<FormDescription> described() throws Exception {
        if (described.isEmpty()) {
            for (JsonNode form : worldForms()) {
                described.add(ctx.request("linkedin-leadsync:forms?operation=describeForm", null,
                        Map.of("CamelLinkedInFormId", form.get("id").asLong()), FormDescription.class));
            }
        }
        return described;
    }

    private String predefinedFields(Evidence e) throws Exception {
        int total = 0;
        for (FormDescription d : described()) {
            List<String> raw = new ArrayList<>();
            for (JsonNode q : linkedIn.rawForm(d.formId()).path("content").path("questions")) {
                if (q.hasNonNull("predefinedField")) {
                    raw.add(q.get("predefinedField").asText() + "#" + q.get("questionId").asLong());
                }
            }
            List<String> seen = d.predefinedFields().stream().map(p -> p.predefinedField() + "#" + p.questionId()).toList();
            e.requireEqual(raw, seen, "form " + d.formId() + " predefined fields (LinkedIn's JSON vs describeForm)");
            total += seen.size();
        }
        e.require(total > 0, "%d predefined fields in all", total);
        return total + " predefined fields over " + described().size() + " forms, each with its question id";
    }

    private String customQuestions(Evidence e) throws Exception {
        int questions = 0;
        int options = 0;
        for (FormDescription d : described()) {
            List<String> raw = new ArrayList<>();
            for (JsonNode q : linkedIn.rawForm(d.formId()).path("content").path("questions")) {
                if (!q.hasNonNull("predefinedField")) {
                    List<String> opts = new ArrayList<>();
                    q.path("questionDetails").path("multipleChoiceQuestionDetails").path("options")
                            .forEach(o -> opts.add(o.get("id").asInt() + "=" + text(o.path("text"))));
                    raw.add(q.get("questionId").asLong() + " " + text(q.path("question")) + " " + opts);
                }
            }
            List<String> seen = d.customQuestions().stream().map(q -> q.questionId() + " " + q.text() + " "
                    + q.options().stream().map(o -> o.id() + "=" + o.text()).toList()).toList();
            e.requireEqual(raw, seen, "form " + d.formId() + " custom questions with options");
            questions += seen.size();
            options += d.customQuestions().stream().mapToInt(q -> q.options().size()).sum();
        }
        e.require(options > 0, "%d custom questions, %d options", questions, options);
        return questions + " custom questions with " + options + " options, ids and texts as LinkedIn has them";
    }

    private String hiddenFields(Evidence e) throws Exception {
        int total = 0;
        for (FormDescription d : described()) {
            List<String> raw = new ArrayList<>();
            linkedIn.rawForm(d.formId()).path("hiddenFields").forEach(h -> raw.add(h.get("name").asText() + "=" + h.get("value").asText()));
            List<String> seen = d.hiddenFields().stream().map(h -> h.name() + "=" + h.value()).toList();
            e.requireEqual(raw, seen, "form " + d.formId() + " hidden fields");
            total += seen.size();
        }
        e.require(total > 0, "%d hidden fields in all", total);
        return total + " hidden fields with their values";
    }

    private String consents(Evidence e) throws Exception {
        int total = 0;
        for (FormDescription d : described()) {
            List<String> raw = new ArrayList<>();
            linkedIn.rawForm(d.formId()).path("content").path("legalInfo").path("consents")
                    .forEach(c -> raw.add(c.get("id").asLong() + " " + text(c.path("consent"))));
            List<String> seen = d.consents().stream().map(c -> c.id() + " " + c.text()).toList();
            e.requireEqual(raw, seen, "form " + d.formId() + " consents");
            total += seen.size();
        }
        e.require(total > 0, "%d consent texts in all", total);
        return total + " consent texts, each with its id";
    }

    private String tables(Evidence e) throws Exception {
        Object report = ctx.producer().requestBody("direct:forms-sync", (Object) null);
        e.note("direct:forms-sync (as POST /api/setup and the schedule run it): %s", report);
        Db db = ctx.app.db();
        int columns = 0;
        for (FormDescription d : described()) {
            String table = Db.table(d.formId());
            List<String> actual = db.columns(table);
            List<String> wanted = new ArrayList<>();
            d.predefinedFields().forEach(p -> wanted.add(p.predefinedField().toLowerCase(Locale.ROOT)));
            d.customQuestions().forEach(q -> wanted.add("q_" + q.questionId()));
            d.hiddenFields().forEach(h -> wanted.add("hidden_" + h.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")));
            d.consents().forEach(c -> wanted.add("consent_" + c.id()));
            List<String> missing = wanted.stream().filter(c -> !actual.contains(c)).toList();
            e.require(missing.isEmpty(), "table %s has a column for each of the %d fields of version %d (missing %s)", table, wanted.size(),
                    d.versionId(), missing);
            String ddl = ctx.request("linkedin-leadsync:forms?operation=formDdl", null, Map.of("CamelLinkedInFormId", d.formId()), String.class);
            String lower = ddl.toLowerCase(Locale.ROOT);
            List<String> notInDdl = wanted.stream().filter(c -> !lower.contains(c)).toList();
            e.require(lower.contains(table) && notInDdl.isEmpty(), "formDdl's CREATE TABLE %s names the same columns (missing %s)", table, notInDdl);
            columns += actual.size();
        }
        return described().size() + " tables leads_form_<id>, " + columns + " columns (fields, hidden fields, consents, metadata)";
    }
}
