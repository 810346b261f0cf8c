package io.leadsync.camel.linkedin.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarative mappings: fallbacks, constants, converters, and a failing field that never stops the lead (LGF-111). */
class LeadMappingTest {

    private final List<Lead> page = LeadFixtures.normalizedPage();
    private final Lead v3Lead = page.get(0);
    private final Lead v2Lead = page.get(1);

    @Test
    void theDefaultSalesforceMappingFillsALeadWithFallbacksForMissingAnswers() {
        MappedLead full = LeadMapping.defaultSalesforceLead().apply(v3Lead);
        MappedLead partial = LeadMapping.defaultSalesforceLead().apply(v2Lead);

        assertThat(full.isComplete()).isTrue();
        assertThat(full.values()).containsEntry("FirstName", "Amara").containsEntry("LastName", "Okafor")
                .containsEntry("Email", "Amara.Okafor@Contoso.example").containsEntry("Company", "Contoso")
                .containsEntry("Title", "Head of Data").containsEntry("Country", "Nigeria").containsEntry("Phone", null)
                .containsEntry("LeadSource", "LinkedIn").containsEntry("LinkedIn_Lead_Id__c", LeadFixtures.V3_LEAD_ID)
                .containsEntry("LinkedIn_Submitted_At__c", "2025-11-23T12:13:20.123Z").containsEntry("LinkedIn_Test_Lead__c", false);
        assertThat(full.values().keySet()).startsWith("FirstName", "LastName", "Email", "Company");
        // version 2 has no company question: Salesforce requires one, so the constant fills it
        assertThat(partial.values()).containsEntry("Company", "Unknown").containsEntry("Title", null)
                .containsEntry("LinkedIn_Test_Lead__c", true);
    }

    @Test
    void fallbacksTakeTheFirstNonEmptySourceAndConvertersApplyInOrder() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("email", "EMAIL|WORK_EMAIL:trim:lower");
        rules.put("company", "COMPANY_NAME:upper");
        rules.put("phone", "PHONE_NUMBER|WORK_PHONE_NUMBER|const:n/a");
        rules.put("note", "const:see: http://x");
        rules.put("source", "const:upper");
        rules.put("opt_in", "consent:1");
        rules.put("accepted", "consent:0:bool");
        rules.put("utm", "hidden:utm_campaign");
        rules.put("version", "meta:formVersion:int");
        rules.put("team", "teamSize");
        rules.put("day", "meta:submittedAt:date");

        MappedLead mapped = LeadMapping.parse(rules).apply(v3Lead);

        assertThat(mapped.fieldErrors()).isEmpty();
        assertThat(mapped.values()).containsExactly(
                entry("email", "amara.okafor@contoso.example"),
                entry("company", "CONTOSO"),
                entry("phone", "n/a"),
                entry("note", "see: http://x"),
                entry("source", "upper"),
                entry("opt_in", false),
                entry("accepted", true),
                entry("utm", "q1-whitepaper"),
                entry("version", 3),
                entry("team", "More than 20"),
                entry("day", "2025-11-23T12:13:20.123Z"));
    }

    @Test
    void aFailingConverterIsRecordedAsAFieldErrorAndTheOtherTargetsStillMap() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("first", "FIRST_NAME");
        rules.put("team_size", "707234246:int");
        rules.put("agreed", "COUNTRY:bool");
        rules.put("last", "LAST_NAME");

        MappedLead mapped = LeadMapping.parse(rules).apply(v3Lead);

        assertThat(mapped.values()).containsExactly(entry("first", "Amara"), entry("team_size", null),
                entry("agreed", null), entry("last", "Okafor"));
        assertThat(mapped.fieldErrors()).containsExactly(
                new FieldError("team_size", "value of 707234246 is not an integer"),
                new FieldError("agreed", "value of COUNTRY is not a boolean (true/false, yes/no, 1/0)"));
        assertThat(mapped.isComplete()).isFalse();
    }

    @Test
    void configurationMistakesAreRejectedWhenTheMappingIsParsed() {
        assertThatThrownBy(() -> LeadMapping.parse(Map.of("x", "meta:colour"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meta:colour");
        assertThatThrownBy(() -> LeadMapping.parse(Map.of("x", "EMAIL||WORK_EMAIL"))).hasMessageContaining("empty source");
        assertThatThrownBy(() -> LeadMapping.parse(Map.of("x", "consent:yes"))).hasMessageContaining("consent:<id>");
        assertThatThrownBy(() -> LeadMapping.parse(Map.of("x", " "))).hasMessageContaining("needs a target and a source");
    }

    @Test
    void aMappingFileKeepsItsOrderAndAFlatYamlMapReadsTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("salesforce.properties");
        Files.writeString(file, "# LinkedIn lead to Salesforce\nLastName=LAST_NAME|const:Unknown\nEmail=WORK_EMAIL|EMAIL\n"
                + "LinkedIn_Lead_Id__c=meta:leadId\n");
        String yaml = "LastName: \"LAST_NAME|const:Unknown\"\nEmail: 'WORK_EMAIL|EMAIL'\nLinkedIn_Lead_Id__c: meta:leadId\n";

        Map<String, Object> fromFile = LeadMapping.load(file).applyToMap(v2Lead);
        Map<String, Object> fromYaml = LeadMapping.load(new StringReader(yaml)).applyToMap(v2Lead);

        assertThat(fromFile).containsExactly(entry("LastName", "Lead"), entry("Email", "test.lead@northwind.example.com"),
                entry("LinkedIn_Lead_Id__c", LeadFixtures.V2_LEAD_ID));
        assertThat(fromYaml).isEqualTo(fromFile);
        Properties properties = new Properties();
        properties.setProperty("b", "LAST_NAME");
        properties.setProperty("a", "FIRST_NAME");
        assertThat(LeadMapping.load(properties).applyToMap(v2Lead)).containsExactly(entry("a", "Test"), entry("b", "Lead"));
    }

    @Test
    void theDefaultDatabaseMappingCarriesIdsMetadataAndContactFields() {
        Map<String, Object> row = LeadMapping.defaultDatabaseMapping().applyToMap(v3Lead);

        assertThat(row).containsEntry("lead_id", LeadFixtures.V3_LEAD_ID).containsEntry("form_id", 7234246L)
                .containsEntry("email", "Amara.Okafor@Contoso.example").containsEntry("campaign_name", "Q1 whitepaper campaign")
                .containsEntry("test_lead", false).containsEntry("creative_id", "241257736").containsEntry("event_id", null);
    }
}
