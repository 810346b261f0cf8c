package io.leadsync.camel.linkedin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} after a commit loses nothing on H2 with {@code WRITE_DELAY=0}, the setting the app's default URL
 * carries: a writer process is killed in the middle of a stream of commits, and every lead it reported as stored is in
 * the file afterwards.
 */
class H2KillAfterCommitTest {

    private static final int COMMITS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    void everyLeadReportedAsCommittedSurvivesAKill9() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("leadsync").toAbsolutePath() + ";WRITE_DELAY=0";
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2CommitWriter.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> committed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (committed.size() < COMMITS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("stored ")) {
                    committed.add(line.substring("stored ".length()));
                }
            }
            // SIGKILL while it keeps committing: no shutdown hook, no close, no flush
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }
        assertThat(committed).hasSize(COMMITS_BEFORE_KILL);

        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        List<String> missing = new ArrayList<>();
        try (Connection c = h2.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM leads_form_7234246 l JOIN lead_ledger g ON g.lead_id = l.lead_id WHERE l.lead_id = ?")) {
            for (String id : committed) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) != 1) {
                        missing.add(id);
                    }
                }
            }
        }
        assertThat(missing).as("committed leads lost by kill -9").isEmpty();
    }
}
