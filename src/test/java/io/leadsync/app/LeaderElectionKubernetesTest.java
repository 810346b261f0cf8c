package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code leadsync.cluster.service=kubernetes} against fabric8's Kubernetes API mock (CRUD mode: it stores what it is
 * sent, with resourceVersions, as an API server does): replicas are CamelContexts whose cluster service
 * {@link LeaderElection#clusterService} builds from the app's settings, each with the app's leader-only policy on a
 * route; their pods are Pod objects the test creates Running and Ready (what the kubelet reports) and deletes when the
 * replica dies. A monitor samples every replica's route all along and fails the test if two ran at once.
 */
class LeaderElectionKubernetesTest {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElectionKubernetesTest.class);
    private static final String K8S_NAMESPACE = "leads";
    private static final String LEASE = "leadsync-leader-" + LeaderElection.NAMESPACE;
    private static final String TEST_DRIVER = "X-Test-Driver";
    // short durations for the test (the shipped defaults are covered by failoverWithTheShippedDefaultsIsWithin30s)
    private static final int LEASE_MS = 3_000;
    private static final int RENEW_MS = 2_000;
    private static final int RETRY_MS = 500;

    private KubernetesMockServer server;
    private KubernetesClient driver;
    private final List<Replica> replicas = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Monitor monitor = new Monitor();

    @BeforeEach
    void startApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        // the test's own requests carry a header, so what the replicas asked for can be told apart (RBAC below)
        driver = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.url("/"))
                .withNamespace(K8S_NAMESPACE).withCustomHeaders(Map.of(TEST_DRIVER, "true")).build()).build();
    }

    @AfterEach
    void stopAll() throws Exception {
        monitor.stop();
        for (Replica replica : replicas) {
            replica.context.close();
        }
        driver.close();
        server.destroy();
    }

    @Test
    void exactlyOneReplicaRunsTheRouteAndAnotherTakesOverWhenTheLeaderDies() throws Exception {
        Replica a = replica("leadsync-a", LEASE_MS, RENEW_MS, RETRY_MS);
        Replica b = replica("leadsync-b", LEASE_MS, RENEW_MS, RETRY_MS);
        Replica c = replica("leadsync-c", LEASE_MS, RENEW_MS, RETRY_MS);
        monitor.start(replicas);

        Replica leader = awaitOneLeader(Duration.ofSeconds(10));
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader.pod);
        // the leader keeps running and the others stay idle across several renewals (the monitor checks all along)
        int ticks = leader.ticks.get();
        await().atMost(15, TimeUnit.SECONDS).until(() -> leader.ticks.get() > ticks
                && lease().getSpec().getRenewTime().isAfter(lease().getSpec().getAcquireTime()));
        assertThat(replicas).filteredOn(r -> r != leader).allMatch(r -> r.ticks.get() == 0 && !r.running());

        long killedAt = kill(leader);
        Replica next = awaitOneLeader(Duration.ofSeconds(10));
        long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
        LOG.info("Failover from {} to {} took {} ms (lease {} ms, retry {} ms)", leader.pod, next.pod, failoverMs,
                LEASE_MS, RETRY_MS);
        assertThat(next).isNotSameAs(leader);
        // the new leader waits one lease duration before it starts (the old one may still be finishing); how much longer
        // it takes depends on the machine's load (6.6 s once beside two CPU burners, 4.5 s on a quiet machine), so the
        // upper bound is awaitOneLeader's 10 s, not a figure of wall-clock speed
        assertThat(failoverMs).isBetween((long) LEASE_MS, 10_000L);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(next.pod);
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(monitor.overlaps()).as("instants where two replicas ran the route").isEmpty();
        assertThat(List.of(a, b, c)).contains(next);

        // RBAC: deploy/kubernetes grants exactly what these replicas asked the API server for
        assertThat(DeployManifestsTest.roleVerbs()).isEqualTo(replicaVerbs());
    }

    @Test
    void aLeaseTakenByAnotherHolderStopsTheOldLeaderBeforeTheNewOneStarts() throws Exception {
        replica("leadsync-a", LEASE_MS, RENEW_MS, RETRY_MS);
        replica("leadsync-b", LEASE_MS, RENEW_MS, RETRY_MS);
        monitor.start(replicas);
        Replica leader = awaitOneLeader(Duration.ofSeconds(10));
        Replica other = replicas.stream().filter(r -> r != leader).findFirst().orElseThrow();

        // the Lease lost: another holder wrote itself into it (an optimistic update, as the election does)
        Lease taken = new LeaseBuilder(lease()).editSpec().withHolderIdentity(other.pod).endSpec().build();
        driver.leases().inNamespace(K8S_NAMESPACE).resource(taken).update();
        long takenAt = System.nanoTime();

        await().atMost(5, TimeUnit.SECONDS).until(() -> !leader.running());
        long stoppedMs = (System.nanoTime() - takenAt) / 1_000_000;
        await().atMost(10, TimeUnit.SECONDS).until(other::running);
        long takenOverMs = (System.nanoTime() - takenAt) / 1_000_000;
        LOG.info("Lease handed to {}: old leader stopped after {} ms, new one started after {} ms", other.pod,
                stoppedMs, takenOverMs);
        assertThat(stoppedMs).isLessThan(takenOverMs);
        assertThat(monitor.overlaps()).isEmpty();
        assertThat(leader.running()).isFalse();
    }

    @Test
    void aDeletedLeaseIsTakenAgainByExactlyOneReplica() throws Exception {
        replica("leadsync-a", LEASE_MS, RENEW_MS, RETRY_MS);
        replica("leadsync-b", LEASE_MS, RENEW_MS, RETRY_MS);
        Replica leader = awaitOneLeader(Duration.ofSeconds(10));
        String before = lease().getMetadata().getUid();

        driver.leases().inNamespace(K8S_NAMESPACE).withName(LEASE).delete();

        // someone takes a new Lease and, once the old leader noticed, exactly one replica runs the route, the holder
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            Lease now = driver.leases().inNamespace(K8S_NAMESPACE).withName(LEASE).get();
            return now != null && !now.getMetadata().getUid().equals(before) && running().size() == 1
                    && running().get(0).pod.equals(now.getSpec().getHolderIdentity());
        });
        LOG.info("Lease deleted under {}; {} holds the new one", leader.pod, running().get(0).pod);
    }

    @Test
    void aReplicaWhosePodIsNotReadyNeverLeads() throws Exception {
        Replica unready = replica("leadsync-a", LEASE_MS, RENEW_MS, RETRY_MS, false);
        Replica ready = replica("leadsync-b", LEASE_MS, RENEW_MS, RETRY_MS);
        monitor.start(replicas);
        assertThat(awaitOneLeader(Duration.ofSeconds(10))).isSameAs(ready);
        assertThat(unready.ticks.get()).isZero();
    }

    @Test
    void failoverWithTheShippedDefaultsIsWithin30s() throws Exception {
        int lease = LeaderElection.KubernetesLease.DEFAULT_LEASE_DURATION_MS;
        Replica a = replica("leadsync-a", lease, LeaderElection.KubernetesLease.DEFAULT_RENEW_DEADLINE_MS,
                LeaderElection.KubernetesLease.DEFAULT_RETRY_PERIOD_MS);
        Replica b = replica("leadsync-b", lease, LeaderElection.KubernetesLease.DEFAULT_RENEW_DEADLINE_MS,
                LeaderElection.KubernetesLease.DEFAULT_RETRY_PERIOD_MS);
        monitor.start(replicas);
        Replica leader = awaitOneLeader(Duration.ofSeconds(15));

        long killedAt = kill(leader);
        Replica next = awaitOneLeader(Duration.ofSeconds(30));
        long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
        LOG.info("Failover with the shipped defaults from {} to {} took {} ms", leader.pod, next.pod, failoverMs);
        assertThat(next).isSameAs(leader == a ? b : a);
        assertThat(failoverMs).isBetween((long) lease, 30_000L);
        assertThat(monitor.overlaps()).isEmpty();
    }

    // --- helpers ---

    private Replica replica(String pod, int leaseMs, int renewMs, int retryMs) throws Exception {
        return replica(pod, leaseMs, renewMs, retryMs, true);
    }

    private Replica replica(String pod, int leaseMs, int renewMs, int retryMs, boolean ready) throws Exception {
        driver.pods().inNamespace(K8S_NAMESPACE).resource(pod(pod, ready)).create();
        Properties p = new Properties();
        p.setProperty(LeaderElection.SERVICE, "kubernetes");
        p.setProperty("leadsync.cluster.kubernetes.namespace", K8S_NAMESPACE);
        p.setProperty("leadsync.cluster.kubernetes.pod-name", pod);
        p.setProperty("leadsync.cluster.kubernetes.master-url", "http://127.0.0.1:" + server.getPort() + "/");
        p.setProperty("leadsync.cluster.kubernetes.lease-duration", Integer.toString(leaseMs));
        p.setProperty("leadsync.cluster.kubernetes.renew-deadline", Integer.toString(renewMs));
        p.setProperty("leadsync.cluster.kubernetes.retry-period", Integer.toString(retryMs));
        CamelClusterService cluster = LeaderElection.clusterService(new LeadSyncSettings(p), Path.of("unused"));
        assertThat(cluster).isInstanceOf(KubernetesClusterService.class);
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster, LeaderElection.NAMESPACE);
        Replica replica = new Replica(pod, new DefaultCamelContext(), new AtomicInteger());
        replica.context.getCamelContextExtension().setName(pod);
        replica.context.addService(cluster);
        replica.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:pull?period=50").routeId("pull")
                        .routePolicy(policy)
                        .process(e -> replica.ticks.incrementAndGet());
            }
        });
        replica.context.start();
        replicas.add(replica);
        return replica;
    }

    private static Pod pod(String name, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(K8S_NAMESPACE)
                .addToLabels("app.kubernetes.io/name", "leadsync").endMetadata()
                .withNewSpec().addNewContainer().withName("leadsync").withImage("leadsync").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("leadsync").withReady(ready).withNewState().withNewRunning()
                .endRunning().endState().endContainerStatus()
                .endStatus().build();
    }

    /** The replica dies: its process stops and Kubernetes removes its pod from the Ready set (here: deletes it). */
    private long kill(Replica replica) {
        replica.context.stop();
        driver.pods().inNamespace(K8S_NAMESPACE).withName(replica.pod).delete();
        return System.nanoTime();
    }

    private Lease lease() {
        return driver.leases().inNamespace(K8S_NAMESPACE).withName(LEASE).get();
    }

    private List<Replica> running() {
        return replicas.stream().filter(Replica::running).toList();
    }

    private Replica awaitOneLeader(Duration within) {
        AtomicReference<Replica> leader = new AtomicReference<>();
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<Replica> now = running();
            leader.set(now.size() == 1 ? now.get(0) : null);
            return leader.get() != null && leader.get().ticks.get() > 0;
        });
        return leader.get();
    }

    /** Kubernetes RBAC verbs of the replicas' own requests: resource → verbs. */
    private Map<String, Set<String>> replicaVerbs() throws InterruptedException {
        Map<String, Set<String>> verbs = new ConcurrentHashMap<>();
        RecordedRequest request;
        while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (request.getHeader(TEST_DRIVER) != null) {
                continue;
            }
            String path = request.getPath().replaceAll("\\?.*", "");
            String[] parts = path.split("/");
            // /api/v1/namespaces/leads/pods or /apis/coordination.k8s.io/v1/namespaces/leads/leases/<name>
            int at = List.of(parts).indexOf("namespaces");
            String resource = parts[at + 2];
            boolean named = parts.length > at + 3;
            String verb = switch (request.getMethod()) {
                case "GET" -> named ? "get" : (request.getPath().contains("watch=true") ? "watch" : "list");
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> named ? "delete" : "deletecollection";
                default -> request.getMethod();
            };
            verbs.computeIfAbsent(resource, k -> new TreeSet<>()).add(verb);
        }
        return verbs;
    }

    private record Replica(String pod, CamelContext context, AtomicInteger ticks) {
        boolean running() {
            ServiceStatus status = context.isStarted() ? context.getRouteController().getRouteStatus("pull") : null;
            return status != null && status.isStarted();
        }
    }

    /** Samples every replica's route every few milliseconds and keeps each instant two ran it at once. */
    private static final class Monitor {
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final List<String> overlaps = new java.util.concurrent.CopyOnWriteArrayList<>();
        private Thread thread;

        void start(List<Replica> replicas) {
            thread = new Thread(() -> {
                while (!stopped.get()) {
                    List<String> now = replicas.stream().filter(Replica::running).map(Replica::pod).toList();
                    if (now.size() > 1) {
                        overlaps.add(System.currentTimeMillis() + ": " + now);
                    }
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "leader-monitor");
            thread.setDaemon(true);
            thread.start();
        }

        List<String> overlaps() {
            return List.copyOf(overlaps);
        }

        void stop() {
            stopped.set(true);
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
