package io.leadsync.camel.linkedin.poll;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link StateRepository} in a database table, so that poll watermarks survive restarts and are shared by every
 * replica (camel-support only ships memory and file versions). Works on H2 and PostgreSQL with standard SQL.
 */
public class JdbcStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String table;

    public JdbcStateRepository(DataSource dataSource) {
        this(dataSource, "leadsync_state");
    }

    public JdbcStateRepository(DataSource dataSource, String table) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must be set");
        }
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a plain SQL table name: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    @Override
    protected void doStart() throws Exception {
        // VARCHAR without a length: unbounded on PostgreSQL, up to 1,000,000 characters on H2; a poller's state lists
        // every lead id in its overlap, which a burst of leads takes past any small fixed size
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "CREATE TABLE IF NOT EXISTS " + table + " (state_key VARCHAR(512) PRIMARY KEY, state_value VARCHAR)")) {
            ps.execute();
        }
    }

    @Override
    public void setState(String key, String value) {
        try (Connection c = dataSource.getConnection()) {
            // update first, insert when absent; a concurrent insert of the same key loses the race and updates instead
            if (update(c, key, value) == 0) {
                try {
                    insert(c, key, value);
                } catch (SQLException duplicate) {
                    if (update(c, key, value) == 0) {
                        throw duplicate;
                    }
                }
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot store state " + key + " in table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getState(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state_value FROM " + table + " WHERE state_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot read state " + key + " from table " + table + ": " + e.getMessage(), e);
        }
    }

    private int update(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state_value = ? WHERE state_key = ?")) {
            ps.setString(1, value);
            ps.setString(2, key);
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (state_key, state_value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
