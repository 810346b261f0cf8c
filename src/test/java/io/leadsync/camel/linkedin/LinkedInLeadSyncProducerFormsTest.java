package io.leadsync.camel.linkedin;

import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.lead.FormDescription;
import io.leadsync.camel.linkedin.model.LeadForm;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** linkedin-leadsync:forms against the sandbox: list, get, describe (LGF-102…106), DDL (LGF-107), inputs and errors. */
class LinkedInLeadSyncProducerFormsTest extends ProducerTestSupport {

    private static final String FORMS = "linkedin-leadsync:forms";

    @Test
    void describeFormListsTheFixturesPredefinedFieldsCustomQuestionsHiddenFieldsAndConsents() {
        Exchange exchange = ok(FORMS + "?operation=describeForm", null, Map.of(LinkedInLeadSyncConstants.FORM_ID, 7234246L));
        FormDescription d = exchange.getMessage().getBody(FormDescription.class);
        assertThat(d.formId()).isEqualTo(7234246L);
        assertThat(d.versionId()).isEqualTo(3L);
        assertThat(d.predefinedFields()).extracting(FormDescription.PredefinedField::predefinedField)
                .containsExactly("FIRST_NAME", "LAST_NAME", "WORK_EMAIL", "COMPANY_NAME", "JOB_TITLE", "COUNTRY");
        assertThat(d.predefinedFields().get(2).questionId()).isEqualTo(307234248L);
        assertThat(d.predefinedFields().get(2).required()).isTrue();
        assertThat(d.customQuestions()).extracting(FormDescription.CustomQuestion::questionId).containsExactly(707234246L, 707234247L);
        assertThat(d.customQuestions().get(0).multipleChoice()).isTrue();
        assertThat(d.customQuestions().get(0).options()).extracting(FormDescription.Option::id).containsExactly(0, 1, 2);
        assertThat(d.customQuestions().get(1).options()).isEmpty();
        assertThat(d.hiddenFields()).extracting(h -> h.name() + "=" + h.value())
                .containsExactly("utm_source=linkedin", "utm_campaign=q1-whitepaper");
        assertThat(d.consents()).extracting(FormDescription.ConsentText::id, FormDescription.ConsentText::text,
                FormDescription.ConsentText::checkRequired).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "I agree to receive the report by email.", true),
                        org.assertj.core.groups.Tuple.tuple(1L, "Send me product news.", false));
        assertThat(exchange.getMessage().getHeader(LinkedInLeadSyncConstants.FORM_VERSION)).isEqualTo(3L);
        assertThat(calls("GET leadForms")).isEqualTo(1);
    }

    @Test
    void describeFormOfAnOlderVersionReadsItInlineFromOneOfItsLeads() {
        Exchange exchange = ok(FORMS + "?operation=describeForm", null,
                Map.of(LinkedInLeadSyncConstants.FORM_ID, 7234246L, LinkedInLeadSyncConstants.FORM_VERSION, 1L));
        FormDescription d = exchange.getMessage().getBody(FormDescription.class);
        assertThat(d.versionId()).isEqualTo(1L);
        assertThat(d.predefinedFields()).isNotEmpty();
        assertThat(calls("FINDER leadFormResponses")).isEqualTo(1);
    }

    @Test
    void formDdlCoversEveryVersionInBothDialects() {
        Exchange h2 = ok(FORMS + "?operation=formDdl", null, Map.of(LinkedInLeadSyncConstants.FORM_ID, 7234246L));
        String ddl = h2.getMessage().getBody(String.class);
        assertThat(ddl).startsWith("-- lead form 7234246 (H2)").contains("CREATE TABLE IF NOT EXISTS \"LEADS_FORM_7234246\"")
                .contains("\"WORK_EMAIL\"").contains("\"LEAD_LEDGER\"");
        // versions 1 and 2 come inline with one lead each; version 3 is the GET
        assertThat(calls("FINDER leadFormResponses")).isEqualTo(2);
        assertThat(calls("GET leadForms")).isEqualTo(1);

        Exchange pg = ok(FORMS + "?operation=formDdl&sqlDialect=H2", null,
                Map.of(LinkedInLeadSyncConstants.FORM_ID, 7234246L, LinkedInLeadSyncConstants.SQL_DIALECT, "postgresql"));
        assertThat(pg.getMessage().getBody(String.class)).startsWith("-- lead form 7234246 (POSTGRESQL)")
                .contains("\"leads_form_7234246\"").contains("\"work_email\"");
        assertThat(pg.getMessage().getHeader(LinkedInLeadSyncConstants.SQL_DIALECT)).isEqualTo("POSTGRESQL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listFormsReadsTheOwnerOfTheHeaderBeforeTheOption() {
        Exchange byOption = ok(FORMS + "?owners=urn:li:organization:2414183", null, Map.of());
        assertThat((List<LeadForm>) byOption.getMessage().getBody(List.class)).extracting(LeadForm::id).containsExactlyInAnyOrder(7234300L, 7234310L);
        Exchange byHeader = ok(FORMS + "?owners=urn:li:organization:2414183", null,
                Map.of(LinkedInLeadSyncConstants.OWNER, "urn:li:sponsoredAccount:507857085"));
        assertThat((List<LeadForm>) byHeader.getMessage().getBody(List.class)).extracting(LeadForm::id).containsExactlyInAnyOrder(7234246L, 7234255L);
    }

    @Test
    void getFormCreateUpdateAndArchive() {
        Exchange got = ok(FORMS + "?operation=getForm&formIds=7234310", null, Map.of());
        assertThat(got.getMessage().getBody(LeadForm.class).name()).isEqualTo("Northwind newsletter");

        LeadForm template = got.getMessage().getBody(LeadForm.class);
        Map<String, Object> create = Map.of("name", "Created by a route", "owner", Map.of("organization", "urn:li:organization:2414183"),
                "content", io.leadsync.camel.linkedin.api.LinkedInJson.convert(template.content(), Map.class));
        Exchange created = ok(FORMS + "?operation=createForm", create, Map.of());
        LeadForm form = created.getMessage().getBody(LeadForm.class);
        assertThat(form.name()).isEqualTo("Created by a route");
        assertThat(form.state()).isEqualTo("DRAFT");
        assertThat(created.getMessage().getHeader(LinkedInLeadSyncConstants.FORM_ID)).isEqualTo(form.id());
        assertThat(created.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);

        Exchange updated = ok(FORMS + "?operation=updateForm", Map.of("name", "Renamed"), Map.of(LinkedInLeadSyncConstants.FORM_ID, form.id()));
        assertThat(updated.getMessage().getBody(LeadForm.class).name()).isEqualTo("Renamed");
        Exchange archived = ok(FORMS + "?operation=archiveForm", null, Map.of(LinkedInLeadSyncConstants.FORM_ID, form.id()));
        assertThat(archived.getMessage().getBody(LeadForm.class).state()).isEqualTo("ARCHIVED");
        assertThat(sandbox.stats().calls("POST leadForms") + sandbox.stats().calls("CREATE leadForms")).isEqualTo(1);
        assertThat(calls("PARTIAL_UPDATE leadForms")).isEqualTo(2);
    }

    @Test
    void aMissingFormIdAndAnOperationOfAnotherResourceFailWithPreciseMessages() {
        Exchange missing = call(FORMS + "?operation=getForm", null, Map.of());
        assertThat(missing.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("getForm needs header CamelLinkedInFormId or option formIds (with a single id)");
        Exchange wrong = call(FORMS, null, Map.of(LinkedInLeadSyncConstants.OPERATION, "addUsers"));
        assertThat(wrong.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Operation addUsers belongs to linkedin-leadsync:segments, not linkedin-leadsync:forms");
        Exchange unknown = call(FORMS, null, Map.of(LinkedInLeadSyncConstants.OPERATION, "dropForm"));
        assertThat(unknown.getException()).hasMessageStartingWith("Unsupported operation: dropForm (header CamelLinkedInOperation)");
        assertThat(sandbox.stats().total()).isZero();
    }
}
