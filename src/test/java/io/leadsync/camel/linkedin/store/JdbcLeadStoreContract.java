package io.leadsync.camel.linkedin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.lead.FieldError;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAnswer;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormContent;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.QuestionDetails;
import io.leadsync.camel.linkedin.model.TextQuestionDetails;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import io.leadsync.camel.linkedin.store.StoreResult.Status;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcLeadStore} promises on any supported database: tables created and evolved without losing rows,
 * exactly one row per lead however often and however concurrently it is written, one bad lead never stopping a page,
 * and withdrawn leads staying deleted.
 */
abstract class JdbcLeadStoreContract {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    DataSource dataSource;
    JdbcLeadStore store;
    List<Lead> page;
    Lead v3Lead;
    Lead v2Lead;

    /** A database with none of the tables the store creates. */
    abstract DataSource emptyDatabase() throws SQLException;

    abstract SqlDialect expectedDialect();

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = emptyDatabase();
        store = new JdbcLeadStore(dataSource, null, Clock.fixed(NOW, ZoneOffset.UTC));
        page = LeadFixtures.normalizedPage();
        v3Lead = page.get(0);
        v2Lead = page.get(1);
    }

    @Test
    void theDialectIsDetectedFromTheConnection() throws SQLException {
        assertThat(store.dialect()).isEqualTo(expectedDialect());
    }

    @Test
    void theTableIsCreatedThenEvolvedWhenVersion3AddsQuestionsKeepingItsRows() throws SQLException {
        TableChange created = store.ensureTable(List.of(LeadFixtures.formV2()));
        assertThat(created).isEqualTo(new TableChange("leads_form_7234246", true, List.of(), List.of()));
        assertThat(store.upsert(List.of(v2Lead))).extracting(StoreResult::status).containsExactly(Status.STORED);
        assertThat(columns()).doesNotContain("company_name", "q_707234247");

        TableChange evolved = store.ensureTable(List.of(LeadFixtures.formV3()));

        assertThat(evolved.created()).isFalse();
        assertThat(evolved.addedColumns()).containsExactly("company_name", "job_title", "country", "q_707234247");
        // ADD COLUMN appends: the new questions come last, nothing was dropped
        assertThat(columns()).containsExactlyInAnyOrderElementsOf(
                FormTable.of(List.of(LeadFixtures.formV2(), LeadFixtures.formV3())).columnNames())
                .endsWith("company_name", "job_title", "country", "q_707234247");
        assertThat(row(LeadFixtures.V2_LEAD_ID)).containsEntry("first_name", "Test").containsEntry("company_name", null);
        assertThat(store.upsert(List.of(v3Lead))).extracting(StoreResult::status).containsExactly(Status.STORED);
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("company_name", "Contoso").containsEntry("q_707234247",
                "Stitching ad data to CRM, \"fast\"; 日本語 too");
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(2);
        assertThat(store.ensureTable(List.of(LeadFixtures.formV3(), LeadFixtures.formV2())).changed()).isFalse();
        // a second store over the same database (a restart) finds the table as it is
        assertThat(new JdbcLeadStore(dataSource).ensureTable(List.of(LeadFixtures.formV3())).changed()).isFalse();
    }

    @Test
    void theRowHoldsAnswersMetadataHiddenFieldsConsentsAndTheRawJson() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        Lead withError = v3Lead.withFieldErrors(List.of(new FieldError("707234246", "option id 9 is not an option")));

        store.upsert(List.of(withError));

        Map<String, Object> row = row(LeadFixtures.V3_LEAD_ID);
        assertThat(row).containsEntry("lead_type", "SPONSORED").containsEntry("form_id", 7234246L).containsEntry("form_version", 3L)
                .containsEntry("form_name", "Northwind whitepaper Q1").containsEntry("test_lead", false)
                .containsEntry("submitted_at", LocalDateTime.of(2025, 11, 23, 12, 13, 20, 123_000_000))
                .containsEntry("account_id", "507857085").containsEntry("account_name", "Northwind Ads")
                .containsEntry("campaign_name", "Q1 whitepaper campaign").containsEntry("creative_id", "241257736")
                .containsEntry("first_name", "Amara").containsEntry("work_email", "Amara.Okafor@Contoso.example")
                .containsEntry("q_707234246", "More than 20").containsEntry("hidden_utm_campaign", "q1-whitepaper")
                .containsEntry("consent_0", true).containsEntry("consent_1", false)
                .containsEntry("raw_json", v3Lead.raw()).containsEntry("synced_at", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC))
                .containsEntry("event_id", null);
        assertThat((String) row.get("field_errors")).contains("\"field\":\"707234246\"", "option id 9");
    }

    @Test
    void upsertingTheSameLeadTwiceKeepsOneRowWithTheLatestValues() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        store.upsert(page);

        List<StoreResult> again = store.upsert(List.of(withAnswer(v3Lead, "JOB_TITLE", "Chief Data Officer"), v2Lead));

        assertThat(again).extracting(StoreResult::status).containsExactly(Status.STORED, Status.STORED);
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(2);
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("job_title", "Chief Data Officer");
    }

    @Test
    void aRowTheLedgerDoesNotKnowIsUpdatedAndALeadTwiceInAPageKeepsItsLaterValues() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // written by something other than the store: no ledger row
            s.executeUpdate("INSERT INTO leads_form_7234246 (lead_id, job_title) VALUES ('" + LeadFixtures.V3_LEAD_ID + "', 'Intern')");
        }
        Lead other = withId(v3Lead, "lead-twice");

        List<StoreResult> results = store.upsert(List.of(v3Lead, other, withAnswer(other, "JOB_TITLE", "Chief Data Officer")));

        assertThat(results).extracting(StoreResult::status).containsOnly(Status.STORED);
        assertThat(results).extracting(StoreResult::isNew).containsExactly(true, true, false);
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(2);
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("job_title", v3Lead.answers().get("JOB_TITLE").value());
        assertThat(row("lead-twice")).containsEntry("job_title", "Chief Data Officer");
    }

    @Test
    void aBadLeadInAPageFailsAloneAndTheOthersAreStored() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        Lead tooLong = withAnswer(withId(v3Lead, "bad-lead-1"), "FIRST_NAME", "x".repeat(301));
        List<Lead> leads = List.of(withId(v3Lead, "good-lead-1"), tooLong, withId(v3Lead, "good-lead-2"));

        List<StoreResult> results = store.upsert(leads);

        assertThat(results).extracting(StoreResult::leadId, StoreResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("good-lead-1", Status.STORED),
                org.assertj.core.groups.Tuple.tuple("bad-lead-1", Status.FAILED),
                org.assertj.core.groups.Tuple.tuple("good-lead-2", Status.STORED));
        assertThat(results.get(1).reason()).startsWith("SQLState 22001").containsIgnoringCase("too long").doesNotContain("xxxxx");
        assertThat(results.get(1).isDone()).isFalse();
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(2);
        assertThat(row("bad-lead-1")).isNull();
    }

    @Test
    void aDeletedLeadLosesItsRowAndItsTombstoneStopsLaterUpserts() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        store.upsert(page);
        Lead deleted = Lead.deleted(new LeadActionNotification("LEAD_ACTION", "urn:li:leadGenFormResponse:" + LeadFixtures.V3_LEAD_ID,
                LeadFixtures.V3.toString(), LeadOwner.sponsoredAccount(507857085), null, "SPONSORED", "DELETED", 1763990000000L),
                LeadSource.WEBHOOK);

        assertThat(store.delete(deleted).status()).isEqualTo(Status.DELETED);

        assertThat(row(LeadFixtures.V3_LEAD_ID)).isNull();
        assertThat(store.isTombstoned(LeadFixtures.V3_LEAD_ID)).isTrue();
        assertThat(store.isTombstoned(LeadFixtures.V2_LEAD_ID)).isFalse();
        // a later pull brings the lead again: it stays deleted, the rest of the page is written
        List<StoreResult> pulled = store.upsert(page);
        assertThat(pulled).extracting(StoreResult::status).containsExactly(Status.SKIPPED_TOMBSTONED, Status.STORED);
        assertThat(pulled.get(0).isDone()).isTrue();
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(1);
        // a repeated DELETED delivery inside a page is applied again without error
        assertThat(store.upsert(List.of(deleted, v2Lead))).extracting(StoreResult::status).containsExactly(Status.DELETED, Status.STORED);
        // deleting a lead of a form that never had a table still leaves the tombstone
        Lead eventLead = Lead.deleted(LeadFixtures.notification("notification-deleted.json"), LeadSource.WEBHOOK);
        assertThat(store.delete(eventLead).status()).isEqualTo(Status.DELETED);
        assertThat(store.isTombstoned(eventLead.id())).isTrue();
    }

    @Test
    void aTombstoneForAnIdTheStoreNeverHeldExpiresAndIsPurged() throws SQLException {
        MutableClock clock = new MutableClock(NOW);
        JdbcLeadStore timed = new JdbcLeadStore(dataSource, null, clock);
        timed.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        Lead neverHeld = deleted(LeadFixtures.V3_LEAD_ID);
        assertThat(timed.delete(neverHeld).status()).isEqualTo(Status.DELETED);
        assertThat(tombstoneRows()).isEqualTo(1);

        clock.advance(Duration.ofDays(399));
        assertThat(timed.isTombstoned(neverHeld.id())).as("kept past LinkedIn's 365-day retention").isTrue();
        assertThat(timed.purgeExpiredTombstones()).isZero();
        assertThat(timed.upsert(List.of(v3Lead))).extracting(StoreResult::status).containsExactly(Status.SKIPPED_TOMBSTONED);

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(timed.isTombstoned(neverHeld.id())).as("expired after 400 days").isFalse();
        assertThat(timed.purgeExpiredTombstones()).isEqualTo(1);
        assertThat(tombstoneRows()).isZero();
    }

    @Test
    void aTombstoneOfAStoredLeadOutlivesLinkedInsRetentionAndStopsReCreation() throws SQLException {
        MutableClock clock = new MutableClock(NOW);
        JdbcLeadStore timed = new JdbcLeadStore(dataSource, null, clock);
        timed.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        timed.upsert(page);
        assertThat(timed.delete(deleted(LeadFixtures.V3_LEAD_ID)).status()).isEqualTo(Status.DELETED);

        // a pull a year later (LinkedIn keeps a lead 365 days after submission) still cannot bring it back
        clock.advance(Duration.ofDays(366));
        assertThat(timed.upsert(page)).extracting(StoreResult::status).containsExactly(Status.SKIPPED_TOMBSTONED, Status.STORED);
        assertThat(row(LeadFixtures.V3_LEAD_ID)).isNull();
        assertThat(timed.purgeExpiredTombstones()).isZero();
        // a repeated delete later extends the tombstone
        clock.advance(Duration.ofDays(30));
        timed.delete(deleted(LeadFixtures.V3_LEAD_ID));
        clock.advance(Duration.ofDays(380));
        assertThat(timed.isTombstoned(LeadFixtures.V3_LEAD_ID)).isTrue();
    }

    @Test
    void writesPurgeExpiredTombstonesByThemselves() throws SQLException {
        MutableClock clock = new MutableClock(NOW);
        JdbcLeadStore timed = new JdbcLeadStore(dataSource, null, clock);
        timed.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        timed.upsert(List.of(v2Lead));
        timed.delete(deleted("never-held-1"));
        timed.delete(deleted("never-held-2"));
        clock.advance(Duration.ofDays(401));
        timed.upsert(List.of(v2Lead));
        assertThat(tombstoneRows()).as("purged by the write").isZero();

        timed.delete(deleted("never-held-3"));
        clock.advance(Duration.ofDays(401));
        timed.upsert(List.of(v2Lead));
        assertThat(tombstoneRows()).as("purged again by the first write after the next hour").isZero();
    }

    @Test
    void tombstonesFromBeforeTheExpiryGetOneFromTheFirstStart() throws SQLException {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            SqlDialect d = expectedDialect();
            s.execute("CREATE TABLE " + d.quote(SqlDialect.TOMBSTONES) + " (" + d.quote("lead_id") + " VARCHAR(255) NOT NULL, "
                      + d.quote("form_id") + " BIGINT, " + d.quote("deleted_at") + " TIMESTAMP NOT NULL, PRIMARY KEY (" + d.quote("lead_id") + "))");
            s.execute("INSERT INTO " + d.quote(SqlDialect.TOMBSTONES) + " VALUES ('legacy-1', 7234246, TIMESTAMP '2024-01-01 00:00:00')");
        }
        MutableClock clock = new MutableClock(NOW);
        JdbcLeadStore timed = new JdbcLeadStore(dataSource, null, clock);
        assertThat(timed.isTombstoned("legacy-1")).isTrue();
        clock.advance(Duration.ofDays(399));
        assertThat(timed.purgeExpiredTombstones()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(timed.purgeExpiredTombstones()).isEqualTo(1);
    }

    @Test
    void aNewVersionAcceptingLongerAnswersWidensTheColumnAndKeepsRows() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        store.upsert(List.of(v3Lead));
        LeadForm v3 = LeadFixtures.formV3();
        List<LeadFormQuestion> questions = new ArrayList<>(v3.questions());
        LeadFormQuestion first = questions.get(0);
        questions.set(0, new LeadFormQuestion(first.questionId(), first.name(), first.label(), first.question(), first.predefinedField(),
                first.responseRequired(), new QuestionDetails(new TextQuestionDetails(2000), null)));
        LeadForm v4 = new LeadForm(v3.id(), v3.name(), v3.state(), 4L, v3.owner(), v3.creationLocale(), v3.hiddenFields(),
                new LeadFormContent(null, null, questions, v3.content().legalInfo(), null), null, null, null);

        TableChange change = store.ensureTable(List.of(v4));

        assertThat(change.addedColumns()).isEmpty();
        assertThat(change.widenedColumns()).containsExactly("first_name");
        assertThat(store.upsert(List.of(withAnswer(withId(v3Lead, "long-name"), "FIRST_NAME", "y".repeat(1500)))))
                .extracting(StoreResult::status).containsExactly(Status.STORED);
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("first_name", "Amara");
        assertThat(store.ensureTable(List.of(v4)).changed()).isFalse();
    }

    @Test
    void concurrentWritersOfTheSameLeadsNeverDuplicateOrFail() throws Exception {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            leads.add(withId(v3Lead, String.format("lead-%04d", i)));
        }
        List<List<Lead>> pages = new ArrayList<>();
        for (int from = 0; from < leads.size(); from += 25) {
            pages.add(leads.subList(from, from + 25));
        }
        List<List<Lead>> reversed = new ArrayList<>(pages);
        Collections.reverse(reversed);
        // a poll and a webhook writer: one walks the pages forwards, the other backwards, each lead one by one
        List<StoreResult> results = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = List.of(
                    pool.submit(() -> write(start, pages, results)),
                    pool.submit(() -> write(start, reversed, results)),
                    pool.submit(() -> {
                        await(start);
                        for (Lead lead : leads) {
                            results.addAll(new JdbcLeadStore(dataSource, v -> LeadFixtures.formV3()).upsert(List.of(lead)));
                        }
                    }));
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).hasSize(600).allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(Status.STORED));
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(200);
    }

    @Test
    void leadsOfAnUnseenVersionLoadItAndEvolveTheTableByThemselves() throws SQLException {
        List<VersionedLeadGenFormUrn> loaded = new ArrayList<>();
        Map<VersionedLeadGenFormUrn, LeadForm> versions = Map.of(LeadFixtures.V2, LeadFixtures.formV2(), LeadFixtures.V3, LeadFixtures.formV3());
        JdbcLeadStore selfEvolving = new JdbcLeadStore(dataSource, urn -> {
            loaded.add(urn);
            return versions.get(urn);
        });

        assertThat(selfEvolving.upsert(List.of(v2Lead))).extracting(StoreResult::status).containsExactly(Status.STORED);
        assertThat(columns()).doesNotContain("company_name");
        assertThat(selfEvolving.upsert(page)).extracting(StoreResult::status).containsExactly(Status.STORED, Status.STORED);
        assertThat(selfEvolving.upsert(page)).extracting(StoreResult::status).containsExactly(Status.STORED, Status.STORED);

        assertThat(loaded).containsExactly(LeadFixtures.V2, LeadFixtures.V3);
        assertThat(columns()).contains("company_name", "q_707234247");
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("country", "Nigeria");
    }

    @Test
    void aPageWithLeadsOfTwoUnseenVersionsCreatesTheTableOnceWithTheColumnsOfBoth() throws SQLException {
        Map<VersionedLeadGenFormUrn, LeadForm> versions = Map.of(LeadFixtures.V2, LeadFixtures.formV2(), LeadFixtures.V3, LeadFixtures.formV3());
        JdbcLeadStore selfEvolving = new JdbcLeadStore(dataSource, versions::get);

        assertThat(selfEvolving.upsert(page)).extracting(StoreResult::status).containsExactly(Status.STORED, Status.STORED);

        // created in one statement: ADD COLUMN would have put version 3's questions after synced_at
        assertThat(columns()).containsExactlyElementsOf(FormTable.of(List.of(LeadFixtures.formV2(), LeadFixtures.formV3())).columnNames());
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("country", "Nigeria");
        assertThat(row(LeadFixtures.V2_LEAD_ID)).containsEntry("first_name", "Test");
    }

    @Test
    void aFormVersionSourceGivesTheTableEveryVersionBeforeTheLeadsOfTheNewerOnesArrive() throws SQLException {
        List<VersionedLeadGenFormUrn> loaded = new ArrayList<>();
        List<VersionedLeadGenFormUrn> asked = new ArrayList<>();
        JdbcLeadStore store = new JdbcLeadStore(dataSource, urn -> {
            loaded.add(urn);
            return urn.equals(LeadFixtures.V2) ? LeadFixtures.formV2() : LeadFixtures.formV3();
        }).formVersionSource(urn -> {
            asked.add(urn);
            return List.of(LeadFixtures.formV3(), LeadFixtures.formV2());
        });

        assertThat(store.upsert(List.of(v2Lead))).extracting(StoreResult::status).containsExactly(Status.STORED);

        assertThat(columns()).containsExactlyElementsOf(FormTable.of(List.of(LeadFixtures.formV2(), LeadFixtures.formV3())).columnNames());
        assertThat(store.upsert(List.of(v3Lead))).extracting(StoreResult::status).containsExactly(Status.STORED);
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("company_name", "Contoso");
        // the source was asked once, for the first lead's version; no version had to be loaded one by one
        assertThat(asked).containsExactly(LeadFixtures.V2);
        assertThat(loaded).isEmpty();
    }

    @Test
    void aFailingFormVersionSourceLeavesTheTableToTheLeadsOwnVersion() throws SQLException {
        JdbcLeadStore store = new JdbcLeadStore(dataSource, urn -> LeadFixtures.formV2()).formVersionSource(urn -> {
            throw new IllegalStateException("LinkedIn is down");
        });

        assertThat(store.upsert(List.of(v2Lead))).extracting(StoreResult::status).containsExactly(Status.STORED);
        assertThat(columns()).containsExactlyElementsOf(FormTable.of(List.of(LeadFixtures.formV2())).columnNames());
    }

    @Test
    void aPollReadingAgainALeadThePushStoredLeavesItsRowAndLedgerRowAsTheyAre() throws SQLException {
        io.leadsync.testing.MutableClock clock = new io.leadsync.testing.MutableClock(NOW);
        JdbcLeadStore timed = new JdbcLeadStore(dataSource, null, clock);
        timed.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        timed.upsert(List.of(withSource(v3Lead, LeadSource.WEBHOOK), withSource(v2Lead, LeadSource.WEBHOOK)));
        clock.advance(java.time.Duration.ofSeconds(10));

        List<StoreResult> again = timed.upsert(List.of(withSource(v3Lead, LeadSource.POLL),
                withSource(withAnswer(v2Lead, "FIRST_NAME", "Renamed"), LeadSource.POLL)));

        assertThat(again).extracting(StoreResult::status, StoreResult::isNew)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.STORED, false), org.assertj.core.groups.Tuple.tuple(Status.STORED, false));
        // the unchanged lead: its row was not written again; the ledger says the poll saw it last
        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("synced_at", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC))
                .containsEntry("raw_json", v3Lead.raw());
        assertThat(ledger(LeadFixtures.V3_LEAD_ID)).containsEntry("last_source", "POLL")
                .containsEntry("last_seen_at", LocalDateTime.ofInstant(NOW.plusSeconds(10), ZoneOffset.UTC));
        // the changed one was
        assertThat(row(LeadFixtures.V2_LEAD_ID)).containsEntry("first_name", "Renamed")
                .containsEntry("synced_at", LocalDateTime.ofInstant(NOW.plusSeconds(10), ZoneOffset.UTC));
        assertThat(ledger(LeadFixtures.V2_LEAD_ID)).containsEntry("last_source", "POLL");
    }

    @Test
    void aPollReadingAgainALeadWhoseRowIsGoneWritesItAgain() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        store.upsert(List.of(withSource(v3Lead, LeadSource.WEBHOOK)));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM leads_form_7234246");
        }

        assertThat(store.upsert(List.of(withSource(v3Lead, LeadSource.POLL)))).extracting(StoreResult::status).containsExactly(Status.STORED);

        assertThat(row(LeadFixtures.V3_LEAD_ID)).containsEntry("company_name", "Contoso");
    }

    Map<String, Object> ledger(String leadId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_source, last_seen_at FROM lead_ledger WHERE lead_id = ?")) {
            s.setString(1, leadId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("ledger row of " + leadId).isTrue();
                return Map.of("last_source", rs.getString(1), "last_seen_at", rs.getObject(2, LocalDateTime.class));
            }
        }
    }

    @Test
    void aLeadOfAFormWithoutATableFailsWithAReasonAndTheOthersAreStored() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        Lead otherForm = withForm(withId(v3Lead, "other-form-lead"), 999L);

        List<StoreResult> results = store.upsert(List.of(otherForm, v3Lead));

        assertThat(results.get(0).status()).isEqualTo(Status.FAILED);
        assertThat(results.get(0).reason()).contains("lead form 999", "ensureTable");
        assertThat(results.get(1).status()).isEqualTo(Status.STORED);
        assertThat(store.count(999L)).isZero();
    }

    private static final int ROUNDS = 8;
    private static final int LEADS_PER_ROUND = 200;

    @Test
    void pollPushAndWithdrawalRacingOnTheSameLeadsNeverResurrectNorDuplicate() throws Exception {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Lead> leads = new ArrayList<>();
                for (int i = 0; i < LEADS_PER_ROUND; i++) {
                    leads.add(withId(v3Lead, String.format("race-%02d-%03d", round, i)));
                }
                List<StoreResult> results = new CopyOnWriteArrayList<>();
                if (round % 2 == 1) {
                    // odd rounds: the leads are already stored (pushed), so the poll's page updates existing rows
                    results.addAll(store.upsert(leads));
                }
                List<Lead> pushed = new ArrayList<>(leads);
                Collections.reverse(pushed);
                List<Lead> withdrawn = new ArrayList<>();
                for (int i = 0; i < leads.size(); i += 2) {
                    withdrawn.add(deleted(leads.get(i).id()));
                }
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(3);
                // a poll page read before the withdrawals, the webhook lead by lead, and the withdrawals, all at once
                List<Future<?>> writers = List.of(
                        pool.submit(() -> {
                            start.await();
                            results.addAll(store.upsert(leads.stream().map(l -> withSource(l, LeadSource.POLL)).toList()));
                            return null;
                        }),
                        pool.submit(() -> {
                            start.await();
                            for (Lead lead : pushed) {
                                results.addAll(store.upsert(List.of(lead)));
                            }
                            return null;
                        }),
                        pool.submit(() -> {
                            start.await();
                            for (Lead lead : withdrawn) {
                                results.add(store.delete(lead));
                            }
                            return null;
                        }));
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }

                assertThat(results).allSatisfy(r -> assertThat(r.isDone()).as(r.reason()).isTrue());
                for (int i = 0; i < leads.size(); i++) {
                    String id = leads.get(i).id();
                    long inserts = results.stream().filter(r -> r.leadId().equals(id) && r.isNew()).count();
                    if (i % 2 == 0) {
                        assertThat(row(id)).as("round %d: withdrawn lead %s stays deleted", round, id).isNull();
                        assertThat(ledgerState(id)).isEqualTo("WITHDRAWN");
                        assertThat(inserts).as("lead %s inserted at most once", id).isLessThanOrEqualTo(1);
                    } else {
                        assertThat(row(id)).as("round %d: lead %s stored", round, id).isNotNull();
                        assertThat(ledgerState(id)).isEqualTo("LIVE");
                        assertThat(inserts).as("lead %s inserted by exactly one writer", id).isEqualTo(1);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(ROUNDS * LEADS_PER_ROUND / 2);
        // a later poll of every lead brings none of the withdrawn ones back
        List<Lead> everything = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < LEADS_PER_ROUND; i++) {
                everything.add(withId(v3Lead, String.format("race-%02d-%03d", round, i)));
            }
        }
        assertThat(store.upsert(everything)).extracting(StoreResult::status).containsOnly(Status.STORED, Status.SKIPPED_TOMBSTONED);
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(ROUNDS * LEADS_PER_ROUND / 2);
    }

    @Test
    void severalWritersOfOverlappingPagesAndWithdrawalsNeverResurrectNorDuplicate() throws Exception {
        store.ensureTable(List.of(LeadFixtures.formV3()));
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            leads.add(withSource(withId(v3Lead, String.format("page-%03d", i)), LeadSource.POLL));
        }
        // pages of 150 leads, each half shared with the next: three polls walk them from different places
        List<List<Lead>> pages = new ArrayList<>();
        for (int from = 0; from + 150 <= leads.size(); from += 75) {
            pages.add(leads.subList(from, from + 150));
        }
        List<List<Lead>> backwards = new ArrayList<>(pages);
        Collections.reverse(backwards);
        List<List<Lead>> fromTheMiddle = new ArrayList<>(pages.subList(pages.size() / 2, pages.size()));
        fromTheMiddle.addAll(pages.subList(0, pages.size() / 2));
        List<Lead> withdrawn = new ArrayList<>();
        for (int i = 0; i < leads.size(); i += 5) {
            withdrawn.add(deleted(leads.get(i).id()));
        }
        List<StoreResult> results = new CopyOnWriteArrayList<>();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (List<List<Lead>> order : List.of(pages, backwards, fromTheMiddle)) {
                writers.add(pool.submit(() -> {
                    start.await();
                    order.forEach(p -> results.addAll(store.upsert(p)));
                    return null;
                }));
            }
            writers.add(pool.submit(() -> {
                start.await();
                withdrawn.forEach(lead -> results.add(store.delete(lead)));
                return null;
            }));
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).allSatisfy(r -> assertThat(r.isDone()).as(r.reason()).isTrue());
        for (int i = 0; i < leads.size(); i++) {
            String id = leads.get(i).id();
            long inserts = results.stream().filter(r -> r.leadId().equals(id) && r.isNew()).count();
            if (i % 5 == 0) {
                assertThat(row(id)).as("withdrawn lead %s stays deleted", id).isNull();
                assertThat(ledgerState(id)).isEqualTo("WITHDRAWN");
                assertThat(inserts).as("lead %s inserted at most once", id).isLessThanOrEqualTo(1);
            } else {
                assertThat(row(id)).as("lead %s stored", id).isNotNull();
                assertThat(ledgerState(id)).isEqualTo("LIVE");
                assertThat(inserts).as("lead %s inserted by exactly one writer", id).isEqualTo(1);
            }
        }
        assertThat(store.count(LeadFixtures.FORM_ID)).isEqualTo(480);
    }

    @Test
    void aDeletedBeforeItsCreatedStaysWithdrawn() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV3()));

        assertThat(store.delete(deleted(LeadFixtures.V3_LEAD_ID)).status()).isEqualTo(Status.DELETED);
        // the CREATED delivered late, then a poll
        assertThat(store.upsert(List.of(v3Lead))).extracting(StoreResult::status).containsExactly(Status.SKIPPED_TOMBSTONED);
        assertThat(store.upsert(List.of(withSource(v3Lead, LeadSource.POLL)))).extracting(StoreResult::status)
                .containsExactly(Status.SKIPPED_TOMBSTONED);

        assertThat(row(LeadFixtures.V3_LEAD_ID)).isNull();
        assertThat(ledgerState(LeadFixtures.V3_LEAD_ID)).isEqualTo("WITHDRAWN");
        assertThat(store.isTombstoned(LeadFixtures.V3_LEAD_ID)).isTrue();
    }

    @Test
    void aDeletedWithoutAFormIdRemovesTheRowTheLedgerKnows() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        store.upsert(page);
        Lead noForm = Lead.deleted(new LeadActionNotification("LEAD_ACTION", "urn:li:leadGenFormResponse:" + LeadFixtures.V3_LEAD_ID,
                "urn:li:notAForm:garbage", LeadOwner.sponsoredAccount(507857085), null, "SPONSORED", "DELETED", 1763990000000L),
                LeadSource.WEBHOOK);
        assertThat(noForm.formId()).isNull();

        assertThat(store.delete(noForm).status()).isEqualTo(Status.DELETED);

        assertThat(row(LeadFixtures.V3_LEAD_ID)).isNull();
        assertThat(row(LeadFixtures.V2_LEAD_ID)).isNotNull();
        assertThat(ledgerState(LeadFixtures.V3_LEAD_ID)).isEqualTo("WITHDRAWN");
        // a store that has never seen the form (a restart) finds it through the ledger too
        store.upsert(List.of(withId(v3Lead, "restart-lead")));
        Lead noFormAgain = Lead.deleted(new LeadActionNotification("LEAD_ACTION", "urn:li:leadGenFormResponse:restart-lead", null,
                LeadOwner.sponsoredAccount(507857085), null, "SPONSORED", "DELETED", 1763990000000L), LeadSource.WEBHOOK);
        assertThat(new JdbcLeadStore(dataSource).delete(noFormAgain).status()).isEqualTo(Status.DELETED);
        assertThat(row("restart-lead")).isNull();
    }

    @Test
    void theResultSaysWhetherTheLeadWasNewAndTheLedgerRecordsItsSource() throws SQLException {
        store.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));

        assertThat(store.upsert(List.of(withSource(v3Lead, LeadSource.WEBHOOK), withSource(v2Lead, LeadSource.WEBHOOK))))
                .extracting(StoreResult::isNew).containsExactly(true, true);
        assertThat(store.upsert(List.of(withSource(v3Lead, LeadSource.POLL)))).extracting(StoreResult::isNew).containsExactly(false);
        assertThat(ledgerSource(LeadFixtures.V3_LEAD_ID)).isEqualTo("POLL");
        assertThat(ledgerSource(LeadFixtures.V2_LEAD_ID)).isEqualTo("PUSH");
        assertThat(store.upsert(List.of(v2Lead), WriteSource.REPLAY)).extracting(StoreResult::isNew).containsExactly(false);
        assertThat(ledgerSource(LeadFixtures.V2_LEAD_ID)).isEqualTo("REPLAY");
        // the same new lead twice in one page is new once
        assertThat(store.upsert(List.of(withId(v3Lead, "twice"), withId(v3Lead, "twice")))).extracting(StoreResult::isNew)
                .containsExactly(true, false);
    }

    @Test
    void theLedgerIsBuiltFromAnOlderStoresTablesAndRemovesResurrectedRows() throws SQLException {
        SqlDialect d = expectedDialect();
        store.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        store.upsert(page);
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            // what an older store left: rows without ledger, tombstones in their own table, one of them for a row a race re-created
            s.execute("DROP TABLE " + d.quote(SqlDialect.LEDGER));
            s.execute("CREATE TABLE " + d.quote(SqlDialect.TOMBSTONES) + " (" + d.quote("lead_id") + " VARCHAR(255) NOT NULL, "
                      + d.quote("form_id") + " BIGINT, " + d.quote("deleted_at") + " TIMESTAMP NOT NULL, " + d.quote("expires_at")
                      + " TIMESTAMP, PRIMARY KEY (" + d.quote("lead_id") + "))");
            s.execute("INSERT INTO " + d.quote(SqlDialect.TOMBSTONES) + " VALUES ('" + LeadFixtures.V2_LEAD_ID
                      + "', 7234246, TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2027-02-05 00:00:00')");
        }
        JdbcLeadStore restarted = new JdbcLeadStore(dataSource, null, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(restarted.isTombstoned(LeadFixtures.V2_LEAD_ID)).isTrue();
        assertThat(row(LeadFixtures.V2_LEAD_ID)).as("the resurrected row is gone").isNull();
        assertThat(ledgerState(LeadFixtures.V3_LEAD_ID)).isEqualTo("LIVE");
        assertThat(ledgerSource(LeadFixtures.V3_LEAD_ID)).isEqualTo("RECONCILIATION");
        restarted.ensureTable(List.of(LeadFixtures.formV3()));
        assertThat(restarted.upsert(List.of(v3Lead))).extracting(StoreResult::isNew).containsExactly(false);
        assertThat(restarted.delete(deleted(LeadFixtures.V3_LEAD_ID)).status()).isEqualTo(Status.DELETED);
        assertThat(row(LeadFixtures.V3_LEAD_ID)).isNull();
    }

    String ledgerState(String leadId) throws SQLException {
        return ledger(leadId, "state");
    }

    String ledgerSource(String leadId) throws SQLException {
        return ledger(leadId, "last_source");
    }

    private String ledger(String leadId, String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM lead_ledger WHERE lead_id = ?")) {
            s.setString(1, leadId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static Lead withSource(Lead l, LeadSource source) {
        return new Lead(l.id(), l.action(), l.leadType(), l.ownerUrn(), l.formId(), l.formVersion(), l.formName(), l.submittedAt(),
                l.testLead(), l.submitter(), l.accountId(), l.accountName(), l.organizationId(), l.organizationName(), l.campaignId(),
                l.campaignName(), l.creativeId(), l.eventId(), l.eventName(), l.answers(), l.hiddenFields(), l.consents(), l.fieldErrors(),
                l.raw(), source);
    }

    private void write(CountDownLatch start, List<List<Lead>> pages, List<StoreResult> results) {
        await(start);
        for (List<Lead> leads : pages) {
            results.addAll(store.upsert(leads));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Lead deleted(String leadId) {
        return Lead.deleted(new LeadActionNotification("LEAD_ACTION", "urn:li:leadGenFormResponse:" + leadId, LeadFixtures.V3.toString(),
                LeadOwner.sponsoredAccount(507857085), null, "SPONSORED", "DELETED", 1763990000000L), LeadSource.WEBHOOK);
    }

    /** The withdrawn rows of the ledger (the tombstones). */
    long tombstoneRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM lead_ledger WHERE state = 'WITHDRAWN'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> columns() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT * FROM leads_form_7234246 WHERE 1 = 0");
             ResultSet rs = s.executeQuery()) {
            List<String> names = new ArrayList<>();
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }

    Map<String, Object> row(String leadId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT * FROM leads_form_7234246 WHERE lead_id = ?")) {
            s.setString(1, leadId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new HashMap<>();
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object value = md.getColumnType(i) == java.sql.Types.TIMESTAMP ? rs.getObject(i, LocalDateTime.class) : rs.getObject(i);
                    row.put(md.getColumnName(i).toLowerCase(Locale.ROOT), value);
                }
                return row;
            }
        }
    }

    static Lead withId(Lead l, String id) {
        return new Lead(id, l.action(), l.leadType(), l.ownerUrn(), l.formId(), l.formVersion(), l.formName(), l.submittedAt(), l.testLead(),
                l.submitter(), l.accountId(), l.accountName(), l.organizationId(), l.organizationName(), l.campaignId(), l.campaignName(),
                l.creativeId(), l.eventId(), l.eventName(), l.answers(), l.hiddenFields(), l.consents(), l.fieldErrors(), l.raw(), l.source());
    }

    static Lead withForm(Lead l, long formId) {
        return new Lead(l.id(), l.action(), l.leadType(), l.ownerUrn(), formId, l.formVersion(), l.formName(), l.submittedAt(), l.testLead(),
                l.submitter(), l.accountId(), l.accountName(), l.organizationId(), l.organizationName(), l.campaignId(), l.campaignName(),
                l.creativeId(), l.eventId(), l.eventName(), l.answers(), l.hiddenFields(), l.consents(), l.fieldErrors(), l.raw(), l.source());
    }

    static Lead withAnswer(Lead l, String key, String value) {
        Map<String, LeadAnswer> answers = new LinkedHashMap<>(l.answers());
        LeadAnswer a = answers.get(key);
        answers.put(key, new LeadAnswer(a.questionId(), key, a.predefinedField(), a.name(), a.label(), a.questionText(), value,
                a.optionIds(), a.optionLabels()));
        return new Lead(l.id(), l.action(), l.leadType(), l.ownerUrn(), l.formId(), l.formVersion(), l.formName(), l.submittedAt(),
                l.testLead(), l.submitter(), l.accountId(), l.accountName(), l.organizationId(), l.organizationName(), l.campaignId(),
                l.campaignName(), l.creativeId(), l.eventId(), l.eventName(), answers, l.hiddenFields(), l.consents(), l.fieldErrors(),
                l.raw(), l.source());
    }
}
