package io.leadsync.camel.linkedin.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

import io.leadsync.camel.linkedin.model.Consent;
import io.leadsync.camel.linkedin.model.HiddenField;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.store.Column.Kind;

/**
 * The table of one lead form (LGF-107), built from one or more of its versions: {@code leads_form_<formId>} with the
 * lead's metadata, one column per predefined field (lower snake case of the {@code predefinedField}) and per custom
 * question ({@code q_<questionId>}), {@code hidden_<name>} per hidden field, {@code consent_<id>} per consent, then
 * {@code field_errors}, {@code raw_json} and {@code synced_at}.
 * <p>
 * Columns of all the given versions are kept (oldest version first), so a table built from versions 2 and 3 holds
 * leads of both; text columns take the largest {@code maxResponseLength} of any version. Names are deterministic:
 * the same versions always give the same table.
 *
 * @param formId the lead form id
 * @param tableName {@code leads_form_<formId>}
 * @param columns the columns in order; the first is {@code lead_id}, the primary key
 */
public record FormTable(long formId, String tableName, List<Column> columns) {

    /** The longest identifier PostgreSQL keeps (H2 allows more). */
    public static final int MAX_IDENTIFIER_LENGTH = 63;
    /** The primary key column. */
    public static final String LEAD_ID = "lead_id";

    static final int MIN_TEXT_LENGTH = 255;
    static final int CHOICE_LENGTH = 1000;
    static final int NAME_LENGTH = 1000;
    public static final int ID_LENGTH = 255;

    public FormTable {
        columns = List.copyOf(columns);
    }

    /** The table name of a form. */
    public static String tableName(long formId) {
        return "leads_form_" + formId;
    }

    /**
     * The table holding leads of every given version of one form.
     *
     * @throws IllegalArgumentException when the list is empty or mixes forms
     */
    public static FormTable of(List<LeadForm> versions) {
        if (versions == null || versions.isEmpty()) {
            throw new IllegalArgumentException("A form table needs at least one form version");
        }
        Long formId = versions.get(0).id();
        for (LeadForm form : versions) {
            if (form.id() == null || !form.id().equals(formId)) {
                throw new IllegalArgumentException("A form table is built from versions of one form, got form ids "
                        + versions.stream().map(LeadForm::id).toList());
            }
        }
        List<LeadForm> ordered = new ArrayList<>(versions);
        ordered.sort(Comparator.comparing(f -> f.versionId() == null ? Long.MIN_VALUE : f.versionId()));

        Names names = new Names();
        List<Column> columns = new ArrayList<>(metaColumns(names));
        Map<String, Column> answers = new LinkedHashMap<>();
        Map<String, Column> hidden = new LinkedHashMap<>();
        Map<Long, Column> consents = new LinkedHashMap<>();
        for (LeadForm form : ordered) {
            Set<String> predefinedInVersion = new HashSet<>();
            for (LeadFormQuestion question : form.questions()) {
                if (question.questionId() == null) {
                    continue;
                }
                // the normalizer keys a repeated predefinedField by question id; so do the columns
                boolean byId = question.isCustom() || !predefinedInVersion.add(question.predefinedField());
                String key = byId ? String.valueOf(question.questionId()) : question.predefinedField();
                int length = length(question);
                Column existing = answers.get(key);
                if (existing != null) {
                    answers.put(key, existing.widenedTo(length));
                } else {
                    String name = names.claim(byId ? "q_" + question.questionId() : question.predefinedField());
                    answers.put(key, new Column(name, ColumnType.VARCHAR, length, Kind.ANSWER, key));
                }
            }
            if (form.hiddenFields() != null) {
                for (HiddenField field : form.hiddenFields()) {
                    if (field.name() != null && !hidden.containsKey(field.name())) {
                        hidden.put(field.name(), new Column(names.claim("hidden_" + field.name()), ColumnType.VARCHAR,
                                NAME_LENGTH, Kind.HIDDEN, field.name()));
                    }
                }
            }
            for (Consent consent : form.consents()) {
                if (consent.id() != null && !consents.containsKey(consent.id())) {
                    consents.put(consent.id(), new Column(names.claim("consent_" + consent.id()), ColumnType.BOOLEAN, 0,
                            Kind.CONSENT, String.valueOf(consent.id())));
                }
            }
        }
        columns.addAll(answers.values());
        columns.addAll(hidden.values());
        columns.addAll(consents.values());
        columns.add(new Column(names.claim("field_errors"), ColumnType.TEXT, 0, Kind.FIELD_ERRORS, null));
        columns.add(new Column(names.claim("raw_json"), ColumnType.TEXT, 0, Kind.RAW_JSON, null));
        columns.add(new Column(names.claim("synced_at"), ColumnType.TIMESTAMP, 0, Kind.SYNCED_AT, null));
        return new FormTable(formId, tableName(formId), columns);
    }

