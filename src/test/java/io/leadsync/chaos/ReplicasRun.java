package io.leadsync.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Three replicas of the app on one host: one embedded PostgreSQL, a standalone sandbox, three {@code LeadSyncMain}
 * processes on camel-file's lock-file cluster service, and a round-robin front that LinkedIn's webhooks go to. Each
 * replica reaches the sandbox through its own relay, so every finder call (the pull) is attributed to the replica
 * that made it. Half the leads are seeded (the leader back-fills them), half arrive as a burst of webhooks; about
 * 2 % are withdrawn. The leader is killed with {@code kill -9} mid-back-fill, a receiver mid-burst, and the access
 * token is expired once. Then: missing, duplicated and withdrawn-present leads (each must be 0), whether two replicas
 * ever pulled at once, refresh calls per expiry, and the failover time (leader killed → another replica's first
 * finder call). Run by {@code bench/replicas.sh}; {@code ThreeReplicasTest} runs a short version.
 */
public final class ReplicasRun {

    static final int REPLICAS = 3;

    /** The run's settings. */
    record Options(int leads, long seed, long pollDelayMs, Duration deadline, Path projectDir, Path reportDir) {

        static Options parse(String[] args) {
            int leads = 10_000;
            long seed = 20261201L;
            long poll = 5_000;
            double minutes = 20;
            Path project = Path.of("").toAbsolutePath();
            Path report = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--leads" -> leads = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--poll-delay-ms" -> poll = Long.parseLong(args[++i]);
                    case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                    case "--project-dir" -> project = Path.of(args[++i]).toAbsolutePath();
                    case "--report-dir" -> report = Path.of(args[++i]).toAbsolutePath();
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                            + "; usage: replicas.sh [--leads N] [--seed S] [--poll-delay-ms D] [--minutes M] [--report-dir DIR]");
                }
            }
            if (leads < 100 || leads > 200_000) {
                throw new IllegalArgumentException("--leads 100..200000");
            }
            return new Options(leads, seed, poll, Duration.ofMillis(Math.round(minutes * 60_000)), project,
                    report != null ? report : project.resolve("target/replicas"));
        }
    }

    /** One finder call: when, by which replica. */
    record FinderCall(long atMillis, String replica, int status) {
    }

    /** What the run found; every count must be 0 and {@code overlaps} empty. */
    record Result(int missing, int duplicated, int withdrawnPresent, List<String> overlaps, long refreshCallsOnExpiry,
                  long failoverMillis, int storedAtLeaderKill, int seededLive, long stored, long live, double deliveriesPerSecond,
                  ObjectNode report) {

        boolean clean() {
            return missing == 0 && duplicated == 0 && withdrawnPresent == 0 && overlaps.isEmpty()
                    && refreshCallsOnExpiry == 1 && failoverMillis >= 0;
        }
    }

    private final Options options;
    private final Random random;
    private final ChildProcesses children = new ChildProcesses();
    private final List<FinderCall> finderCalls = new CopyOnWriteArrayList<>();
    private final List<Long> deliveries = new CopyOnWriteArrayList<>();
    private final List<Long> deliveryMillis = new CopyOnWriteArrayList<>();
    private final ArrayNode timeline = SandboxClient.JSON.createArrayNode();
    private long runStart;

    ReplicasRun(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Result result = new ReplicasRun(options).run();
        System.exit(result.clean() ? 0 : 1);
    }

    private void event(String what) {
        ObjectNode e = timeline.addObject();
        e.put("atSeconds", Math.round((System.currentTimeMillis() - runStart) / 100.0) / 10.0);
        e.put("event", what);
        System.out.printf("[replicas %6.1fs] %s%n", (System.currentTimeMillis() - runStart) / 1000.0, what);
        System.out.flush();
    }

    Result run() throws Exception {
        runStart = System.currentTimeMillis();
        Path logDir = Files.createDirectories(options.reportDir().resolve("logs"));
        Path work = Files.createTempDirectory("leadsync-replicas-");
        List<AutoCloseable> closing = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE leadsync");
            }
            String jdbcUrl = postgres.getJdbcUrl("postgres", "leadsync");
            event("PostgreSQL up: " + jdbcUrl);
            return runWith(postgres, jdbcUrl, work, logDir, closing);
        } finally {
            children.killAll();
            for (AutoCloseable c : closing) {
                c.close();
            }
            ChaosRun.deleteTree(work);
        }
    }

    private Result runWith(EmbeddedPostgres postgres, String jdbcUrl, Path work, Path logDir, List<AutoCloseable> closing)
            throws Exception {
        int seeded = options.leads() / 2;
        int burst = options.leads() - seeded;
        int sandboxPort = ChildProcesses.freePort();
        Process sandboxProcess = children.startJava("io.leadsync.sandbox.SandboxMain",
                List.of("--port", Integer.toString(sandboxPort), "--auto-approve", "--data-dir", work.resolve("sandbox").toString(),
                        "--seed", Long.toString(options.seed()), "--leads", Integer.toString(seeded)),
                options.projectDir(), Map.of(), logDir.resolve("sandbox.log"), "1g");
        SandboxClient sandbox = new SandboxClient(sandboxPort);
        await(Duration.ofSeconds(120), sandbox::reachable, "the sandbox to answer");
        event("sandbox up on port " + sandboxPort + " with " + seeded + " seeded leads (pid " + sandboxProcess.pid() + ")");

        long windowStart = System.currentTimeMillis() - Duration.ofDays(364).toMillis();
        JsonNode world = sandbox.world();
        Set<String> seededIds = new LinkedHashSet<>();
        Set<String> streams = new LinkedHashSet<>();
        // the forms the chaos run submits to: live ones, one per lead type
        List<Long> forms = java.util.Arrays.stream(ChaosRun.FORMS).boxed().toList();
        for (JsonNode form : world.path("forms")) {
            Map.Entry<String, JsonNode> owner = form.path("owner").fields().next();
            String stream = owner.getKey() + "|" + owner.getValue().asText() + "|" + form.path("leadType").asText();
            if (streams.add(stream)) {
                seededIds.addAll(sandbox.findIds(owner.getKey(), owner.getValue().asText(), form.path("leadType").asText(), windowStart));
            }
        }
        event(seededIds.size() + " live seeded leads in the back-fill window on " + streams.size() + " streams");

        // the front LinkedIn delivers to, and one relay per replica towards the sandbox
        List<AppProcess> replicas = new ArrayList<>();
        List<String> replicaUrls = new ArrayList<>();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<AppProcess> pending = new ArrayList<>();
        for (int i = 1; i <= REPLICAS; i++) {
            String name = "replica-" + i;
            HttpRelay toSandbox = new HttpRelay(List.of(sandbox.baseUrl()), r -> {
                // the poller's finder calls; a lookup of one lead of an older form version (FormTables, by any replica
                // storing a pushed lead of a version it has not seen) filters on the version and is not a poll
                String call = r.pathAndQuery() + " " + r.body();
                if (r.pathAndQuery().startsWith("/rest/leadFormResponses") && call.contains("q=owner")
                        && !call.contains("versionedLeadGenFormUrn=")) {
                    finderCalls.add(new FinderCall(r.atMillis(), name, r.status()));
                }
            });
            closing.add(toSandbox);
            AppProcess app = new AppProcess(children, options.projectDir(), Files.createDirectories(work.resolve(name)), logDir,
                    toSandbox.baseUrl(), password, options.pollDelayMs());
            pending.add(app);
            replicaUrls.add("http://127.0.0.1:" + app.serverPort());
        }
        HttpRelay front = new HttpRelay(replicaUrls, r -> {
            if (r.pathAndQuery().startsWith("/linkedin/leads") && "POST".equals(r.method()) && r.status() / 100 == 2) {
                deliveries.add(r.atMillis());
                deliveryMillis.add(r.tookMillis());
            }
        });
        closing.add(front);
        for (int i = 0; i < REPLICAS; i++) {
            Map<String, String> env = new HashMap<>();
            env.put("LEADSYNC_DATASOURCE_URL", jdbcUrl);
            env.put("LEADSYNC_DATASOURCE_USERNAME", "postgres");
            env.put("LEADSYNC_DATASOURCE_PASSWORD", "");
            // sandbox mode guards non-H2 databases against demo rows; this run writes none (LEADSYNC_DEMO_ENABLED=false)
            env.put("LEADSYNC_SANDBOX_ALLOW_EXTERNAL_DATASOURCE", "true");
            env.put("LEADSYNC_TOKEN_KEY", Base64.getEncoder().encodeToString(key));
            env.put("LEADSYNC_CLUSTER_ROOT", work.resolve("cluster").toString());
            env.put("LEADSYNC_CLUSTER_MEMBER_ID", "replica-" + (i + 1));
            // pages of 10 (not LinkedIn's 1,000) give the back-fill enough pages for the leader to die in the middle of it
            env.put("LEADSYNC_POLL_PAGE_SIZE", "10");
            replicas.add(pending.get(i).asReplica("replica-" + (i + 1), front.baseUrl(), env));
        }
        // LinkedIn answering each call a second later keeps the back-fill (about 46 pages of 10) going until all three
        // replicas are up, so that the leader is killed in the middle of it; the latency ends with the kill
        sandbox.setFaults(SandboxClient.JSON.createObjectNode().put("latencyMs", 1000));
        // a rolling start: the first replica connects to LinkedIn, the others find its grant in the database
        replicas.get(0).start();
        event("replica-1 starting (pid " + replicas.get(0).pid() + ")");
        if (!replicas.get(0).awaitReady(Duration.ofMinutes(4))) {
            throw new IllegalStateException("replica-1 did not become ready; see " + logDir);
        }
        for (int i = 1; i < REPLICAS; i++) {
            replicas.get(i).start();
        }
        for (AppProcess r : replicas) {
            if (!r.awaitReady(Duration.ofMinutes(4))) {
                throw new IllegalStateException(r.name() + " did not become ready; see " + logDir);
            }
        }
        event("three replicas ready; front " + front.baseUrl());

        // the leader back-fills: kill it once it is well into it
        await(Duration.ofMinutes(3), () -> finderCalls.size() >= 3, "the leader's first finder calls");
        String leader = finderCalls.get(finderCalls.size() - 1).replica();
        AppProcess leaderApp = byName(replicas, leader);
        int storedAtKill = storedLeads(postgres).size();
        leaderApp.kill9();
        long killedAt = System.currentTimeMillis();
        event("kill -9 the leader " + leader + " with " + storedAtKill + " of " + seededIds.size() + " seeded leads stored ("
                + finderCalls.size() + " finder calls so far)");
        await(Duration.ofMinutes(2), () -> finderCalls.stream().anyMatch(c -> c.atMillis() > killedAt && !c.replica().equals(leader)),
                "another replica's first finder call");
        FinderCall takeover = finderCalls.stream().filter(c -> c.atMillis() > killedAt && !c.replica().equals(leader)).findFirst()
                .orElseThrow();
        long failover = takeover.atMillis() - killedAt;
        event("failover: " + takeover.replica() + " pulled " + failover + " ms after the kill");
        sandbox.clearFaults();
        leaderApp.start();
        event(leader + " restarted (pid " + leaderApp.pid() + ")");

        // the burst: webhooks through the front; a receiver (not the leader) killed in the middle of it
        List<String> burstIds = new ArrayList<>();
        double perSecond = Math.max(20, burst / 60.0);
        int perForm = burst / forms.size();
        for (int f = 0; f < forms.size(); f++) {
            int count = f == forms.size() - 1 ? burst - perForm * (forms.size() - 1) : perForm;
            burstIds.addAll(sandbox.submit(forms.get(f), count, false, perSecond / forms.size(), 0));
        }
        long burstStart = System.currentTimeMillis();
        event("burst: " + burstIds.size() + " leads at about " + Math.round(perSecond) + "/s");
        await(Duration.ofMinutes(3), () -> deliveries.size() >= Math.max(10, burstIds.size() / 3), "a third of the burst delivered");
        String newLeader = takeover.replica();
        // a receiver that was never killed: neither the new leader nor the restarted old one
        AppProcess receiver = replicas.stream().filter(r -> !r.name().equals(newLeader) && !r.name().equals(leader) && r.alive())
                .findFirst().orElseThrow();
        receiver.kill9();
        event("kill -9 the receiver " + receiver.name() + " mid-burst (" + deliveries.size() + " deliveries so far)");

        // one token expiry while the burst runs: every replica's next call is refused, one refresh mends all three
        long refreshesBefore = accessTokenCalls(sandbox);
        SandboxClient.Answer expired = sandbox.call("POST", "/_sandbox/grants/sandbox-client/expire", "{}");
        if (expired.status() != 200) {
            throw new IllegalStateException("Could not expire the grant: " + expired.status() + " " + expired.body());
        }
        event("access token expired at the sandbox");
        receiver.start();
        event(receiver.name() + " restarted (pid " + receiver.pid() + ")");

        // withdrawals: about 2 % of all leads, once live
        List<String> all = new ArrayList<>(seededIds);
        all.addAll(burstIds);
        Collections.shuffle(all, random);
        List<String> toWithdraw = all.subList(0, Math.max(1, all.size() / 50));
        Set<String> withdrawn = new LinkedHashSet<>();
        long withdrawDeadline = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
        while (withdrawn.size() < toWithdraw.size() && System.currentTimeMillis() < withdrawDeadline) {
            for (String id : toWithdraw) {
                if (!withdrawn.contains(id) && sandbox.withdraw(id) == 204) {
                    withdrawn.add(id);
                }
            }
            if (withdrawn.size() < toWithdraw.size()) {
                Thread.sleep(1_000);
            }
        }
        event(withdrawn.size() + " leads withdrawn");

        // catch-up: every live lead stored, none withdrawn, until the deadline
        List<String> candidates = new ArrayList<>(new LinkedHashSet<>(all));
        long deadline = runStart + options.deadline().toMillis();
        Map<String, Integer> rows = Map.of();
        Set<String> live = Set.of();
        while (System.currentTimeMillis() < deadline) {
            live = sandbox.batchGet(candidates).keySet();
            rows = storedLeads(postgres);
            Set<String> liveNow = live;
            Map<String, Integer> rowsNow = rows;
            long missing = liveNow.stream().filter(id -> !rowsNow.containsKey(id)).count();
            long present = withdrawn.stream().filter(rowsNow::containsKey).count();
            event("catch-up: " + liveNow.size() + " of " + candidates.size() + " leads live at the sandbox, " + rows.size()
                    + " stored, " + missing + " live ones missing, " + present + " withdrawn present");
            // done once every lead of the run has arrived at the sandbox (live or withdrawn) and the store agrees
            if (liveNow.size() + withdrawn.size() >= candidates.size() && missing == 0 && present == 0) {
                break;
            }
            Thread.sleep(5_000);
        }
        long refreshCalls = accessTokenCalls(sandbox) - refreshesBefore;
        for (AppProcess r : replicas) {
            r.stop();
        }
        ChildProcesses.stop(sandboxProcess, 30);

        Set<String> liveFinal = live;
        Map<String, Integer> rowsFinal = rows;
        int missing = (int) liveFinal.stream().filter(id -> !rowsFinal.containsKey(id)).count();
        int duplicated = (int) rowsFinal.values().stream().filter(n -> n > 1).count();
        int withdrawnPresent = (int) withdrawn.stream().filter(rowsFinal::containsKey).count();
        List<String> overlaps = overlaps(finderCalls);
        double perSecondPerReplica = deliveryRate(burstStart);
        ObjectNode report = SandboxClient.JSON.createObjectNode();
        report.put("date", Instant.now().toString());
        report.put("leads", options.leads()).put("seeded", seededIds.size()).put("burst", burstIds.size())
                .put("withdrawn", withdrawn.size()).put("live", liveFinal.size()).put("stored", rowsFinal.size());
        report.put("missing", missing).put("duplicated", duplicated).put("withdrawnPresent", withdrawnPresent);
        report.put("finderCalls", finderCalls.size()).put("overlappingPollers", overlaps.size());
        report.put("refreshCallsOnOneExpiry", refreshCalls);
        report.put("failoverMillis", failover);
        report.put("storedAtLeaderKill", storedAtKill);
        report.put("webhookDeliveries", deliveries.size());
        report.put("peakDeliveriesPerSecondPerReplica", perSecondPerReplica);
        List<Long> took = new ArrayList<>(deliveryMillis);
        Collections.sort(took);
        if (!took.isEmpty()) {
            report.put("deliveryAnswerMillisP50", took.get(took.size() / 2));
            report.put("deliveryAnswerMillisP95", took.get((int) Math.min(took.size() - 1, Math.round(took.size() * 0.95))));
        }
        report.set("timeline", timeline);
        Files.writeString(Files.createDirectories(options.reportDir()).resolve("report.json"),
                SandboxClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        event("result: missing " + missing + ", duplicated " + duplicated + ", withdrawn present " + withdrawnPresent
                + ", overlapping pollers " + overlaps.size() + ", refresh calls on one expiry " + refreshCalls
                + ", failover " + failover + " ms, " + deliveries.size() + " webhook deliveries (peak " + perSecondPerReplica
                + "/s per replica, answered in " + report.path("deliveryAnswerMillisP50").asLong() + " ms median, "
                + report.path("deliveryAnswerMillisP95").asLong() + " ms p95); report "
                + options.reportDir().resolve("report.json"));
        return new Result(missing, duplicated, withdrawnPresent, overlaps, refreshCalls, failover, storedAtKill, seededIds.size(),
                rowsFinal.size(),
                liveFinal.size(), perSecondPerReplica, report);
    }

    /**
     * Two pollers overlapped when a replica makes a finder call after another replica has taken over: in time order,
     * each replica's calls form one unbroken run (a killed leader never comes back as the poller here, as no one
     * else is killed while it leads).
     */
    static List<String> overlaps(List<FinderCall> calls) {
        List<FinderCall> ordered = new ArrayList<>(calls);
        ordered.sort(java.util.Comparator.comparingLong(FinderCall::atMillis));
        List<String> overlaps = new ArrayList<>();
        Set<String> finished = new LinkedHashSet<>();
        String current = null;
        for (FinderCall call : ordered) {
            if (!call.replica().equals(current)) {
                if (finished.contains(call.replica())) {
                    overlaps.add(call.replica() + " pulled at " + Instant.ofEpochMilli(call.atMillis()) + " after " + current
                            + " had taken over");
                }
                if (current != null) {
                    finished.add(current);
                }
                current = call.replica();
            }
        }
        return overlaps;
    }

    private double deliveryRate(long from) {
        Map<Long, Integer> perSecond = new HashMap<>();
        deliveries.stream().filter(t -> t >= from).forEach(t -> perSecond.merge(t / 1000, 1, Integer::sum));
        int peak = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return peak / (double) REPLICAS;
    }

    private static long accessTokenCalls(SandboxClient sandbox) throws IOException, InterruptedException {
        long n = 0;
        JsonNode byStatus = sandbox.stats().path("calls").path("POST accessToken");
        for (JsonNode count : byStatus) {
            n += count.asLong();
        }
        return n;
    }

    /** Lead id → rows, over every per-form table. */
    private static Map<String, Integer> storedLeads(EmbeddedPostgres postgres) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = postgres.getDatabase("postgres", "leadsync").getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'leads_form_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT lead_id FROM " + table)) {
                    while (rs.next()) {
                        rows.merge(rs.getString(1), 1, Integer::sum);
                    }
                }
            }
        }
        return rows;
    }

    private static AppProcess byName(List<AppProcess> replicas, String name) {
        return replicas.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
