package io.leadsync.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.main.Main;

/**
 * One leader among the app's replicas runs what must run once per cluster: the pull, the forms re-pull, the heartbeat
 * and the schedules (routes with {@code routePolicy: leaderOnly}); every replica receives webhooks. Camel's own
 * cluster support does it: a {@link ClusteredRoutePolicy} on a {@code CamelClusterService}. camel-main has no
 * {@code camel.cluster.*} properties (Spring Boot and Quarkus do), so the service is bound here from
 * {@code leadsync.cluster.*}: camel-file's lock-file service, whose lock lives in {@code leadsync.cluster.root}
 * (default {@code <data dir>/cluster}; replicas on one host share it). camel-main adds every bound cluster service to
 * the context.
 */
final class LeaderElection {

    /** The cluster namespace the leader-only routes share: one leader runs them all. */
    static final String NAMESPACE = "leadsync";

    private LeaderElection() {
    }

    static void bind(Main main, LeadSyncSettings settings, Path dataDir) throws Exception {
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(settings.get("leadsync.cluster.member-id", ManagementFactory.getRuntimeMXBean().getName()));
        cluster.setRoot(settings.get("leadsync.cluster.root", dataDir.resolve("cluster").toString()));
        // the first try waits for the next multiple of the interval (camel-file aligns tries across members), and
        // a leader is taken for dead after 5 intervals without a heartbeat: 2 s gives a leader within 2 s of start
        // and a failover within about 10 s (the issue asks for 30 s)
        cluster.setAcquireLockDelay(settings.getInt("leadsync.cluster.acquire-lock-delay", 100), TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(settings.getInt("leadsync.cluster.acquire-lock-interval", 2_000), TimeUnit.MILLISECONDS);
        main.bind("clusterService", cluster);
        main.bind("leaderOnly", ClusteredRoutePolicy.forNamespace(cluster, NAMESPACE));
    }
}
