package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.leadsync.app.FormTables.FormTablesReport;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.model.LeadForm;
import org.apache.camel.ProducerTemplate;
import io.leadsync.sandbox.SandboxStats;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
/** routes/forms.yaml (LGF-302, LGF-107) as the app runs it, against the sandbox and an H2 database. */
class FormsRouteTest extends LeadSyncAppTestSupport {


    @Test
    void atStartEveryFormOfEveryAccessibleOwnerGetsItsTableWithTheColumnsOfAllItsVersions() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("forms.yaml"), Map.of());

        List<String> expected = app.sandbox().world().withArray("forms").valueStream()
                .map(f -> "leads_form_" + f.get("id").asLong()).sorted().toList();
        assertThat(expected).contains("leads_form_7234246", "leads_form_7234300");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(app.leadTables()).containsExactlyElementsOf(expected));

        // the current version's predefined fields, its custom question and its consents are columns
        assertThat(app.columns("leads_form_7234246")).contains("lead_id", "first_name", "company_name", "q_707234247",
                "consent_1", "submitted_at");
    }

    @Test
    void aNewFormVersionAddsItsColumnsAndKeepsThoseItNoLongerAsks() throws Exception {
        // editing a form (the marketer's side, here through the producer) needs rw_ads
        app = LeadSyncApp.start(dataDir, List.of("forms.yaml"), Map.of("leadsync.linkedin.scopes",
                "r_marketing_leadgen_automation rw_ads r_ads r_organization_admin r_events rw_dmp_segments openid profile"));
        // the start-up sync must be over, or it could read the edited form and add the column before the run below
        await().atMost(Duration.ofSeconds(60)).until(app::formsSyncedAtStart);
        ProducerTemplate camel = app.camel().createProducerTemplate();
        LeadForm current = camel.requestBodyAndHeader("linkedin-leadsync:forms?operation=getForm", null,
                LinkedInLeadSyncConstants.FORM_ID, 7234246L, LeadForm.class);
        Map<String, Object> content = LinkedInJson.convert(current.content(), Map.class);
        List<Map<String, Object>> questions = new ArrayList<>((List<Map<String, Object>>) content.get("questions"));
        questions.removeIf(q -> ((Number) q.get("questionId")).longValue() == 707234247L);
        questions.add(Map.of("questionId", 707234299L, "name", "Budget", "label", "budget",
                "question", Map.of("localized", Map.of("en_US", "What is your budget?")), "responseRequired", false,
                "questionDetails", Map.of("textQuestionDetails", Map.of("maxResponseLength", 500))));
        content.put("questions", questions);
        camel.requestBodyAndHeader("linkedin-leadsync:forms?operation=updateForm", Map.of("content", content),
                LinkedInLeadSyncConstants.FORM_ID, 7234246L);

        FormTablesReport report = camel.requestBody("direct:forms-sync", null, FormTablesReport.class);

        assertThat(report.columnLines()).containsExactly("Table leads_form_7234246 of 'Northwind whitepaper Q1': new column q_707234299 added");
        assertThat(report.summary()).contains("'Northwind whitepaper Q1' → table leads_form_7234246 (updated)");
        assertThat(app.columns("leads_form_7234246")).contains("q_707234299", "q_707234247");
    }

    @Test
    void aRunAgainCreatesNothingNewAndCallsLinkedInOnlyForTheCurrentVersions() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("forms.yaml"), Map.of());
        // the start-up sync is over: a table list read while it still creates tables would be partial
        await().atMost(Duration.ofSeconds(60)).until(app::formsSyncedAtStart);
        List<String> before = app.leadTables();
        assertThat(before).isEqualTo(app.expectedFormTables());
        app.sandbox().resetStats();

        FormTablesReport again = app.camel().createProducerTemplate().requestBody("direct:forms-sync", null, FormTablesReport.class);

        assertThat(again.forms()).hasSize(before.size());
        assertThat(again.created()).isZero();
        assertThat(again.columnLines()).isEmpty();
        assertThat(again.summary()).startsWith(before.size() + " forms: 'Northwind whitepaper Q1' → table leads_form_7234246 (up to date)");
        assertThat(app.leadTables()).isEqualTo(before);
        // older versions are looked up once: the second run reads no lead
        SandboxStats stats = app.sandbox().stats();
        assertThat(stats.calls().keySet()).noneMatch(k -> k.contains("leadFormResponses"));
    }
}
