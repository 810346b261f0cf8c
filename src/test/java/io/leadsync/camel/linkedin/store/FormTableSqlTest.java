package io.leadsync.camel.linkedin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.model.HiddenField;
import io.leadsync.camel.linkedin.model.LeadForm;
import org.junit.jupiter.api.Test;

/** The table a form needs, and its DDL on H2 and PostgreSQL. */
class FormTableSqlTest {

    @Test
    void aFormTableHasMetadataThenOneColumnPerQuestionHiddenFieldAndConsent() {
        FormTable table = FormTable.of(List.of(LeadFixtures.formV3(), LeadFixtures.formV2()));

        assertThat(table.tableName()).isEqualTo("leads_form_7234246");
        assertThat(table.columnNames()).containsExactly("lead_id", "lead_type", "form_id", "form_version", "form_name",
                "submitted_at", "test_lead", "submitter", "account_id", "account_name", "campaign_id", "campaign_name",
                "creative_id", "event_id", "event_name", "organization_id", "organization_name",
                // version 2's questions first, then what version 3 added
                "first_name", "last_name", "work_email", "q_707234246", "company_name", "job_title", "country", "q_707234247",
                "hidden_utm_source", "hidden_utm_campaign", "consent_0", "consent_1", "field_errors", "raw_json", "synced_at");
        assertThat(table.column("work_email")).isEqualTo(new Column("work_email", ColumnType.VARCHAR, 300, Column.Kind.ANSWER, "WORK_EMAIL"));
        assertThat(table.column("q_707234246").length()).isEqualTo(1000);
        assertThat(table.column("q_707234247").length()).isEqualTo(1000);
        assertThat(table.column("consent_0").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(table).isEqualTo(FormTable.of(List.of(LeadFixtures.formV2(), LeadFixtures.formV3())));
    }

    @Test
    void columnNamesAreSanitisedUniqueAndAtMost63Characters() {
        LeadForm v3 = LeadFixtures.formV3();
        String longName = "campaign source of the very long and descriptive hidden field name that goes on";
        LeadForm odd = new LeadForm(v3.id(), v3.name(), v3.state(), 4L, v3.owner(), v3.creationLocale(), List.of(
                new HiddenField("utm-source", "a"), new HiddenField("UTM Source", "b"), new HiddenField("Größe €", "c"),
                new HiddenField(longName, "d"), new HiddenField(longName + " 2", "e")), v3.content(), null, null, null);

        FormTable table = FormTable.of(List.of(odd));

        assertThat(table.columnNames()).contains("hidden_utm_source", "hidden_utm_source_2", "hidden_gr_e")
                .allSatisfy(name -> assertThat(name).matches("[a-z][a-z0-9_]{0,62}"))
                .doesNotHaveDuplicates();
        assertThat(table.columnNames().stream().filter(n -> n.startsWith("hidden_campaign")).toList())
                .hasSize(2).allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(63));
        assertThat(FormTable.sanitise("2nd choice")).isEqualTo("c_2nd_choice");
        assertThat(FormTable.of(List.of(odd))).isEqualTo(table);
    }

    @Test
    void versionsOfDifferentFormsAreRejected() {
        LeadForm v3 = LeadFixtures.formV3();
        LeadForm other = new LeadForm(99L, "other", null, 1L, v3.owner(), null, null, null, null, null, null);
        assertThatThrownBy(() -> FormTable.of(List.of(v3, other))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7234246").hasMessageContaining("99");
    }

    @Test
    void h2DdlQuotesUpperCaseNamesAndUpsertsWithMergeKey() {
        FormTable table = FormTable.of(List.of(LeadFixtures.formV3()));

        String ddl = FormTableSql.ddl(List.of(LeadFixtures.formV3()), SqlDialect.H2);

        assertThat(ddl).contains("CREATE TABLE IF NOT EXISTS \"LEADS_FORM_7234246\" (",
                "\"LEAD_ID\" VARCHAR(255) NOT NULL", "\"FORM_ID\" BIGINT", "\"SUBMITTED_AT\" TIMESTAMP", "\"TEST_LEAD\" BOOLEAN",
                "\"WORK_EMAIL\" VARCHAR(300)", "\"Q_707234246\" VARCHAR(1000)", "\"HIDDEN_UTM_SOURCE\" VARCHAR(1000)",
                "\"CONSENT_1\" BOOLEAN", "\"RAW_JSON\" CHARACTER VARYING,", "PRIMARY KEY (\"LEAD_ID\")",
                "CREATE TABLE IF NOT EXISTS \"LEAD_LEDGER\"", "\"STATE\" VARCHAR(16) NOT NULL", "\"WITHDRAWN_AT\" TIMESTAMP");
        assertThat(SqlDialect.H2.upsert(table)).startsWith("MERGE INTO \"LEADS_FORM_7234246\" (\"LEAD_ID\", \"LEAD_TYPE\"")
                .contains(") KEY (\"LEAD_ID\") VALUES (?, ?")
                .satisfies(sql -> assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(table.columns().size()));
    }

    @Test
    void postgresDdlUsesTextAndUpsertsOnConflict() {
        FormTable table = FormTable.of(List.of(LeadFixtures.formV3()));

        String ddl = FormTableSql.ddl(table, SqlDialect.POSTGRESQL);

        assertThat(ddl).contains("CREATE TABLE IF NOT EXISTS \"leads_form_7234246\" (", "\"lead_id\" VARCHAR(255) NOT NULL",
                "\"raw_json\" TEXT", "\"field_errors\" TEXT", "\"q_707234247\" VARCHAR(1000)", "CREATE TABLE IF NOT EXISTS \"lead_ledger\"");
        assertThat(SqlDialect.POSTGRESQL.upsert(table)).startsWith("INSERT INTO \"leads_form_7234246\" (\"lead_id\"")
                .contains("ON CONFLICT (\"lead_id\") DO UPDATE SET \"lead_type\" = EXCLUDED.\"lead_type\"",
                        "\"synced_at\" = EXCLUDED.\"synced_at\"")
                .doesNotContain("\"lead_id\" = EXCLUDED");
        assertThat(ddl).contains("\"expires_at\" TIMESTAMP", "\"last_source\" VARCHAR(16) NOT NULL",
                "CREATE INDEX IF NOT EXISTS \"lead_ledger_expires_at\" ON \"lead_ledger\" (\"expires_at\")");
    }

    @Test
    void evolvingAddsOnlyTheMissingColumnsAndNeverDrops() {
        FormTable v3 = FormTable.of(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        Set<String> fromV2 = Set.copyOf(FormTable.of(List.of(LeadFixtures.formV2())).columnNames().stream()
                .map(String::toUpperCase).toList());

        assertThat(SqlDialect.H2.addMissingColumns(v3, fromV2)).containsExactly(
                "ALTER TABLE \"LEADS_FORM_7234246\" ADD COLUMN IF NOT EXISTS \"COMPANY_NAME\" VARCHAR(300)",
                "ALTER TABLE \"LEADS_FORM_7234246\" ADD COLUMN IF NOT EXISTS \"JOB_TITLE\" VARCHAR(300)",
                "ALTER TABLE \"LEADS_FORM_7234246\" ADD COLUMN IF NOT EXISTS \"COUNTRY\" VARCHAR(300)",
                "ALTER TABLE \"LEADS_FORM_7234246\" ADD COLUMN IF NOT EXISTS \"Q_707234247\" VARCHAR(1000)");
        assertThat(SqlDialect.POSTGRESQL.addMissingColumns(v3, Set.copyOf(v3.columnNames()))).isEmpty();
    }
}
