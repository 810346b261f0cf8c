package io.leadsync.camel.linkedin.inbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import io.leadsync.camel.linkedin.store.JdbcSupport;
import io.leadsync.camel.linkedin.store.SqlDialect;

/**
 * The webhook inbox in a table of a JDBC database (H2 or PostgreSQL), {@code lead_webhook_inbox}: one row per
 * (lead id, action) with the notification, when it first arrived, the attempts so far, when it is due next and the
 * last reason it is not done. A delivery's rows are inserted in one transaction (insert-if-absent: a repeat of a
 * pending pair changes nothing), so an answer sent after {@link #add} returned is backed by committed rows. Several
 * replicas may share the table: a row is claimed by moving its due time past a lease, so only one worker takes it, and
 * a worker that dies leaves it due again when the lease ends. On PostgreSQL the claim is one {@code UPDATE} of the
 * rows a {@code SELECT … FOR UPDATE SKIP LOCKED} picked, so concurrent workers take disjoint batches; on H2 it is a
 * conditional update per row (the due time it read must still be there).
 */
public final class JdbcWebhookInbox implements WebhookInbox {

    /** The table. */
    public static final String TABLE = "lead_webhook_inbox";
    private static final int MAX_ERROR_LENGTH = 1000;

    private final DataSource dataSource;
    private volatile SqlDialect dialect;

