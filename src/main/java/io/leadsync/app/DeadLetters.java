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
 */
public final class DeadLetters {

    static final String TABLE = "lead_dead_letters";

    private final DataSource dataSource;
    private final String sink;

    public DeadLetters(DataSource dataSource, String sink) throws SQLException {
        this.dataSource = dataSource;
        this.sink = sink;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (sink VARCHAR(40) NOT NULL, lead_id VARCHAR(200) NOT NULL, reason VARCHAR(4000), lead_json TEXT, failed_at TIMESTAMP,"
                + " attempts INT, PRIMARY KEY (sink, lead_id))")) {
            ps.execute();
        }
    }

    /** Records (or re-records) a failed lead. */
    public void add(Lead lead, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE
                    + " SET reason = ?, lead_json = ?, failed_at = ?, attempts = attempts + 1 WHERE sink = ? AND lead_id = ?")) {
                up.setString(1, truncate(reason));
                up.setString(2, LeadJson.toJson(lead));
                up.setTimestamp(3, Timestamp.from(Instant.now()));
                up.setString(4, sink);
                up.setString(5, lead.id());
                if (up.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO " + TABLE
                    + " (sink, lead_id, reason, lead_json, failed_at, attempts) VALUES (?, ?, ?, ?, ?, 1)")) {
                in.setString(1, sink);
                in.setString(2, lead.id());
                in.setString(3, truncate(reason));
                in.setString(4, LeadJson.toJson(lead));
                in.setTimestamp(5, Timestamp.from(Instant.now()));
                in.executeUpdate();
            }
        }
    }

    /** Forgets the leads of one page that have now been stored, in one statement (no round trip per lead). */
    public void removeAll(java.util.Collection<String> leadIds) throws SQLException {
        if (leadIds.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(leadIds.size(), "?"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE sink = ? AND lead_id IN (" + marks + ")")) {
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
        try (Connection c = dataSource.getConnection();
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
        try (Connection c = dataSource.getConnection();
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
