package io.leadsync.camel.linkedin.producer;

import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.archiveForm;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.createForm;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.describeForm;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.formDdl;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.getForm;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.listForms;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.updateForm;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.Page;
import io.leadsync.camel.linkedin.lead.FormDescription;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import io.leadsync.camel.linkedin.store.FormTableSql;
import io.leadsync.camel.linkedin.store.SqlDialect;
import org.apache.camel.Exchange;

/** {@code linkedin-leadsync:forms} producer operations (LGF-102 … LGF-107 and form management). */
public final class FormOperations {

    private static final String INLINE_FORM = "id,versionedLeadGenFormUrn,form:(id,versionId,name,hiddenFields,content)";

    private final LinkedInLeadSyncEndpoint endpoint;

    public FormOperations(LinkedInLeadSyncEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The forms of each owner (header CamelLinkedInOwner or option owners), at their current version. */
    public void listForms(Exchange exchange) {
        List<LeadForm> forms = new ArrayList<>();
        for (LeadOwner owner : ProducerInputs.owners(exchange, endpoint.getConfiguration(), listForms)) {
            endpoint.getApi().leadForms(owner).forEach(forms::add);
        }
        ProducerInputs.result(exchange, List.copyOf(forms), 200);
    }

    /** The form of header CamelLinkedInFormId at its current version. */
    public void getForm(Exchange exchange) {
        long id = ProducerInputs.formId(exchange, endpoint.getConfiguration(), getForm);
        formResult(exchange, endpoint.getApi().leadForm(id), 200);
    }

    /** A {@link FormDescription} of the form's version CamelLinkedInFormVersion (default: current). */
    public void describeForm(Exchange exchange) {
        long id = ProducerInputs.formId(exchange, endpoint.getConfiguration(), describeForm);
        Long version = ProducerInputs.number(exchange, LinkedInLeadSyncConstants.FORM_VERSION, null, describeForm);
        LeadForm latest = endpoint.getApi().leadForm(id);
        LeadForm form = version == null ? latest : version(exchange, latest, version).orElseThrow(() -> new IllegalArgumentException(
                describeForm + ": LinkedIn serves only the current version (" + latest.versionId() + ") of form " + id
                        + ", and no lead of version " + version + " carries it inline"));
        ProducerInputs.result(exchange, FormDescription.of(form), 200);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.FORM_ID, id);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.FORM_VERSION, form.versionId());
    }

    /** Creates the form of the body (a LeadForm, or a Map of its fields) and answers it as LinkedIn stored it. */
    public void createForm(Exchange exchange) {
        LeadForm form = ProducerInputs.body(exchange, LeadForm.class, createForm, "a LeadForm or a Map of its fields");
        long id = endpoint.getApi().createLeadForm(form);
        formResult(exchange, endpoint.getApi().leadForm(id), 201);
    }

    /** $sets the fields of the body (a Map) on the form; editing a published form creates a new version. */
    @SuppressWarnings("unchecked")
    public void updateForm(Exchange exchange) {
        long id = ProducerInputs.formId(exchange, endpoint.getConfiguration(), updateForm);
        Map<String, Object> set = ProducerInputs.body(exchange, Map.class, updateForm, "a Map of the form fields to $set");
        endpoint.getApi().updateLeadForm(id, set);
        formResult(exchange, endpoint.getApi().leadForm(id), 204);
    }

    /** Archives the form (state ARCHIVED); leads stay readable. */
    public void archiveForm(Exchange exchange) {
        long id = ProducerInputs.formId(exchange, endpoint.getConfiguration(), archiveForm);
        endpoint.getApi().archiveLeadForm(id);
        formResult(exchange, endpoint.getApi().leadForm(id), 204);
    }

    /**
     * The DDL (LGF-107) of the form's table, in the dialect of header CamelLinkedInSqlDialect or option sqlDialect,
     * built from every version leads can name: the current one, and each older version LinkedIn still returns
     * inline with one of its leads (a version without leads needs no column).
     */
    public void formDdl(Exchange exchange) {
        long id = ProducerInputs.formId(exchange, endpoint.getConfiguration(), formDdl);
        String dialectName = ProducerInputs.text(exchange, LinkedInLeadSyncConstants.SQL_DIALECT, endpoint.getConfiguration().getSqlDialect());
        SqlDialect dialect;
        try {
            dialect = SqlDialect.valueOf(dialectName == null ? "H2" : dialectName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(formDdl + ": header " + LinkedInLeadSyncConstants.SQL_DIALECT + " or option sqlDialect must be "
                    + "H2 or POSTGRESQL, got " + dialectName, e);
        }
        LeadForm latest = endpoint.getApi().leadForm(id);
        List<LeadForm> versions = new ArrayList<>();
        for (long v = 1; latest.versionId() != null && v < latest.versionId(); v++) {
            version(exchange, latest, v).ifPresent(versions::add);
        }
        versions.add(latest);
        ProducerInputs.result(exchange, FormTableSql.ddl(versions, dialect), 200);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.FORM_ID, id);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.SQL_DIALECT, dialect.name());
    }

    /** Version {@code versionId} of a form: the current one, or the copy LinkedIn inlines with a lead of that version. */
    private Optional<LeadForm> version(Exchange exchange, LeadForm latest, long versionId) {
        if (latest.versionId() != null && latest.versionId() == versionId) {
            return Optional.of(latest);
        }
        String urn = new VersionedLeadGenFormUrn(latest.id(), versionId).toString();
        List<LeadType> types = latest.owner().isSponsoredAccount() ? List.of(LeadType.SPONSORED)
                : ProducerInputs.typesOf(latest.owner(), ProducerInputs.leadTypes(exchange, endpoint.getConfiguration(), describeForm));
        for (LeadType type : types) {
            LeadFormResponseQuery query = LeadFormResponseQuery.of(latest.owner(), type).withVersionedLeadGenFormUrn(urn)
                    .withPageSize(1).withFields(INLINE_FORM);
            Iterator<Page<LeadFormResponse>> pages = endpoint.getApi().leadFormResponsePages(query);
            if (pages.hasNext()) {
                for (LeadFormResponse lead : pages.next().elements()) {
                    if (lead.form() != null && !lead.form().isNull()) {
                        LeadForm inline = LinkedInJson.convert(lead.form(), LeadForm.class);
                        // the inline copy holds the versioned content only: state, owner and locale are the form's
                        return Optional.of(new LeadForm(latest.id(), inline.name() != null ? inline.name() : latest.name(), latest.state(),
                                versionId, latest.owner(), latest.creationLocale(), inline.hiddenFields(), inline.content(),
                                latest.created(), null, null));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void formResult(Exchange exchange, LeadForm form, int status) {
        ProducerInputs.result(exchange, form, status);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.FORM_ID, form.id());
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.FORM_VERSION, form.versionId());
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.OWNER, form.owner() == null ? null : form.owner().urn());
    }
}
