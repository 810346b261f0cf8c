package io.leadsync.camel.linkedin.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field keys, the map view and the JSON form that routes use without code. */
class LeadTest {

    private final Lead lead = LeadFixtures.normalizedPage().get(0);

    @Test
    void fieldKeysReadAnswersHiddenFieldsConsentsAndMetadata() {
        assertThat(lead.field("WORK_EMAIL")).isEqualTo("Amara.Okafor@Contoso.example");
        assertThat(lead.field("707234246")).isEqualTo("More than 20");
        assertThat(lead.field("teamSize")).as("a custom question by its label").isEqualTo("More than 20");
        assertThat(lead.field("Custom question 1")).as("a custom question by its name").asString().startsWith("Stitching");
        assertThat(lead.field("hidden:utm_source")).isEqualTo("linkedin");
        assertThat(lead.field("consent:0")).isEqualTo(Boolean.TRUE);
        assertThat(lead.field("consent:1")).isEqualTo(Boolean.FALSE);
        assertThat(lead.field("consent:5")).isNull();
        assertThat(lead.field("meta:leadId")).isEqualTo(LeadFixtures.V3_LEAD_ID);
        assertThat(lead.field("meta:formId")).isEqualTo(7234246L);
        assertThat(lead.field("meta:formVersion")).isEqualTo(3L);
        assertThat(lead.field("meta:submittedAt")).isEqualTo(1763900000123L);
        assertThat(lead.field("meta:testLead")).isEqualTo(false);
        assertThat(lead.field("meta:campaignName")).isEqualTo("Q1 whitepaper campaign");
        assertThat(lead.field("meta:action")).isEqualTo("CREATED");
        assertThat(lead.field("PHONE_NUMBER")).isNull();
        for (String name : Lead.META_NAMES) {
            assertThat(lead.meta(name)).as(name).isEqualTo(lead.field("meta:" + name));
        }
    }

    @Test
    void unknownMetaNamesAndNonNumericConsentKeysAreRejected() {
        assertThatThrownBy(() -> lead.field("meta:colour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour").hasMessageContaining("leadId");
        assertThatThrownBy(() -> lead.field("consent:first")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toMapIsFlatOrderedAndJsonFriendly() {
        Map<String, Object> map = lead.toMap();

        assertThat(map.keySet()).startsWith(Lead.META_NAMES.toArray(String[]::new))
                .endsWith("ownerUrn", "source", "answers", "hiddenFields", "consents", "fieldErrors", "raw");
        assertThat(map).containsEntry("leadId", LeadFixtures.V3_LEAD_ID).containsEntry("formId", 7234246L)
                .containsEntry("accountName", "Northwind Ads").containsEntry("source", "POLL").containsEntry("action", "CREATED");
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = (Map<String, Object>) map.get("answers");
        assertThat(answers).containsEntry("WORK_EMAIL", "Amara.Okafor@Contoso.example").containsEntry("707234246", "More than 20");
        assertThat(answers.keySet()).first().isEqualTo("FIRST_NAME");
        assertThat(map.get("consents")).isEqualTo(List.of(
                Map.of("id", 0L, "text", "I agree to receive the report by email.", "required", true, "accepted", true),
                Map.of("id", 1L, "text", "Send me product news.", "required", false, "accepted", false)));
        assertThat(map.get("hiddenFields")).isEqualTo(Map.of("utm_source", "linkedin", "utm_campaign", "q1-whitepaper"));
        assertThat(LeadJson.write(map)).contains("\"WORK_EMAIL\":\"Amara.Okafor@Contoso.example\"");
    }

    @Test
    void jsonRoundTripGivesAnEqualLead() {
        Lead withErrors = lead.withFieldErrors(List.of(new FieldError("WORK_EMAIL", "not an address")));
        Lead deleted = Lead.deleted(LeadFixtures.notification("notification-deleted.json"), LeadSource.WEBHOOK);

        String json = LeadJson.toJson(withErrors);

        assertThat(LeadJson.fromJson(json)).isEqualTo(withErrors);
        assertThat(LeadJson.fromJson(json).answers().keySet()).containsExactlyElementsOf(lead.answers().keySet());
        assertThat(LeadJson.fromJson(LeadJson.toJson(deleted))).isEqualTo(deleted);
        List<Lead> page = LeadFixtures.normalizedPage();
        assertThat(LeadJson.listFromJson(LeadJson.toJson(page))).isEqualTo(page);
        assertThatThrownBy(() -> LeadJson.fromJson("{\"secret answer\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret answer");
    }
}
