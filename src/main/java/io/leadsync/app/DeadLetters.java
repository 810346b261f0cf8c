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
 * Leads the datastore refused, with the reason, kept so that none is lost and each can be replayed (LGF-112).
 * A later success for the same lead removes its dead letter.
 */
public final class DeadLetters {

    static final String TABLE = "lead_dead_letters";

    private final DataSource dataSource;

    public DeadLetters(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (lead_id VARCHAR(200) PRIMARY KEY, reason VARCHAR(4000), lead_json TEXT, failed_at TIMESTAMP, attempts INT)")) {
            ps.execute();
        }
    }

    /** Records (or re-records) a failed lead. */
    public void add(Lead lead, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE
                    + " SET reason = ?, lead_json = ?, failed_at = ?, attempts = attempts + 1 WHERE lead_id = ?")) {
                up.setString(1, truncate(reason));
                up.setString(2, LeadJson.toJson(lead));
                up.setTimestamp(3, Timestamp.from(Instant.now()));
                up.setString(4, lead.id());
                if (up.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO " + TABLE
                    + " (lead_id, reason, lead_json, failed_at, attempts) VALUES (?, ?, ?, ?, 1)")) {
                in.setString(1, lead.id());
                in.setString(2, truncate(reason));
                in.setString(3, LeadJson.toJson(lead));
                in.setTimestamp(4, Timestamp.from(Instant.now()));
                in.executeUpdate();
            }
        }
    }

    /** Forgets a lead that has now been stored. */
    public void remove(String leadId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE lead_id = ?")) {
            ps.setString(1, leadId);
            ps.executeUpdate();
        }
    }

    /** Every dead-lettered lead, oldest first, for a replay. */
    public List<Lead> all() throws SQLException {
        List<Lead> leads = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT lead_json FROM " + TABLE + " ORDER BY failed_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                leads.add(LeadJson.fromJson(rs.getString(1)));
            }
        }
        return leads;
    }

    /** How many leads wait in the dead-letter table. */
    public int count() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + TABLE);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String truncate(String reason) {
        return reason == null ? null : reason.length() > 4000 ? reason.substring(0, 4000) : reason;
    }
}
