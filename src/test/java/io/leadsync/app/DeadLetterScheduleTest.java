package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.store.StoreResult;
import io.leadsync.testing.MutableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Dead letters are replayed on a schedule with a backoff per dead letter, kept in the table (attempts, next_attempt_at). */
class DeadLetterScheduleTest {

    @Test
    void aDeadLetterIsReplayedWhenDueWithAWaitThatDoublesAndIsStoredOnceTheCauseIsGone() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:dead-letters-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        MutableClock clock = new MutableClock(Instant.now());
        LeadStoreSink sink = new LeadStoreSink(database, null, clock);
        sink.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        Lead lead = LeadFixtures.normalizedPage().get(0);
        execute(database, "ALTER TABLE leads_form_7234246 ADD CONSTRAINT refuse_all CHECK (lead_id = 'none')");

        assertThat(sink.store(List.of(lead))).extracting(StoreResult::status).containsExactly(StoreResult.Status.FAILED);
        assertThat(sink.deadLetterCount()).isEqualTo(1);
        assertThat(sink.replayDue()).as("not due before a minute").isEmpty();

        clock.advance(Duration.ofSeconds(61));
        assertThat(sink.replayDue()).extracting(StoreResult::status).containsExactly(StoreResult.Status.FAILED);
        assertThat(number(database, "SELECT attempts FROM lead_dead_letters")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        assertThat(sink.replayDue()).as("the second wait is two minutes").isEmpty();

        execute(database, "ALTER TABLE leads_form_7234246 DROP CONSTRAINT refuse_all");
        clock.advance(Duration.ofSeconds(60));
        assertThat(sink.replayDue()).extracting(StoreResult::status).containsExactly(StoreResult.Status.STORED);
        assertThat(sink.deadLetterCount()).isZero();
        assertThat(sink.count(LeadFixtures.FORM_ID)).isEqualTo(1);
        assertThat(text(database, "SELECT last_source FROM lead_ledger WHERE lead_id = '" + lead.id() + "'")).isEqualTo("REPLAY");
        assertThat(sink.replayDue()).isEmpty();
    }

    @Test
    void theWaitDoublesUpToSixHours() {
        assertThat(DeadLetters.retryAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DeadLetters.retryAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DeadLetters.retryAfter(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(DeadLetters.retryAfter(30)).isEqualTo(Duration.ofHours(6));
    }

    private static void execute(JdbcDataSource database, String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long number(JdbcDataSource database, String sql) throws Exception {
        return Long.parseLong(text(database, sql));
    }

    private static String text(JdbcDataSource database, String sql) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
