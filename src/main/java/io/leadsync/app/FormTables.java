package io.leadsync.app;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.Page;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import io.leadsync.camel.linkedin.store.FormVersionSource;
import io.leadsync.camel.linkedin.store.TableChange;

/**
 * The table of every form (LGF-107), kept in line with the forms' versions by the periodic form re-pull of
 * {@code routes/forms.yaml} (LGF-302): creates missing tables, adds the columns of new versions, never drops anything.
 * <p>
 * LinkedIn's {@code GET leadForms/{id}} answers only the current version; an older version is read from one of its
 * leads, which carries the form inline (the {@code form:(…)} projection). A version without leads needs no column,
 * and an older version is looked up once: it never changes.
 */
public final class FormTables implements FormVersionSource {

    private static final String INLINE_FORM = "id,versionedLeadGenFormUrn,form:(id,versionId,name,hiddenFields,content)";

    private final LinkedInApi api;
    private final LeadStoreSink store;
    // an older version, once looked up, never changes: what was found (or that nothing was) is kept
    private final Map<VersionedLeadGenFormUrn, Optional<LeadForm>> older = new HashMap<>();
    private final Map<Long, LeadForm> current = new HashMap<>();

    public FormTables(LinkedInApi api, LeadStoreSink store) {
        this.api = api;
        this.store = store;
    }

    /**
     * One outcome per form.
     *
     * @param formId   the form
     * @param formName its current name
     * @param versions how many of its versions the table covers in this run
     * @param change   what was done to the table
     */
    public record FormTableOutcome(long formId, String formName, int versions, TableChange change) {

        /** {@code 'Northwind whitepaper Q1' → table leads_form_7234246 (created)}. */
        public String describe() {
            String what = change.created() ? "created"
                    : change.changed() ? "updated" : "up to date";
            return "'" + formName + "' → table " + change.tableName() + " (" + what + ")";
        }

        /** The column-level lines, one per added or widened column. */
        public List<String> columnLines() {
            List<String> lines = new ArrayList<>();
            change.addedColumns().forEach(c -> lines.add("Table " + change.tableName() + " of '" + formName + "': new column " + c + " added"));
            change.widenedColumns().forEach(c -> lines.add("Table " + change.tableName() + " of '" + formName + "': column " + c + " widened"));
            return lines;
        }
    }

    /**
     * The result of one run.
     *
     * @param forms one outcome per form, in LinkedIn's order
     */
    public record FormTablesReport(List<FormTableOutcome> forms) {

        public FormTablesReport {
            forms = List.copyOf(forms);
        }

        /** {@code 3 forms: 'A' → table leads_form_1 (created), …}. */
        public String summary() {
            List<String> parts = forms.stream().map(FormTableOutcome::describe).toList();
            return forms.size() + (forms.size() == 1 ? " form" : " forms") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
        }

        /** Every column-level change, for one log line each. */
        public List<String> columnLines() {
            return forms.stream().flatMap(f -> f.columnLines().stream()).toList();
        }

        /** How many tables this run created. */
        public long created() {
            return forms.stream().filter(f -> f.change().created()).count();
        }
    }

    /** The report of a run without any owner to read forms of. */
    public FormTablesReport noForms() {
        return new FormTablesReport(List.of());
    }

    /** Ensures the table of each form (the forms as {@code linkedin-leadsync:forms?operation=listForms} answers them). */
    public FormTablesReport ensureTables(List<LeadForm> forms) throws SQLException {
        List<FormTableOutcome> outcomes = new ArrayList<>();
        for (LeadForm form : forms) {
            List<LeadForm> versions = versions(form);
            outcomes.add(new FormTableOutcome(form.id(), form.name(), versions.size(), store.ensureTable(versions)));
        }
        return new FormTablesReport(outcomes);
    }

    /**
     * Every version of {@code urn}'s form with leads, for the store to create its table with all their columns at once
     * when a back-fill reaches the form before this class's periodic run did. The current version is read again only
     * when {@code urn} is newer than the one known; older versions are looked up once, shared with {@link #ensureTables}.
     */
    @Override
    public synchronized List<LeadForm> versions(VersionedLeadGenFormUrn urn) {
        LeadForm latest = current.get(urn.formId());
        if (latest == null || latest.versionId() == null || latest.versionId() < urn.versionId()) {
            latest = api.leadForm(urn.formId());
        }
        return versions(latest);
    }

    /** The versions of a form to build its table from: the current one and each older one that has leads. */
    synchronized List<LeadForm> versions(LeadForm latest) {
        current.put(latest.id(), latest);
        List<LeadForm> versions = new ArrayList<>();
        for (long v = 1; latest.versionId() != null && v < latest.versionId(); v++) {
            VersionedLeadGenFormUrn urn = new VersionedLeadGenFormUrn(latest.id(), v);
            Optional<LeadForm> found = older.get(urn);
            if (found == null) {
                found = inline(latest, urn);
                older.put(urn, found);
            }
            found.ifPresent(versions::add);
        }
        versions.add(latest);
        return versions;
    }

    private Optional<LeadForm> inline(LeadForm latest, VersionedLeadGenFormUrn urn) {
        List<LeadType> types = java.util.Arrays.stream(LeadType.values())
                .filter(t -> t.ownedBySponsoredAccount() == latest.owner().isSponsoredAccount()).toList();
        for (LeadType type : types) {
            LeadFormResponseQuery query = LeadFormResponseQuery.of(latest.owner(), type).withVersionedLeadGenFormUrn(urn.toString())
                    .withPageSize(1).withFields(INLINE_FORM);
            Iterator<Page<LeadFormResponse>> pages = api.leadFormResponsePages(query);
            if (!pages.hasNext()) {
                continue;
            }
            for (LeadFormResponse lead : pages.next().elements()) {
                if (lead.form() != null && !lead.form().isNull()) {
                    LeadForm inline = LinkedInJson.convert(lead.form(), LeadForm.class);
                    // the inline copy holds the versioned content only: state, owner and locale are the form's
                    return Optional.of(new LeadForm(latest.id(), inline.name() != null ? inline.name() : latest.name(),
                            latest.state(), urn.versionId(), latest.owner(), latest.creationLocale(), inline.hiddenFields(),
                            inline.content(), latest.created(), null, null));
                }
            }
        }
        return Optional.empty();
    }
}
