package io.leadsync.camel.linkedin.ledger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.lead.LeadAction;
import io.leadsync.camel.linkedin.store.JdbcSupport;
import io.leadsync.camel.linkedin.store.SqlDialect;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The delivery ledger of one sink outside the database (Salesforce, an HTTP API, a queue): which leads it has
 * confirmed, and which it must never receive again because they were withdrawn. Shaped as Camel's
 * {@link IdempotentRepository}, keyed by {@link DeliveryKey} ({@code <leadId>:CREATED|DELETED}), so it serves both as
 * the component's {@code deliveryRepository} option and under Camel's Idempotent Consumer EIP.
 * <p>
 * One row per (sink, lead id) in {@code lead_delivery}, taken under a row lock, so two consumers (replicas, or the
 * push and the poll) never both admit a lead:
 * <ul>
 * <li>{@code CREATED} is admitted once; never after a {@code DELETED} of the same lead, even when the withdrawal
 * arrived first (LinkedIn requires withdrawn leads to stay deleted downstream).</li>
 * <li>{@code DELETED} is admitted once, whatever came before.</li>
 * <li>An admitted key that is neither confirmed nor removed within {@code inFlightLease} (the process died mid-way)
 * is admitted again.</li>
 * <li>{@link #remove} after a failed delivery forgets a {@code CREATED}, so a later read delivers it again, but keeps
 * the withdrawal of a {@code DELETED}, so only the {@code DELETED} itself is delivered again. A released key is not
 * confirmed by a completion that follows (an error handler that dead-letters a lead completes its exchange).</li>
 * </ul>
 * Works on H2 and PostgreSQL; creates its table on start.
 */
public class JdbcLeadDeliveryRepository extends ServiceSupport implements IdempotentRepository {

    /** The table every sink shares; rows are told apart by the sink name. */
    public static final String TABLE = "lead_delivery";
    /** How long an admitted, unconfirmed delivery counts as in flight by default. */
    public static final Duration DEFAULT_IN_FLIGHT_LEASE = Duration.ofMinutes(5);

    private static final String LIVE = LeadLedger.LIVE;
    private static final String WITHDRAWN = LeadLedger.WITHDRAWN;

    private final DataSource dataSource;
    private final String sink;
    private Duration inFlightLease = DEFAULT_IN_FLIGHT_LEASE;
    private Clock clock = Clock.systemUTC();
    private volatile SqlDialect dialect;

    /**
     * @param dataSource the database holding {@code lead_delivery} (the app's own, usually)
     * @param sink       the name of the sink this ledger speaks for, e.g. {@code salesforce}: each sink confirms
     *                   leads on its own
     */
    public JdbcLeadDeliveryRepository(DataSource dataSource, String sink) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (sink == null || sink.isBlank() || sink.length() > 100) {
            throw new IllegalArgumentException("The sink name must have 1 to 100 characters");
        }
        this.sink = sink;
    }

    /** How long an admitted delivery may stay unconfirmed before it is admitted again (default 5 minutes). */
    public void setInFlightLease(Duration inFlightLease) {
        if (inFlightLease == null || inFlightLease.isNegative() || inFlightLease.isZero()) {
            throw new IllegalArgumentException("inFlightLease must be positive");
        }
        this.inFlightLease = inFlightLease;
    }

    /** The clock deciding when an in-flight lease ends (tests move it). */
    public void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String getSink() {
        return sink;
    }

    @Override
    protected void doStart() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (sink VARCHAR(100) NOT NULL, lead_id VARCHAR(255) NOT NULL,"
                    + " state VARCHAR(16) NOT NULL, confirmed BOOLEAN NOT NULL, claimed_at TIMESTAMP, confirmed_at TIMESTAMP,"
                    + " PRIMARY KEY (sink, lead_id))");
        }
    }

    @Override
    public boolean add(String key) {
        DeliveryKey k = DeliveryKey.parse(key);
        return inTransaction(c -> {
            Row row = lockOrInsert(c, k);
            if (row.inserted()) {
                return true;
            }
            boolean inFlight = !row.confirmed() && row.claimedAt() != null && row.claimedAt().plus(inFlightLease).isAfter(now());
            if (k.action() == LeadAction.CREATED) {
                if (WITHDRAWN.equals(row.state()) || row.confirmed() || inFlight) {
                    return false;
                }
                update(c, k, LIVE);
                return true;
            }
            if (WITHDRAWN.equals(row.state()) && (row.confirmed() || inFlight)) {
                return false;
            }
            update(c, k, WITHDRAWN);
            return true;
        });
    }

    @Override
    public boolean contains(String key) {
        DeliveryKey k = DeliveryKey.parse(key);
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, confirmed FROM " + TABLE + " WHERE sink = ? AND lead_id = ?")) {
                ps.setString(1, sink);
                ps.setString(2, k.leadId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    boolean withdrawn = WITHDRAWN.equals(rs.getString(1));
                    return k.action() == LeadAction.CREATED ? withdrawn || rs.getBoolean(2) : withdrawn && rs.getBoolean(2);
                }
            }
        });
    }

    @Override
    public boolean remove(String key) {
        DeliveryKey k = DeliveryKey.parse(key);
        return inTransaction(c -> {
            String sql = k.action() == LeadAction.CREATED
                    ? "DELETE FROM " + TABLE + " WHERE sink = ? AND lead_id = ? AND state = '" + LIVE + "' AND confirmed = FALSE"
                    // the withdrawal stays known: only the DELETED delivery itself is to be tried again
                    : "UPDATE " + TABLE + " SET claimed_at = NULL WHERE sink = ? AND lead_id = ? AND state = '" + WITHDRAWN + "' AND confirmed = FALSE";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sink);
                ps.setString(2, k.leadId());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean confirm(String key) {
        DeliveryKey k = DeliveryKey.parse(key);
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET confirmed = TRUE, confirmed_at = ?"
                    + " WHERE sink = ? AND lead_id = ? AND state = ? AND claimed_at IS NOT NULL")) {
                ps.setTimestamp(1, Timestamp.from(now()));
                ps.setString(2, sink);
                ps.setString(3, k.leadId());
                ps.setString(4, k.action() == LeadAction.CREATED ? LIVE : WITHDRAWN);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Forgets every lead of this sink (not the other sinks'): the next read delivers everything again. */
    @Override
    public void clear() {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE sink = ?")) {
                ps.setString(1, sink);
                return ps.executeUpdate();
            }
        });
    }

    private record Row(String state, boolean confirmed, Instant claimedAt, boolean inserted) {
    }

    // SELECT … FOR UPDATE first; when absent, insert (the loser of an insert race waits for the winner's commit,
    // then locks its row), so that the decision in add() is made on a locked, committed row.
    private Row lockOrInsert(Connection c, DeliveryKey k) throws SQLException {
        Row row = lock(c, k);
        if (row != null) {
            return row;
        }
        String state = k.action() == LeadAction.CREATED ? LIVE : WITHDRAWN;
        String insert = "INSERT INTO " + TABLE + " (sink, lead_id, state, confirmed, claimed_at) VALUES (?, ?, ?, FALSE, ?)"
                + (dialect(c) == SqlDialect.POSTGRESQL ? " ON CONFLICT (sink, lead_id) DO NOTHING" : "");
        int inserted;
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, sink);
            ps.setString(2, k.leadId());
            ps.setString(3, state);
            ps.setTimestamp(4, Timestamp.from(now()));
            inserted = ps.executeUpdate();
        } catch (SQLException e) {
            // H2: a concurrent insert of the same key fails this statement alone (23505) and keeps the transaction
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            inserted = 0;
        }
        if (inserted == 1) {
            return new Row(state, false, now(), true);
        }
        return Objects.requireNonNull(lock(c, k), "lead_delivery row vanished under its lock");
    }

    private Row lock(Connection c, DeliveryKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state, confirmed, claimed_at FROM " + TABLE
                + " WHERE sink = ? AND lead_id = ? FOR UPDATE")) {
            ps.setString(1, sink);
            ps.setString(2, k.leadId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp claimed = rs.getTimestamp(3);
                return new Row(rs.getString(1), rs.getBoolean(2), claimed == null ? null : claimed.toInstant(), false);
            }
        }
    }

    private void update(Connection c, DeliveryKey k, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET state = ?, confirmed = FALSE, claimed_at = ?,"
                + " confirmed_at = NULL WHERE sink = ? AND lead_id = ?")) {
            ps.setString(1, state);
            ps.setTimestamp(2, Timestamp.from(now()));
            ps.setString(3, sink);
            ps.setString(4, k.leadId());
            ps.executeUpdate();
        }
    }

    private SqlDialect dialect(Connection c) throws SQLException {
        SqlDialect d = dialect;
        if (d == null) {
            DatabaseMetaData metaData = c.getMetaData();
            d = SqlDialect.detect(metaData);
            dialect = d;
        }
        return d;
    }

    private Instant now() {
        return clock.instant();
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return JdbcSupport.inTransaction(c, () -> work.run(c));
        } catch (SQLException e) {
            throw new RuntimeCamelException("The lead delivery ledger of sink '" + sink + "' failed (SQLState " + e.getSQLState()
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcLeadDeliveryRepository[sink=" + sink + ", inFlightLease=" + inFlightLease + "]";
    }
}
