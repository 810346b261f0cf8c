package io.leadsync.camel.linkedin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery rules of a sink outside the database, on each database the app supports. */
abstract class JdbcLeadDeliveryRepositoryContract {

    private final List<JdbcLeadDeliveryRepository> started = new ArrayList<>();
    private DataSource dataSource;
    private JdbcLeadDeliveryRepository salesforce;

    abstract DataSource emptyDatabase() throws SQLException;

    @BeforeEach
    void start() throws Exception {
        dataSource = emptyDatabase();
        salesforce = repository("salesforce");
    }

    @AfterEach
    void stop() {
        started.forEach(JdbcLeadDeliveryRepository::stop);
    }

    private JdbcLeadDeliveryRepository repository(String sink) {
        JdbcLeadDeliveryRepository repository = new JdbcLeadDeliveryRepository(dataSource, sink);
        repository.start();
        started.add(repository);
        return repository;
    }

    @Test
    void aCreatedLeadIsDeliveredOnceWhateverPathReadsItAgain() {
        assertThat(salesforce.add("L1:CREATED")).isTrue();
        assertThat(salesforce.add("L1:CREATED")).as("in flight: the push and the poll never both deliver").isFalse();
        assertThat(salesforce.confirm("L1:CREATED")).isTrue();
        assertThat(salesforce.add("L1:CREATED")).as("delivered").isFalse();
        assertThat(salesforce.contains("L1:CREATED")).isTrue();
        assertThat(row("salesforce", "L1")).isEqualTo("LIVE confirmed");
    }

    @Test
    void aWithdrawnLeadIsNeverDeliveredAgainAndItsDeleteGoesOutOnce() {
        salesforce.add("L1:CREATED");
        salesforce.confirm("L1:CREATED");

        assertThat(salesforce.add("L1:DELETED")).isTrue();
        assertThat(salesforce.confirm("L1:DELETED")).isTrue();
        assertThat(salesforce.add("L1:DELETED")).as("the delete went out already").isFalse();
        assertThat(salesforce.add("L1:CREATED")).as("a late poll page or a replayed push").isFalse();
        assertThat(salesforce.contains("L1:CREATED")).isTrue();
        assertThat(row("salesforce", "L1")).isEqualTo("WITHDRAWN confirmed");
    }

    @Test
    void aDeleteArrivingBeforeItsCreateBlocksTheCreate() {
        assertThat(salesforce.add("L2:DELETED")).isTrue();
        assertThat(salesforce.add("L2:CREATED")).as("withdrawn before it was ever delivered").isFalse();
        salesforce.confirm("L2:DELETED");
        assertThat(salesforce.add("L2:CREATED")).isFalse();
    }

    @Test
    void aFailedCreateIsForgottenButAFailedDeleteKeepsTheWithdrawal() {
        salesforce.add("L1:CREATED");
        assertThat(salesforce.remove("L1:CREATED")).isTrue();
        assertThat(row("salesforce", "L1")).as("nothing left: the next read delivers it").isNull();
        assertThat(salesforce.add("L1:CREATED")).isTrue();
        salesforce.confirm("L1:CREATED");

        salesforce.add("L1:DELETED");
        assertThat(salesforce.remove("L1:DELETED")).isTrue();
        assertThat(salesforce.add("L1:CREATED")).as("still withdrawn after the failed delete").isFalse();
        assertThat(salesforce.add("L1:DELETED")).as("the delete is tried again").isTrue();
    }

    @Test
    void aDeliveryLeftInFlightByADeadProcessIsAdmittedAgainAfterItsLease() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
        salesforce.setClock(clock);
        salesforce.setInFlightLease(Duration.ofMinutes(5));
        salesforce.add("L1:CREATED");

        clock.advance(Duration.ofMinutes(4));
        assertThat(salesforce.add("L1:CREATED")).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(salesforce.add("L1:CREATED")).as("the first delivery was never confirmed").isTrue();
        salesforce.confirm("L1:CREATED");
        clock.advance(Duration.ofDays(30));
        assertThat(salesforce.add("L1:CREATED")).as("a confirmed delivery has no lease").isFalse();
    }

    @Test
    void eachSinkConfirmsOnItsOwn() {
        JdbcLeadDeliveryRepository crm = repository("crm");
        salesforce.add("L1:CREATED");
        salesforce.confirm("L1:CREATED");

        assertThat(crm.add("L1:CREATED")).isTrue();
        crm.clear();
        assertThat(row("crm", "L1")).isNull();
        assertThat(row("salesforce", "L1")).as("clear() forgets one sink only").isEqualTo("LIVE confirmed");
    }

    @Test
    void writersRacingOnOneLeadAdmitItOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            String lead = "R" + round;
            int writers = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    // separate repositories, as separate replicas would have
                    JdbcLeadDeliveryRepository replica = w == 0 ? salesforce : repository("salesforce");
                    String action = w % 4 == 3 ? "DELETED" : "CREATED";
                    Callable<Boolean> add = () -> {
                        go.await();
                        return replica.add(lead + ":" + action) && action.equals("CREATED");
                    };
                    results.add(pool.submit(add));
                }
                go.countDown();
                long createsAdmitted = 0;
                for (Future<Boolean> result : results) {
                    createsAdmitted += result.get() ? 1 : 0;
                }
                assertThat(createsAdmitted).as("round %d", round).isLessThanOrEqualTo(1);
                assertThat(row("salesforce", lead)).as("a delete was among the writers").startsWith("WITHDRAWN");
                assertThat(salesforce.add(lead + ":CREATED")).isFalse();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aKeyThatIsNotALeadDeliveryIsRefusedByName() {
        assertThatThrownBy(() -> salesforce.add("L1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a lead delivery key (expected <leadId>:CREATED or <leadId>:DELETED): L1");
        assertThatThrownBy(() -> salesforce.add("L1:UPDATED")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a lead delivery key (the action must be CREATED or DELETED, got 'UPDATED')");
        assertThat(DeliveryKey.parse("urn:li:leadFormResponse:abc:DELETED").leadId()).isEqualTo("urn:li:leadFormResponse:abc");
    }

    private String row(String sink, String leadId) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT state, confirmed FROM lead_delivery WHERE sink = '" + sink + "' AND lead_id = '" + leadId + "'")) {
            return rs.next() ? rs.getString(1) + (rs.getBoolean(2) ? " confirmed" : " pending") : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
