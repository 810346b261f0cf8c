package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.lead.FieldError;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.lead.LeadMapping;
import io.leadsync.camel.linkedin.lead.LeadSource;
import org.junit.jupiter.api.Test;

class SalesforceLeadMapperTest {

    private final Lead amara = LeadFixtures.normalizedPage().get(0);

    @Test
    void blankSettingsMeanTheDefaultMappingAndLoggedFieldErrors() {
        SalesforceLeadMapper mapper = new SalesforceLeadMapper(" ", "LinkedIn_Lead_Id__c", "");

        assertThat(mapper.mapping().rules()).isEqualTo(LeadMapping.defaultSalesforceLead().rules());
        assertThat(mapper.fieldErrorsField()).isNull();
        assertThat(mapper.externalId(amara)).isEqualTo(LeadFixtures.V3_LEAD_ID);
        assertThat(mapper.toSalesforceLead(amara.withFieldErrors(List.of(new FieldError("COUNTRY", "unreadable")))))
                .containsEntry("LastName", "Okafor").doesNotContainKeys("LinkedIn_Lead_Id__c", "LinkedIn_Field_Errors__c");
    }

    @Test
    void theLeadsOwnFieldErrorsAndTheMappingsGoIntoTheConfiguredField() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("LastName", "LAST_NAME");
        rules.put("NumberOfEmployees", "COMPANY_NAME:int");
        SalesforceLeadMapper mapper = new SalesforceLeadMapper(LeadMapping.parse(rules), "LinkedIn_Lead_Id__c", "LinkedIn_Field_Errors__c");

        Map<String, Object> fields = mapper.toSalesforceLead(amara.withFieldErrors(List.of(new FieldError("707234246", "option 9 is not on the form"))));

        assertThat(fields).containsExactly(Map.entry("LastName", "Okafor"), Map.entry("LinkedIn_Field_Errors__c",
                "707234246: option 9 is not on the form; NumberOfEmployees: value of COMPANY_NAME is not an integer"));
    }

    @Test
    void fieldErrorsAreCutToTheLengthOfALongTextArea() {
        SalesforceLeadMapper mapper = new SalesforceLeadMapper(LeadMapping.defaultSalesforceLead(), "LinkedIn_Lead_Id__c", "Errors__c");

        Map<String, Object> fields = mapper.toSalesforceLead(amara.withFieldErrors(List.of(new FieldError("x", "y".repeat(40_000)))));

        assertThat((String) fields.get("Errors__c")).hasSize(SalesforceLeadMapper.FIELD_ERRORS_MAX_LENGTH).startsWith("x: yyy");
    }

    @Test
    void aWithdrawnLeadIsNeverMappedForAnUpsert() {
        Lead withdrawn = Lead.deleted(LeadFixtures.notification("notification-deleted.json"), LeadSource.WEBHOOK);
        SalesforceLeadMapper mapper = new SalesforceLeadMapper("", "LinkedIn_Lead_Id__c", "");

        assertThatThrownBy(() -> mapper.toSalesforceLead(withdrawn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Lead " + withdrawn.id() + " was withdrawn on LinkedIn: delete it, do not upsert it");
    }

    @Test
    void theExternalIdFieldIsRequired() {
        assertThatThrownBy(() -> new SalesforceLeadMapper("", " ", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leadsync.salesforce.external-id-field");
    }
}
