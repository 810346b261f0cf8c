package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas share camel-file's lock-file cluster service: a set-up on the replica that is not the leader leaves
 * the leader-only {@code leads-pull} to the cluster policy, a set-up on the leader starts it again after a teardown,
 * and when the leader goes the other replica's policy starts it. At no moment do both run it.
 */
class SetupOnReplicasTest {

    private final LeadIntegration integration = new LeadIntegration(null, "https://app.example/linkedin/leads");
    private CamelContext first;
    private CamelContext second;

    @AfterEach
    void stop() {
        for (CamelContext c : new CamelContext[] {first, second}) {
            if (c != null) {
                c.stop();
            }
        }
    }

    @Test
    void setupStartsThePollerOnTheLeaderOnly() throws Exception {
        Path root = Files.createTempDirectory("cluster");
        AtomicInteger polls = new AtomicInteger();
        first = replica("replica-1", root, polls);
        second = replica("replica-2", root, polls);

        await().atMost(60, TimeUnit.SECONDS).until(() -> leader(first) != leader(second));
        CamelContext leader = leader(first) ? first : second;
        CamelContext follower = leader == first ? second : first;
        await().atMost(30, TimeUnit.SECONDS).until(() -> status(leader) == ServiceStatus.Started);

        // the follower's set-up (as POST /api/setup on it) does not start a second poller
        assertThat(integration.leftToLeader(follower, LeadIntegration.LEAD_ROUTES)).containsExactly("leads-pull");
        assertThat(integration.startLeadRoutes(follower, LeadIntegration.LEAD_ROUTES)).containsExactly("leads-push");
        assertThat(status(follower)).isEqualTo(ServiceStatus.Stopped);
        assertThat(follower.getRouteController().getRouteStatus("leads-push")).isEqualTo(ServiceStatus.Started);

        // teardown then set-up on the leader: the poller runs again there
        leader.getRouteController().stopRoute("leads-pull");
        assertThat(integration.leftToLeader(leader, LeadIntegration.LEAD_ROUTES)).isEmpty();
        assertThat(integration.startLeadRoutes(leader, LeadIntegration.LEAD_ROUTES))
                .containsExactly("leads-push", "leads-pull");
        assertThat(status(leader)).isEqualTo(ServiceStatus.Started);
        int before = polls.get();
        await().atMost(30, TimeUnit.SECONDS).until(() -> polls.get() > before);

        // the leader goes: the follower's policy (not the set-up) starts its poller, never both at once
        leader.stop();
        await().atMost(90, TimeUnit.SECONDS).until(() -> {
            assertThat(status(leader) == ServiceStatus.Started && status(follower) == ServiceStatus.Started).isFalse();
            return status(follower) == ServiceStatus.Started;
        });
        assertThat(leader(follower)).isTrue();
    }

    private static CamelContext replica(String name, Path root, AtomicInteger polls) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName(name);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(root.toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(200, TimeUnit.MILLISECONDS);
        camel.addService(cluster);
        ClusteredRoutePolicy leaderOnly = ClusteredRoutePolicy.forNamespace(cluster, LeaderElection.NAMESPACE);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:pull?period=50").routeId("leads-pull").routePolicy(leaderOnly)
                        .process(e -> polls.incrementAndGet());
                from("direct:push").routeId("leads-push").log("push");
            }
        });
        camel.start();
        return camel;
    }

    private static boolean leader(CamelContext camel) {
        return camel.getRoute("leads-pull").getRoutePolicyList().stream()
                .filter(ClusteredRoutePolicy.class::isInstance).map(ClusteredRoutePolicy.class::cast)
                .anyMatch(ClusteredRoutePolicy::isLeader);
    }

    private static ServiceStatus status(CamelContext camel) {
        ServiceStatus status = camel.getRouteController().getRouteStatus("leads-pull");
        return status == null ? ServiceStatus.Stopped : status;
    }

}
