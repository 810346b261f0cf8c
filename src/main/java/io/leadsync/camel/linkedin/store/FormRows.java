package io.leadsync.camel.linkedin.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.leadsync.camel.linkedin.lead.Lead;

/**
 * Writes a page's rows of one form table, one batch per statement. On H2 the leads whose ledger row the transaction
 * has just created are inserted: H2's {@code MERGE … KEY} first tries an {@code UPDATE}, an index look-up per lead that
 * a new lead never needs. Should such a row exist all the same (the table written by something other than the store),
 * its insert fails alone, since H2 goes on with the rest of a batch, and the row is merged like the others.
 * PostgreSQL upserts every row: {@code INSERT … ON CONFLICT} costs no more than an insert there, and a failed
 * statement would abort the transaction.
 */
final class FormRows {

    private FormRows() {
    }

    /**
     * Inserts {@code created} (on H2; upserts them elsewhere), then upserts {@code others}, which may repeat leads of
     * {@code created} (a lead twice in one page: the later one wins).
     */
    static void write(Connection connection, SqlDialect d, FormTable table, List<Lead> created, List<Lead> others, Instant now)
            throws SQLException {
        List<Lead> upserts = new ArrayList<>();
        if (d == SqlDialect.H2) {
            upserts.addAll(insert(connection, d, table, created, now));
        } else {
            upserts.addAll(created);
        }
        upserts.addAll(others);
        batch(connection, d.upsert(table), table, upserts, now);
    }

    /** Inserts {@code leads} and returns those whose row already existed. */
    private static List<Lead> insert(Connection connection, SqlDialect d, FormTable table, List<Lead> leads, Instant now)
            throws SQLException {
        try {
            batch(connection, d.insert(table), table, leads, now);
            return List.of();
        } catch (BatchUpdateException e) {
            for (SQLException failure = e; failure != null; failure = failure.getNextException()) {
                if (!"23505".equals(failure.getSQLState())) {
                    throw e;
                }
            }
            int[] counts = e.getUpdateCounts();
            List<Lead> existing = new ArrayList<>();
            for (int i = 0; i < leads.size(); i++) {
                if (i >= counts.length || counts[i] == Statement.EXECUTE_FAILED) {
                    existing.add(leads.get(i));
                }
            }
            return existing;
        }
    }

    private static void batch(Connection connection, String sql, FormTable table, List<Lead> leads, Instant now) throws SQLException {
        if (leads.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Lead lead : leads) {
                LeadRow.bind(statement, table, lead, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
