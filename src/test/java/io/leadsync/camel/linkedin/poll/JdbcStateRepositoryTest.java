package io.leadsync.camel.linkedin.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcStateRepositoryTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void storedStateSurvivesANewRepositoryOnTheSameTable() throws Exception {
        JdbcDataSource ds = h2("state1");
        JdbcStateRepository first = new JdbcStateRepository(ds);
        first.start();
        assertThat(first.getState("urn:li:sponsoredAccount:1|SPONSORED")).isNull();
        first.setState("urn:li:sponsoredAccount:1|SPONSORED", "1763900000123");
        first.setState("urn:li:sponsoredAccount:1|SPONSORED", "1763900000999");
        first.stop();

        JdbcStateRepository second = new JdbcStateRepository(ds);
        second.start();
        assertThat(second.getState("urn:li:sponsoredAccount:1|SPONSORED")).isEqualTo("1763900000999");
    }

    @Test
    void keepsAStateOfHundredsOfLeadIds() throws Exception {
        JdbcStateRepository repo = new JdbcStateRepository(h2("state4"));
        repo.start();
        // a poller's state lists every lead id of its overlap: a burst of 2000 leads is about 80 KB of JSON
        String ids = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "\"249592fc-d272-44ba-a7db-" + i + "-6\"")
                .collect(java.util.stream.Collectors.joining(","));
        String state = "{\"watermark\":1763900000123,\"recent\":[" + ids + "]}";
        repo.setState("leads|urn:li:sponsoredAccount:1|SPONSORED", state);
        assertThat(repo.getState("leads|urn:li:sponsoredAccount:1|SPONSORED")).isEqualTo(state);
    }

    @Test
    void concurrentWritersOfOneKeyLeaveOneRow() throws Exception {
        JdbcDataSource ds = h2("state2");
        JdbcStateRepository repo = new JdbcStateRepository(ds);
        repo.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            String value = Integer.toString(i);
            pool.execute(() -> repo.setState("k", value));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        try (var c = ds.getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM leadsync_state")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(repo.getState("k")).isNotNull();
    }

    @Test
    void refusesATableNameThatIsNotPlainSql() {
        assertThatThrownBy(() -> new JdbcStateRepository(h2("state3"), "state; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a plain SQL table name");
    }
}
