package io.leadsync.camel.linkedin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.leadsync.camel.linkedin.store.SqlDialect;
import io.leadsync.camel.linkedin.store.WriteSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeadLedger#lock} on an H2 file database, a page at a time: what it relies on in H2 (a failed multi-row insert
 * leaves none of its rows and keeps the transaction, where a batch would keep some), and that it waits for a writer
 * inserting or holding the same leads and then takes each lead as that writer left it.
 */
class LeadLedgerH2LockTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 1, 15, 10, 0);
    private static final SqlDialect H2 = SqlDialect.H2;

    @TempDir
    Path dir;

    private JdbcDataSource dataSource;

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0");
        try (Connection c = dataSource.getConnection()) {
            LeadLedger.ensure(c, H2, NOW, NOW.plusDays(400));
        }
    }

    @Test
    void aMultiRowInsertHitting23505LeavesNoneOfItsRowsAndKeepsTheTransactionWhereABatchKeepsTheOthers() throws SQLException {
        commit(live("b"));
        try (Connection c = transaction()) {
            LeadLedger.lock(c, H2, List.of(live("a")));
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate(insert("c") + ", " + row("b") + ", " + row("d")))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
                assertThat(ids(c)).containsExactly("a", "b");

                s.addBatch(insert("c"));
                s.addBatch(insert("b"));
                s.addBatch(insert("d"));
                assertThatThrownBy(s::executeBatch).isInstanceOf(BatchUpdateException.class);
                assertThat(ids(c)).containsExactly("a", "b", "c", "d");
            }
        }
    }

    @Test
    void aPageWaitsForAWriterInsertingOneOfItsLeadsAndLocksTheRowThatWriterCommitted() throws Exception {
        commit(live("a"));
        try (Connection other = transaction(); Connection page = transaction()) {
            LeadLedger.lock(other, H2, List.of(withdrawn("b")));
            CompletableFuture<Map<String, LeadLedger.Entry>> locked = CompletableFuture.supplyAsync(() -> lock(page, "a", "b", "c"));
            waitsFor(locked);
            other.commit();

            Map<String, LeadLedger.Entry> entries = locked.get(10, TimeUnit.SECONDS);
            assertThat(entries.get("a").inserted()).isFalse();
            assertThat(entries.get("b").inserted()).isFalse();
            assertThat(entries.get("b").blocks(NOW)).as("the other writer's withdrawal").isTrue();
            assertThat(entries.get("c").inserted()).isTrue();
            page.commit();
        }
        assertThat(states()).containsExactly("a LIVE", "b WITHDRAWN", "c LIVE");
    }

    @Test
    void aPageWaitingForAWriterThatRollsBackInsertsTheLeadItself() throws Exception {
        try (Connection other = transaction(); Connection page = transaction()) {
            LeadLedger.lock(other, H2, List.of(withdrawn("b")));
            CompletableFuture<Map<String, LeadLedger.Entry>> locked = CompletableFuture.supplyAsync(() -> lock(page, "a", "b"));
            waitsFor(locked);
            other.rollback();

            assertThat(locked.get(10, TimeUnit.SECONDS).values()).allSatisfy(e -> assertThat(e.inserted()).isTrue());
            page.commit();
        }
        assertThat(states()).containsExactly("a LIVE", "b LIVE");
    }

    @Test
    void aPageWaitsForAWriterHoldingAnExistingLeadAndReadsItsCommittedWithdrawal() throws Exception {
        commit(live("a"), live("b"));
        try (Connection other = transaction(); Connection page = transaction()) {
            assertThat(LeadLedger.lock(other, H2, List.of(withdrawn("b"))).get("b").inserted()).isFalse();
            LeadLedger.markWithdrawn(other, H2, withdrawn("b"));
            CompletableFuture<Map<String, LeadLedger.Entry>> locked = CompletableFuture.supplyAsync(() -> lock(page, "a", "b", "c"));
            waitsFor(locked);
            other.commit();

            Map<String, LeadLedger.Entry> entries = locked.get(10, TimeUnit.SECONDS);
            assertThat(entries.get("b").blocks(NOW)).isTrue();
            assertThat(entries.get("c").inserted()).isTrue();
            page.commit();
        }
        assertThat(states()).containsExactly("a LIVE", "b WITHDRAWN", "c LIVE");
    }

    @Test
    void aPageLargerThanOneStatementLocksAndInsertsEveryLead() throws SQLException {
        List<LeadLedger.Intent> first = new ArrayList<>();
        List<LeadLedger.Intent> all = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            LeadLedger.Intent intent = live(String.format("lead-%03d", i));
            all.add(intent);
            if (i % 3 == 0) {
                first.add(intent);
            }
        }
        commit(first.toArray(LeadLedger.Intent[]::new));
        try (Connection c = transaction()) {
            Map<String, LeadLedger.Entry> entries = LeadLedger.lock(c, H2, all);
            c.commit();
            assertThat(entries).hasSize(450);
            assertThat(entries.values().stream().filter(LeadLedger.Entry::inserted)).hasSize(300);
        }
        assertThat(states()).hasSize(450);
    }

    private static void waitsFor(CompletableFuture<?> locked) throws InterruptedException {
        Thread.sleep(300);
        assertThat(locked).as("waits for the other writer").isNotDone();
    }

    private Map<String, LeadLedger.Entry> lock(Connection page, String... ids) {
        List<LeadLedger.Intent> intents = new ArrayList<>();
        for (String id : ids) {
            intents.add(live(id));
        }
        try {
            return LeadLedger.lock(page, H2, intents);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void commit(LeadLedger.Intent... intents) throws SQLException {
        try (Connection c = transaction()) {
            LeadLedger.lock(c, H2, List.of(intents));
            c.commit();
        }
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static LeadLedger.Intent live(String id) {
        return new LeadLedger.Intent(id, LeadLedger.LIVE, 7L, 3L, WriteSource.POLL, NOW, null);
    }

    private static LeadLedger.Intent withdrawn(String id) {
        return new LeadLedger.Intent(id, LeadLedger.WITHDRAWN, 7L, 3L, WriteSource.PUSH, NOW, NOW.plusDays(400));
    }

    private static String insert(String id) {
        return "INSERT INTO lead_ledger (lead_id, state, first_seen_at, last_seen_at, last_source) VALUES " + row(id);
    }

    private static String row(String id) {
        return "('" + id + "', 'LIVE', TIMESTAMP '2026-01-15 10:00:00', TIMESTAMP '2026-01-15 10:00:00', 'POLL')";
    }

    private static List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT lead_id FROM lead_ledger ORDER BY lead_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private List<String> states() throws SQLException {
        List<String> states = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT lead_id, state FROM lead_ledger ORDER BY lead_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                states.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return states;
    }
}
