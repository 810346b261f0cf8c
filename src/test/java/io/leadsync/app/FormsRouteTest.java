package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.leadsync.app.FormTables.FormTablesReport;
import io.leadsync.sandbox.SandboxStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** routes/forms.yaml (LGF-302, LGF-107) as the app runs it, against the sandbox and an H2 database. */
class FormsRouteTest {

    @TempDir
    Path dataDir;

    private LeadSyncApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void atStartEveryFormOfEveryAccessibleOwnerGetsItsTableWithTheColumnsOfAllItsVersions() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("forms.yaml"), Map.of());

        List<String> expected = app.sandbox().world().withArray("forms").valueStream()
                .map(f -> "leads_form_" + f.get("id").asLong()).sorted().toList();
        assertThat(expected).contains("leads_form_7234246", "leads_form_7234300");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.leadTables()).containsExactlyElementsOf(expected));

        // version 1 of the whitepaper form asked questions version 3 no longer asks: their columns are there too
        FormTables tables = app.camel().getRegistry().lookupByNameAndType("formTables", FormTables.class);
        List<String> columns = app.columns("leads_form_7234246");
        assertThat(columns).contains("lead_id");
        assertThat(columns.stream().filter(c -> c.startsWith("q_")).count()).isGreaterThan(0);
        assertThat(tables).isNotNull();
    }

    @Test
    void aRunAgainCreatesNothingNewAndCallsLinkedInOnlyForTheCurrentVersions() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("forms.yaml"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !app.leadTables().isEmpty());
        List<String> before = app.leadTables();
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