    /** An inbox in {@code dataSource}; the table is created on first use. */
    public JdbcWebhookInbox(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void add(List<LeadActionNotification> notifications, Instant now) throws SQLException {
        try (Connection c = connection()) {
            JdbcSupport.inTransaction(c, () -> {
                try (PreparedStatement insert = c.prepareStatement(insertIfAbsent())) {
                    for (LeadActionNotification n : notifications) {
                        insert.setString(1, n.leadId());
                        insert.setString(2, n.leadAction());
                        insert.setString(3, json(n));
                        insert.setObject(4, utc(now));
                        insert.setObject(5, utc(now));
                        try {
                            insert.executeUpdate();
                        } catch (SQLException e) {
                            // H2: the same pair inserted at this moment by another delivery (H2 keeps the transaction)
                            if (dialect != SqlDialect.H2 || !"23505".equals(e.getSQLState())) {
                                throw e;
                            }
                        }
                    }
                }
                return null;
            });
        }
    }

    @Override
    public List<InboxEntry> claimDue(int max, Instant now, Duration lease) throws SQLException {
        try (Connection c = connection()) {
            if (dialect == SqlDialect.POSTGRESQL) {
                return claimSkippingLocked(c, max, now, lease);
            }
            // each row's claim commits alone (auto-commit): in one transaction, two workers whose candidate lists
            // overlap can each hold a row the other waits for, which H2 reports as a deadlock
            List<InboxEntry> claimed = claimEachRow(c, max, now, lease);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return claimed;
        }
    }

    private List<InboxEntry> claimEachRow(Connection c, int max, Instant now, Duration lease) throws SQLException {
        List<InboxEntry> claimed = new ArrayList<>();
        List<Object[]> candidates = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT lead_id, lead_action, notification, received_at, attempts, next_attempt_at FROM "
                + TABLE + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at, received_at LIMIT ?")) {
            select.setObject(1, utc(now));
            select.setInt(2, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDateTime.class),
                            rs.getInt(5), rs.getObject(6, LocalDateTime.class)});
                }
            }
        }
        try (PreparedStatement claim = c.prepareStatement("UPDATE " + TABLE + " SET next_attempt_at = ?, attempts = attempts + 1 WHERE lead_id = ?"
                + " AND lead_action = ? AND next_attempt_at = ?")) {
            for (Object[] row : candidates) {
                claim.setObject(1, utc(now.plus(lease)));
                claim.setString(2, (String) row[0]);
                claim.setString(3, (String) row[1]);
                claim.setObject(4, row[5]);
                if (claim.executeUpdate() == 1) {
                    claimed.add(new InboxEntry((String) row[0], (String) row[1], notification((String) row[2]),
                            ((LocalDateTime) row[3]).toInstant(ZoneOffset.UTC), (Integer) row[4] + 1));
                }
            }
        }
        return claimed;
    }

    /*
     * One statement: the due rows another worker is claiming right now are locked by it and skipped, so concurrent
     * workers take disjoint batches instead of racing for the same rows (the conditional update would let only one
     * win each row, and the losers come back with short batches).
     */
    private List<InboxEntry> claimSkippingLocked(Connection c, int max, Instant now, Duration lease) throws SQLException {
        List<InboxEntry> claimed = new ArrayList<>();
        try (PreparedStatement claim = c.prepareStatement("UPDATE " + TABLE + " SET next_attempt_at = ?, attempts = attempts + 1"
                + " WHERE (lead_id, lead_action) IN (SELECT lead_id, lead_action FROM " + TABLE + " WHERE next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, received_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING lead_id, lead_action, notification, received_at, attempts")) {
            claim.setObject(1, utc(now.plus(lease)));
            claim.setObject(2, utc(now));
            claim.setInt(3, max);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new InboxEntry(rs.getString(1), rs.getString(2), notification(rs.getString(3)),
                            rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getInt(5)));
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        claimed.sort(java.util.Comparator.comparing(InboxEntry::receivedAt));
        return claimed;
    }

    @Override
    public void complete(Collection<InboxEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = connection()) {
            JdbcSupport.inTransaction(c, () -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE lead_id = ? AND lead_action = ?")) {
                    for (InboxEntry entry : entries) {
                        delete.setString(1, entry.leadId());
                        delete.setString(2, entry.action());
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                return null;
            });
        }
    }

    @Override
    public void retryAt(InboxEntry entry, Instant next, String reason) throws SQLException {
        try (Connection c = connection();
             PreparedStatement update = c.prepareStatement("UPDATE " + TABLE + " SET next_attempt_at = ?, last_error = ? WHERE lead_id = ? AND lead_action = ?")) {
            update.setObject(1, utc(next));
            update.setString(2, reason == null ? null : reason.length() <= MAX_ERROR_LENGTH ? reason : reason.substring(0, MAX_ERROR_LENGTH));
            update.setString(3, entry.leadId());
            update.setString(4, entry.action());
            update.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Override
    public InboxStatus status(Instant now) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(received_at) FROM " + TABLE)) {
            rs.next();
            long depth = rs.getLong(1);
            LocalDateTime oldest = rs.getObject(2, LocalDateTime.class);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(ZoneOffset.UTC), now);
            return new InboxStatus(depth, age.isNegative() ? Duration.ZERO : age);
        }
    }

    /** {@link #status} now, as a map for a JSON status page: {@code depth}, {@code oldestPendingSeconds}. */
    public Map<String, Object> statusReport() throws SQLException {
        InboxStatus status = status(Instant.now());
        return Map.of("depth", status.depth(), "oldestPendingSeconds", status.oldestPendingAge().toSeconds());
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (dialect == null) {
                SqlDialect d = SqlDialect.detect(c.getMetaData());
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (lead_id VARCHAR(255) NOT NULL, lead_action VARCHAR(16) NOT NULL,"
                            + " notification VARCHAR(8000) NOT NULL, received_at TIMESTAMP NOT NULL, attempts INT NOT NULL,"
                            + " next_attempt_at TIMESTAMP NOT NULL, last_error VARCHAR(" + MAX_ERROR_LENGTH + "), PRIMARY KEY (lead_id, lead_action))");
                    s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_next_attempt_at ON " + TABLE + " (next_attempt_at)");
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                dialect = d;
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private String insertIfAbsent() {
        if (dialect == SqlDialect.POSTGRESQL) {
            return "INSERT INTO " + TABLE + " (lead_id, lead_action, notification, received_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, 0, ?)"
                   + " ON CONFLICT (lead_id, lead_action) DO NOTHING";
        }
        return "MERGE INTO " + TABLE + " t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(8000)),"
               + " CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))) v(lead_id, lead_action, notification, received_at, next_attempt_at)"
               + " ON t.lead_id = v.lead_id AND t.lead_action = v.lead_action WHEN NOT MATCHED THEN INSERT (lead_id, lead_action,"
               + " notification, received_at, attempts, next_attempt_at) VALUES (v.lead_id, v.lead_action, v.notification, v.received_at, 0,"
               + " v.next_attempt_at)";
    }

    private static String json(LeadActionNotification n) {
        return new String(LinkedInJson.write(n), StandardCharsets.UTF_8);
    }

    private static LeadActionNotification notification(String json) {
        // a row this class wrote: unreadable only if the table was edited by hand, which the error then names
        return LinkedInJson.read(json.getBytes(StandardCharsets.UTF_8), LeadActionNotification.class);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
