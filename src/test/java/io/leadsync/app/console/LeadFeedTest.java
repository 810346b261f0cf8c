package io.leadsync.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The console's feed keeps the newest {@value LeadFeed#KEEP} entries, in the order they were written. */
class LeadFeedTest {

    @Test
    void theFeedKeepsTheNewestEntriesAndDropsTheOlderOnes() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:feed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        LeadFeed feed = new LeadFeed(h2);
        int pages = 2 * LeadFeed.KEEP / LeadFeed.PER_EXCHANGE;
        for (int page = 0; page < pages; page++) {
            List<LeadFeed.Entry> entries = new ArrayList<>();
            for (int i = 0; i < LeadFeed.PER_EXCHANGE; i++) {
                entries.add(entry(String.format("lead-%05d", page * LeadFeed.PER_EXCHANGE + i)));
            }
            feed.write(entries);
        }

        int total = pages * LeadFeed.PER_EXCHANGE;
        assertThat(feed.recent(3)).extracting(LeadFeed.Entry::leadId)
                .containsExactly(String.format("lead-%05d", total - 1), String.format("lead-%05d", total - 2), String.format("lead-%05d", total - 3));
        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(lead_id) FROM " + LeadFeed.TABLE)) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(LeadFeed.KEEP);
            assertThat(rs.getString(2)).isEqualTo(String.format("lead-%05d", total - LeadFeed.KEEP));
        }
    }

    private static LeadFeed.Entry entry(String leadId) {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        return new LeadFeed.Entry(leadId, "CREATED", "POLL", 7234246L, "Form", "SPONSORED", false, now, now, 0L, "STORED");
    }
}
