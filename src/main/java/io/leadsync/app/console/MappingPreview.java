package io.leadsync.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.leadsync.camel.linkedin.lead.FormDescription;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadMapping;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.store.Column;
import io.leadsync.camel.linkedin.store.FormTable;

/**
 * Where each part of a form's leads lands: every question, hidden field, consent and metadata field of the form's
 * current version with the column of its table ({@link FormTable}, the same as {@code formDdl} creates), whether the
 * table has that column yet, and the Salesforce Lead field the mapping fills from it when Salesforce is on.
 */
final class MappingPreview {

    /** One row: what part of the lead, described, its column and type, whether the table has it, the Lead field. */
    record Row(String kind, String what, String key, String column, String type, boolean inTable, String salesforceField) {
    }

    private MappingPreview() {
    }

    /**
     * @param existing the table's columns as the database has them, lower case (empty when there is no table yet)
     * @param salesforce the Salesforce mapping, or {@code null} when Salesforce is off
     */
    static List<Row> of(LeadForm form, Set<String> existing, LeadMapping salesforce) {
        FormTable table = FormTable.of(List.of(form));
        FormDescription description = FormDescription.of(form);
        List<Row> rows = new ArrayList<>();
        for (Column column : table.columns()) {
            String kind;
            String what;
            String key;
            switch (column.kind()) {
                case ANSWER -> {
                    kind = "question";
                    key = column.source();
                    what = question(description, column.source());
                }
                case HIDDEN -> {
                    kind = "hidden field";
                    key = Lead.HIDDEN_PREFIX + column.source();
                    what = column.source() + " = " + description.hiddenFields().stream().filter(h -> column.source().equals(h.name()))
                            .map(h -> String.valueOf(h.value())).findFirst().orElse("");
                }
                case CONSENT -> {
                    kind = "consent";
                    key = Lead.CONSENT_PREFIX + column.source();
                    what = description.consents().stream().filter(c -> column.source().equals(String.valueOf(c.id())))
                            .map(FormDescription.ConsentText::text).findFirst().orElse("consent " + column.source());
                }
                case META -> {
                    kind = "metadata";
                    key = Lead.META_PREFIX + column.source();
                    what = column.source();
                }
                case FIELD_ERRORS -> {
                    kind = "lead";
                    key = null;
                    what = "answers that could not be read (JSON)";
                }
                case RAW_JSON -> {
                    kind = "lead";
                    key = null;
                    what = "the lead as LinkedIn sent it (JSON)";
                }
                default -> {
                    kind = "lead";
                    key = null;
                    what = "when the row was last written";
                }
            }
            String type = column.type() + (column.length() > 0 ? "(" + column.length() + ")" : "");
            rows.add(new Row(kind, what, key, column.name(), type, existing.contains(column.name()), salesforceField(salesforce, key)));
        }
        return rows;
    }

    private static String question(FormDescription d, String key) {
        for (FormDescription.PredefinedField p : d.predefinedFields()) {
            if (key.equals(p.predefinedField()) || key.equals(String.valueOf(p.questionId()))) {
                return p.label() + " (" + p.predefinedField() + (p.required() ? ", required" : "") + ")";
            }
        }
        for (FormDescription.CustomQuestion q : d.customQuestions()) {
            if (key.equals(String.valueOf(q.questionId()))) {
                String options = q.options().isEmpty() ? "" : ": " + String.join(" / ", q.options().stream().map(FormDescription.Option::text).toList());
                return q.text() + " (custom" + (q.multipleChoice() ? ", multiple choice" : "") + options + ")";
            }
        }
        return key;
    }

    private static String salesforceField(LeadMapping mapping, String key) {
        if (mapping == null || key == null) {
            return null;
        }
        List<String> targets = new ArrayList<>();
        for (LeadMapping.Rule rule : mapping.rules()) {
            if (rule.sources().contains(key)) {
                targets.add(rule.target() + (rule.sources().size() > 1 ? " (" + String.join(" | ", rule.sources()) + ")" : ""));
            }
        }
        return targets.isEmpty() ? "" : String.join(", ", targets);
    }
}
