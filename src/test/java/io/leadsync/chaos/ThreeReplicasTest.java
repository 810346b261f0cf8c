package io.leadsync.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code bench/replicas.sh}: three app processes on one embedded PostgreSQL and a standalone
 * sandbox, 1,000 leads (half back-filled, half a webhook burst through a round-robin front, about 2 % withdrawn), the
 * leader killed mid-back-fill and a receiver mid-burst, one access-token expiry. Deadlines are generous (a loaded
 * 2-core machine starts three JVMs slowly); every wait is on a condition.
 */
class ThreeReplicasTest {

    @Test
    void threeReplicasLoseNothingDoubleNothingAndNeverPullTwice() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        ReplicasRun.Options options = new ReplicasRun.Options(1_000, 20261201L, 2_000, Duration.ofMinutes(8), project,
                project.resolve("target/replicas-test"));

        ReplicasRun.Result result = new ReplicasRun(options).run();

        assertThat(result.live()).isGreaterThan(900);
        assertThat(result.storedAtLeaderKill()).as("the leader was killed mid-back-fill").isLessThan(result.seededLive());
        assertThat(result.missing()).as("live leads not stored").isZero();
        assertThat(result.duplicated()).as("leads stored twice").isZero();
        assertThat(result.withdrawnPresent()).as("withdrawn leads still stored").isZero();
        assertThat(result.overlaps()).as("finder calls by a replica after another took over").isEmpty();
        assertThat(result.refreshCallsOnExpiry()).as("refresh calls for one expiry across three replicas").isEqualTo(1);
        assertThat(result.failoverMillis()).as("leader killed → another replica's first finder call").isBetween(0L, 60_000L);
    }
}
