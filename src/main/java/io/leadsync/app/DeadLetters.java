package io.leadsync.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadJson;

/**
 * Leads a sink (the database, Salesforce …) refused, with the reason, kept so that none is lost and each can be
 * replayed (LGF-112). One table for every sink, keyed by sink and lead id: a later success of the same sink removes the
 * dead letter, and one sink's success never erases another's failure.
 * <p>
 * Each dead letter counts its attempts and is due again ({@code next_attempt_at}) one minute after its first failure,
 * the wait doubling with each failed replay up to six hours ({@link #due}), so a scheduled replay retries a
 * transient cause soon and a lasting one rarely.
 */
public final class DeadLetters {

    static final String TABLE = "lead_dead_letters";

    /** The wait before a dead letter's first automatic replay; it doubles with each failed one. */
    static final java.time.Duration FIRST_RETRY = java.time.Duration.ofMinutes(1);
    /** The longest wait between two automatic replays of a dead letter. */
    static final java.time.Duration MAX_RETRY = java.time.Duration.ofHours(6);

    private final DataSource dataSource;
    private final String sink;
    private final java.time.Clock clock;
    private volatile boolean tableChecked;

    public DeadLetters(DataSource dataSource, String sink) {
        this(dataSource, sink, java.time.Clock.systemUTC());
    }

    /** As {@link #DeadLetters(DataSource, String)}, with the clock of the failure times and the replay schedule. */
    public DeadLetters(DataSource dataSource, String sink, java.time.Clock clock) {
        this.dataSource = dataSource;
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * Creates the table when it is missing. The app runs it while the database opens at start (beside camel-main's
     * configuration, not on its thread, and before the console can read the table); this class also runs it before
     * its own first statement.
     */
    public static void createTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (sink VARCHAR(40) NOT NULL, lead_id VARCHAR(200) NOT NULL, reason VARCHAR(4000),"
                    + " lead_json TEXT, failed_at TIMESTAMP, attempts INT, next_attempt_at TIMESTAMP, PRIMARY KEY (sink, lead_id))");
            // a table from before the replay schedule: its dead letters are due at once
            s.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS next_attempt_at TIMESTAMP");
        }
    }

    private Connection connection() throws SQLException {
        if (!tableChecked) {
            synchronized (this) {
                if (!tableChecked) {
                    createTable(dataSource);
                    tableChecked = true;
                }
            }
        }
        return dataSource.getConnection();
    }

    /** Records (or re-records) a failed lead; it is due for an automatic replay after a wait that doubles with each failure. */
    public void add(Lead lead, String reason) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = connection()) {
            int attempts = 0;
            try (PreparedStatement read = c.prepareStatement("SELECT attempts FROM " + TABLE + " WHERE sink = ? AND lead_id = ?")) {
                read.setString(1, sink);
                read.setString(2, lead.id());
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        attempts = Math.max(rs.getInt(1), 1);
                    }
                }
            }
            Timestamp next = Timestamp.from(now.plus(retryAfter(attempts + 1)));
            if (attempts > 0) {
                try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE
                        + " SET reason = ?, lead_json = ?, failed_at = ?, attempts = ?, next_attempt_at = ? WHERE sink = ? AND lead_id = ?")) {
                    up.setString(1, truncate(reason));
                    up.setString(2, LeadJson.toJson(lead));
                    up.setTimestamp(3, Timestamp.from(now));
                    up.setInt(4, attempts + 1);
                    up.setTimestamp(5, next);
                    up.setString(6, sink);
                    up.setString(7, lead.id());
                    if (up.executeUpdate() > 0) {
                        return;
                    }
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO " + TABLE
                    + " (sink, lead_id, reason, lead_json, failed_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, 1, ?)")) {
                in.setString(1, sink);
                in.setString(2, lead.id());
                in.setString(3, truncate(reason));
                in.setString(4, LeadJson.toJson(lead));
                in.setTimestamp(5, Timestamp.from(now));
                in.setTimestamp(6, Timestamp.from(now.plus(retryAfter(1))));
                in.executeUpdate();
            }
        }
    }

    /** The wait after a dead letter's {@code attempts}-th failure: one minute, doubling, at most six hours. */
    static java.time.Duration retryAfter(int attempts) {
        java.time.Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    /** The dead-lettered leads due for an automatic replay now, oldest first. */
    public List<Lead> due() throws SQLException {
        List<Lead> leads = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT lead_json FROM " + TABLE
                + " WHERE sink = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY failed_at")) {
            ps.setString(1, sink);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leads.add(LeadJson.fromJson(rs.getString(1)));
                }
            }
        }
        return leads;
    }

    /**
     * Forgets the leads of one page that have now been stored, in one statement (no round trip per lead). When this
     * sink has no dead letter at all, which is the usual case, it costs one indexed probe and no write: another
     * replica may have added one meanwhile, so the table is asked rather than a flag of this process.
     */
    public void removeAll(java.util.Collection<String> leadIds) throws SQLException {
        if (leadIds.isEmpty()) {
            return;
        }
        try (Connection c = connection()) {
            if (!anyFor(c)) {
                return;
            }
            remove(c, leadIds);
        }
    }

    private boolean anyFor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE sink = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, sink);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void remove(Connection c, java.util.Collection<String> leadIds) throws SQLException {
        String marks = String.join(",", java.util.Collections.nCopies(leadIds.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE sink = ? AND lead_id IN (" + marks + ")")) {
            ps.setString(1, sink);
            int i = 2;
            for (String id : leadIds) {
                ps.setString(i++, id);
            }
            ps.executeUpdate();
        }
    }

    /** Forgets one lead this sink has now delivered. */
    public void forget(String leadId) throws SQLException {
        removeAll(java.util.List.of(leadId));
    }

    /** The answer of a replay: how many were sent again, how many still wait. */
    public java.util.Map<String, Object> replayAnswer(int replayed) throws SQLException {
        return java.util.Map.of("replayed", replayed, "deadLetters", count());
    }

    /** Every dead-lettered lead, oldest first, for a replay. */
    public List<Lead> all() throws SQLException {
        List<Lead> leads = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT lead_json FROM " + TABLE + " WHERE sink = ? ORDER BY failed_at")) {
            ps.setString(1, sink);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                leads.add(LeadJson.fromJson(rs.getString(1)));
            }
        }
        return leads;
    }

    /** How many leads of this sink wait in the dead-letter table. */
    public int count() throws SQLException {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE sink = ?")) {
            ps.setString(1, sink);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String truncate(String reason) {
        return reason == null ? null : reason.length() > 4000 ? reason.substring(0, 4000) : reason;
    }
}
