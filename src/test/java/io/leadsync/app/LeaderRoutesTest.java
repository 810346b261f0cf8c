package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.Route;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped routes of group leader, and only those, run under the cluster's leader policy. */
class LeaderRoutesTest {

    @TempDir
    Path dataDir;

    private LeadSyncApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyRouteOfGroupLeaderAndNoOtherRunsUnderTheLeaderPolicy() throws Exception {
        List<String> files;
        try (var listing = Files.list(Path.of("routes"))) {
            files = listing.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList();
        }
        app = LeadSyncApp.start(dataDir, files, Map.of());

        Set<String> underPolicy = new TreeSet<>();
        Set<String> ofGroup = new TreeSet<>();
        for (Route route : app.camel().getRoutes()) {
            if (route.getRoutePolicyList().stream().anyMatch(ClusteredRoutePolicy.class::isInstance)) {
                underPolicy.add(route.getRouteId());
            }
            if (LeaderRoutes.GROUP.equals(route.getGroup())) {
                ofGroup.add(route.getRouteId());
            }
        }
        assertThat(underPolicy).as("routes under the leader policy").isEqualTo(ofGroup)
                .contains("leads-pull", "forms-schedule", "heartbeat-schedule", "withdrawal-reconciliation-schedule")
                .doesNotContain("leads-push");
    }
}