    /** The column of that name, or {@code null}. */
    public Column column(String name) {
        for (Column column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        return null;
    }

    /** The column names in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /**
     * A column name from any text: lower case, runs of other characters than {@code [a-z0-9]} as one {@code _},
     * a leading digit prefixed with {@code c_}, and at most 63 characters (a longer name keeps its first 54 and a
     * hash of the whole, so two long names stay apart).
     */
    public static String sanitise(String text) {
        String name = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            name = "field";
        }
        if (Character.isDigit(name.charAt(0))) {
            name = "c_" + name;
        }
        if (name.length() > MAX_IDENTIFIER_LENGTH) {
            CRC32 crc = new CRC32();
            crc.update(text.getBytes(StandardCharsets.UTF_8));
            name = name.substring(0, MAX_IDENTIFIER_LENGTH - 9) + "_" + String.format("%08x", crc.getValue());
        }
        return name;
    }

    private static List<Column> metaColumns(Names names) {
        List<Column> meta = new ArrayList<>();
        meta.add(meta(names, LEAD_ID, "leadId", ColumnType.VARCHAR, ID_LENGTH));
        meta.add(meta(names, "lead_type", "leadType", ColumnType.VARCHAR, 64));
        meta.add(meta(names, "form_id", "formId", ColumnType.BIGINT, 0));
        meta.add(meta(names, "form_version", "formVersion", ColumnType.BIGINT, 0));
        meta.add(meta(names, "form_name", "formName", ColumnType.VARCHAR, NAME_LENGTH));
        meta.add(meta(names, "submitted_at", "submittedAt", ColumnType.TIMESTAMP, 0));
        meta.add(meta(names, "test_lead", "testLead", ColumnType.BOOLEAN, 0));
        meta.add(meta(names, "submitter", "submitter", ColumnType.VARCHAR, ID_LENGTH));
        meta.add(meta(names, "account_id", "accountId", ColumnType.VARCHAR, ID_LENGTH));
        meta.add(meta(names, "account_name", "accountName", ColumnType.VARCHAR, NAME_LENGTH));
        meta.add(meta(names, "campaign_id", "campaignId", ColumnType.VARCHAR, ID_LENGTH));
        meta.add(meta(names, "campaign_name", "campaignName", ColumnType.VARCHAR, NAME_LENGTH));
        meta.add(meta(names, "creative_id", "creativeId", ColumnType.VARCHAR, ID_LENGTH));
        meta.add(meta(names, "event_id", "eventId", ColumnType.VARCHAR, ID_LENGTH));
        meta.add(meta(names, "event_name", "eventName", ColumnType.VARCHAR, NAME_LENGTH));
        meta.add(meta(names, "organization_id", "organizationId", ColumnType.VARCHAR, ID_LENGTH));
        meta.add(meta(names, "organization_name", "organizationName", ColumnType.VARCHAR, NAME_LENGTH));
        return meta;
    }

    private static Column meta(Names names, String column, String metaName, ColumnType type, int length) {
        return new Column(names.claim(column), type, length, Kind.META, metaName);
    }

    private static int length(LeadFormQuestion question) {
        if (question.isMultipleChoice()) {
            return CHOICE_LENGTH;
        }
        Integer max = question.questionDetails() == null || question.questionDetails().textQuestionDetails() == null
                ? null : question.questionDetails().textQuestionDetails().maxResponseLength();
        // no stated limit: leave room for what LinkedIn's longest text questions accept
        return max == null ? CHOICE_LENGTH : Math.max(MIN_TEXT_LENGTH, max);
    }

    /** Hands out unique sanitised names in call order, suffixing {@code _2}, {@code _3}, … on a clash. */
    private static final class Names {
        private final Set<String> taken = new HashSet<>();

        String claim(String text) {
            String base = sanitise(text);
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                String suffix = "_" + n;
                name = base.substring(0, Math.min(base.length(), MAX_IDENTIFIER_LENGTH - suffix.length())) + suffix;
            }
            return name;
        }
    }
}
