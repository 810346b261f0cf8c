package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.spi.CamelEvent;
import org.junit.jupiter.api.Test;

/**
 * camel-cluster's {@link ClusteredRoutePolicy} (4.18.0, 4.22.0) starts its routes under its own lock when the leadership
 * comes, and releases its cluster view under that lock from the shutdown of its last route, which holds the route's
 * lock: a leadership taken while the CamelContext stopped its routes deadlocked the two threads (the suite hung once,
 * in {@code WithdrawalReconciliationTest}'s stop, with the file lock acquired at that moment). What prevents it is that
 * no leader-only route is started once the CamelContext begins to stop, and that a change already under way has ended
 * by then: the policy is stopped under its own lock when the stop begins. The race itself (a route's status read just
 * before the stopping thread locks that route) cannot be forced from outside Camel, so this test checks that state and
 * hands the leadership over right after it: the route is not started and the stop ends.
 */
class LeaderPolicyAtStopTest {

    @Test
    void aLeadershipTakenOnceTheContextStopsStartsNoLeaderRoute() throws Exception {
        ManualClusterService cluster = new ManualClusterService();
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster, "leadsync");
        DefaultCamelContext context = contextWithLeaderPolicy(cluster, policy);
        // added after LeaderPolicyAtStop, so notified after it: the leadership comes just after the stop has begun
        AtomicBoolean handedOver = new AtomicBoolean();
        AtomicReference<ServiceStatus> statusAfterHandOver = new AtomicReference<>();
        AtomicBoolean policyRunAllowed = new AtomicBoolean(true);
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                policyRunAllowed.set(policy.isRunAllowed());
                cluster.view.get().takeLeadership();
                handedOver.set(true);
                statusAfterHandOver.set(context.getRouteController().getRouteStatus("leader-only"));
            }
        });
        addLeaderOnlyRoute(context, policy);
        context.start();
        assertThat(context.getRouteController().getRouteStatus("leader-only").isStopped()).isTrue();

        Thread stopper = new Thread(context::stop, "context-stop");
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(handedOver).as("the leadership was handed over while the CamelContext stopped").isTrue();
        assertThat(policyRunAllowed).as("the leader policy was stopped when the CamelContext began to stop").isFalse();
        assertThat(stopper.isAlive()).as("the CamelContext's stop ended").isFalse();
        assertThat(context.isStopped()).isTrue();
        assertThat(statusAfterHandOver.get()).as("the leader-only route was not started during the stop").isNotEqualTo(ServiceStatus.Started)
                .isNotEqualTo(ServiceStatus.Starting);
    }

    @Test
    void whileTheContextRunsTheLeadershipStillStartsTheLeaderRoutes() throws Exception {
        ManualClusterService cluster = new ManualClusterService();
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster, "leadsync");
        DefaultCamelContext context = contextWithLeaderPolicy(cluster, policy);
        addLeaderOnlyRoute(context, policy);
        context.start();
        try {
            cluster.view.get().takeLeadership();
            assertThat(context.getRouteController().getRouteStatus("leader-only").isStarted()).isTrue();
        } finally {
            context.stop();
        }
    }

    /** A CamelContext with the cluster service and {@link LeaderPolicyAtStop}, as the app binds them. */
    private static DefaultCamelContext contextWithLeaderPolicy(ManualClusterService cluster, ClusteredRoutePolicy policy) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.addService(cluster);
        context.getManagementStrategy().addEventNotifier(new LeaderPolicyAtStop(policy));
        return context;
    }

    private static void addLeaderOnlyRoute(DefaultCamelContext context, ClusteredRoutePolicy policy) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:leader?period=60000").routeId("leader-only").routePolicy(policy).log("leader");
            }
        });
    }

    private static final class ManualClusterService extends AbstractCamelClusterService<ManualView> {
        final AtomicReference<ManualView> view = new AtomicReference<>();

        ManualClusterService() {
            super("manual");
        }

        @Override
        protected ManualView createView(String namespace) {
            ManualView created = new ManualView(this, namespace);
            view.set(created);
            return created;
        }
    }

    private static final class ManualView extends AbstractCamelClusterView {
        private final Member local = new Member();

        ManualView(CamelClusterService service, String namespace) {
            super(service, namespace);
        }

        void takeLeadership() {
            local.leader = true;
            fireLeadershipChangedEvent(local);
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return local.leader ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        @Override
        protected void doStart() {
        }

        @Override
        protected void doStop() {
        }
    }

    private static final class Member implements CamelClusterMember {
        volatile boolean leader;

        @Override
        public boolean isLeader() {
            return leader;
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public String getId() {
            return "local";
        }
    }
}
