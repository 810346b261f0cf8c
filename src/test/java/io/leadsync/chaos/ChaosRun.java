package io.leadsync.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chaos run ("Nothing lost, nothing resurrected"): a standalone sandbox and the app as two processes, leads
 * submitted at a rate on the four lead types with about 2 % withdrawn, faults on the sandbox (5 % 500, 3 % 429, 20 %
 * of webhooks dropped, a 30 s outage, withdrawals while paging), the app killed with SIGKILL twice and restarted on
 * its data folder; then faults cleared, a bounded catch-up, and the app's tables compared with the sandbox's truth.
 * Run by {@code bench/chaos.sh}; exit code 0 only when every count is 0.
 */
public final class ChaosRun {

    static final long[] FORMS = {7234246L, 7234300L, 7234310L, 7234320L};
    static final String[] FORM_KINDS = {"sponsored", "event", "company", "product"};
    static final double[] FORM_WEIGHTS = {0.4, 0.2, 0.2, 0.2};
    static final long VISIBILITY_LAG_MS = 10_000;

    record Options(int leads, double minutes, long seed, int seededLeads, long pollDelayMs, double catchUpMinutes, Path projectDir,
                   Path reportDir, boolean keep, boolean quick) {

        static Options parse(String[] args) {
            int leads = 10_000;
            double minutes = 6;
            long seed = 20261201L;
            int seeded = 300;
            long poll = 15_000;
            double catchUp = 8;
            Path project = Path.of("").toAbsolutePath();
            Path report = null;
            boolean keep = false;
            boolean quick = false;
            Integer leadsGiven = null;
            Double minutesGiven = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--leads" -> leadsGiven = Integer.parseInt(value(args, ++i));
                    case "--minutes" -> minutesGiven = Double.parseDouble(value(args, ++i));
                    case "--quick" -> quick = true;
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--seeded-leads" -> seeded = Integer.parseInt(value(args, ++i));
                    case "--poll-delay-ms" -> poll = Long.parseLong(value(args, ++i));
                    case "--catch-up-minutes" -> catchUp = Double.parseDouble(value(args, ++i));
                    case "--project-dir" -> project = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--report-dir" -> report = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--keep" -> keep = true;
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                            + "; usage: chaos.sh [--quick] [--leads N] [--minutes M] [--seed S] [--seeded-leads K] [--poll-delay-ms D]"
                            + " [--catch-up-minutes C] [--report-dir DIR] [--keep]");
                }
            }
            if (quick) {
                leads = 1_000;
                minutes = 2;
            }
            leads = leadsGiven != null ? leadsGiven : leads;
            minutes = minutesGiven != null ? minutesGiven : minutes;
            if (leads < 1 || leads > 200_000 || minutes < 1 || minutes > 120 || catchUp <= 0 || catchUp > 60) {
                throw new IllegalArgumentException("--leads 1..200000, --minutes 1..120, --catch-up-minutes up to 60");
            }
            return new Options(leads, minutes, seed, seeded, poll, catchUp, project,
                    report != null ? report : project.resolve("target/chaos"), keep, quick);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** A lead the run submitted. */
    record Submitted(String id, long formId, long plannedAtMillis, boolean test, long visibleAfterSeconds) {
    }

    /** A withdrawal waiting for its moment. */
    record PendingWithdrawal(long dueMillis, String id, int attempts, boolean soon) {
    }

    private final Options options;
    private final Random random;
    private final ChildProcesses children = new ChildProcesses();
    private final Map<String, Submitted> submitted = new ConcurrentHashMap<>();
    private final Set<String> withdrawnByRun = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> withdrawnAt = new ConcurrentHashMap<>();
    /** When the app was down and when the outage ran: {start, end} in epoch ms, end Long.MAX_VALUE while open. */
    private final List<long[]> appDown = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<long[]> outages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<String> withdrawNotLive = ConcurrentHashMap.newKeySet();
    private final PriorityBlockingQueue<PendingWithdrawal> withdrawals = new PriorityBlockingQueue<>(64,
            Comparator.comparingLong(PendingWithdrawal::dueMillis));
    private final List<String> submitErrors = new ArrayList<>();
    private final ArrayNode timeline = SandboxClient.JSON.createArrayNode();
    private final AtomicBoolean flushWithdrawals = new AtomicBoolean();
    private final AtomicBoolean stopSubmitting = new AtomicBoolean();
    private long runStart;
    private int withdrawSoon;
    private int withdrawLater;

    private ChaosRun(Options options) {
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
        int code;
        try {
            code = new ChaosRun(options).run();
        } catch (Exception e) {
            System.err.println("Chaos run failed: " + e);
            e.printStackTrace();
            code = 3;
        }
        System.exit(code);
    }

    private void log(String message) {
        System.out.printf("[chaos %6.1fs] %s%n", (System.currentTimeMillis() - runStart) / 1000.0, message);
        System.out.flush();
    }

    private void event(String what) {
        ObjectNode e = timeline.addObject();
        e.put("atSeconds", Math.round((System.currentTimeMillis() - runStart) / 100.0) / 10.0);
        e.put("event", what);
        log(what);
    }

    private int run() throws Exception {
        runStart = System.currentTimeMillis();
        Path reportDir = options.reportDir();
        Path logDir = reportDir.resolve("logs");
        Files.createDirectories(logDir);
        try (Stream<Path> old = Files.list(logDir)) {
            for (Path p : old.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Path work = Files.createTempDirectory("leadsync-chaos-");
        try {
            return runIn(work, logDir, reportDir);
        } finally {
            children.killAll();
            if (!options.keep()) {
                deleteTree(work);
            } else {
                log("kept the run's data in " + work);
            }
        }
    }

    private int runIn(Path work, Path logDir, Path reportDir) throws Exception {
        long submitMillis = Math.round(options.minutes() * 60_000);
        log("chaos run: " + options.leads() + " leads over " + options.minutes() + " min, seed " + options.seed() + ", work dir " + work);

        // the sandbox, on its own folder and port
        int sandboxPort = ChildProcesses.freePort();
        Process sandboxProcess = children.startJava("io.leadsync.sandbox.SandboxMain",
                List.of("--port", Integer.toString(sandboxPort), "--auto-approve", "--data-dir", work.resolve("sandbox").toString(),
                        "--seed", Long.toString(options.seed()), "--leads", Integer.toString(options.seededLeads())),
                options.projectDir(), Map.of(), logDir.resolve("sandbox.log"), "1g");
        SandboxClient sandbox = new SandboxClient(sandboxPort);
        awaitUntil(Duration.ofSeconds(90), sandbox::reachable, "the sandbox to answer");
        event("sandbox up on port " + sandboxPort + " (pid " + sandboxProcess.pid() + ")");

        // the seeded leads the back-fill must bring: every live one of the last 364 days, read before any fault
        long windowStart = System.currentTimeMillis() - Duration.ofDays(364).toMillis();
        JsonNode world = sandbox.world();
        Set<String> seeded = new LinkedHashSet<>();
        Set<String> streams = new LinkedHashSet<>();
        for (JsonNode form : world.path("forms")) {
            Map.Entry<String, JsonNode> owner = form.path("owner").fields().next();
            String stream = owner.getKey() + "|" + owner.getValue().asText() + "|" + form.path("leadType").asText();
            if (streams.add(stream)) {
                seeded.addAll(sandbox.findIds(owner.getKey(), owner.getValue().asText(), form.path("leadType").asText(), windowStart));
            }
        }
        event("seeded world: " + seeded.size() + " live leads in the last 364 days on " + streams.size() + " streams");

        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        AppProcess app = new AppProcess(children, options.projectDir(), Files.createDirectories(work.resolve("app-data")), logDir,
                sandbox.baseUrl(), password, options.pollDelayMs());
        app.start();
        boolean ready = app.awaitReady(Duration.ofSeconds(180));
        event("app started (pid " + app.pid() + "), ready=" + ready);

        // the plan: every moment drawn from the seed
        List<Map.Entry<Long, String>> plan = plan(submitMillis);
        ObjectNode planJson = SandboxClient.JSON.createObjectNode();
        plan.forEach(p -> planJson.put(p.getValue(), Math.round(p.getKey() / 100.0) / 10.0));

        long phaseStart = System.currentTimeMillis();
        Thread submitter = new Thread(() -> submitLoop(sandbox, phaseStart, submitMillis), "chaos-submitter");
        Thread withdrawer = new Thread(() -> withdrawLoop(sandbox), "chaos-withdrawer");
        submitter.setDaemon(true);
        withdrawer.setDaemon(true);
        submitter.start();
        withdrawer.start();
        event("submitting " + options.leads() + " leads over " + submitMillis / 1000 + " s");

        ObjectNode baseline = SandboxClient.JSON.createObjectNode().put("serverErrorRate", 0.05).put("throttleRate", 0.03)
                .put("retryAfterSeconds", 1).put("dropWebhookRate", 0.2);
        for (Map.Entry<Long, String> step : plan) {
            sleepUntil(phaseStart + step.getKey());
            switch (step.getValue().replaceAll("[0-9]+$", "")) {
                case "faults" -> {
                    sandbox.setFaults(baseline);
                    event("faults on: 5% 500, 3% 429 (Retry-After 1 s), 20% of webhooks dropped");
                }
                case "kill" -> {
                    long pid = app.pid();
                    app.kill9();
                    appDown.add(new long[] {System.currentTimeMillis(), Long.MAX_VALUE});
                    event("kill -9 app (pid " + pid + ")");
                }
                case "restart" -> {
                    app.start();
                    boolean up = app.awaitReady(Duration.ofSeconds(120));
                    appDown.get(appDown.size() - 1)[1] = System.currentTimeMillis();
                    event("app restarted on the same data folder (pid " + app.pid() + "), ready=" + up);
                }
                case "withdrawDuringPaging" -> {
                    sandbox.setFaults(SandboxClient.JSON.createObjectNode().put("withdrawDuringPaging", 5));
                    event("withdrawDuringPaging=5");
                }
                case "outageStart" -> {
                    sandbox.setFaults(SandboxClient.JSON.createObjectNode().put("serverErrorRate", 1.0).put("dropWebhookRate", 1.0));
                    outages.add(new long[] {System.currentTimeMillis(), Long.MAX_VALUE});
                    event("outage: every API call 500, every webhook dropped, for 30 s");
                }
                case "outageEnd" -> {
                    sandbox.setFaults(baseline);
                    outages.get(outages.size() - 1)[1] = System.currentTimeMillis();
                    event("outage over: back to the baseline faults");
                }
                default -> throw new IllegalStateException(step.getValue());
            }
        }
        submitter.join(submitMillis + 120_000);
        stopSubmitting.set(true);
        // leads submitted at a rate arrive up to one tick after their call
        Thread.sleep(3_000);
        event("submission over: " + submitted.size() + " leads submitted" + (submitErrors.isEmpty() ? "" : ", " + submitErrors.size() + " submit calls failed"));
        flushWithdrawals.set(true);
        withdrawer.join(180_000);
        event("withdrawals done: " + withdrawnByRun.size() + " withdrawn by the run (" + withdrawSoon + " planned soon after submission, "
                + withdrawLater + " later), " + withdrawNotLive.size() + " not live when asked");
        JsonNode faultsLeft = sandbox.faults();
        sandbox.clearFaults();
        phaseEnd = System.currentTimeMillis();
        event("faults cleared (withdrawDuringPaging left unused: " + faultsLeft.path("withdrawDuringPaging").asInt() + ")");
        if (!app.alive()) {
            app.start();
            event("app was not running: started");
        }

        // catch-up: the pull must pass the last submission (its visibility lag is 10 s) and the tables must settle
        long lastVisible = submitted.values().stream().mapToLong(s -> s.plannedAtMillis() + s.visibleAfterSeconds() * 1000).max().orElse(0);
        long earliestEnd = lastVisible + VISIBILITY_LAG_MS + 2 * options.pollDelayMs() + 5_000;
        long deadline = System.currentTimeMillis() + Math.round(options.catchUpMinutes() * 60_000);
        long previous = -1;
        int stableSamples = 0;
        long stored = -1;
        boolean settled = false;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = app.status();
            stored = status == null ? -1 : storedCount(status);
            stableSamples = stored >= 0 && stored == previous ? stableSamples + 1 : 0;
            previous = stored;
            log("catch-up: app status says " + stored + " leads stored" + (stableSamples > 0 ? " (unchanged x" + stableSamples + ")" : ""));
            if (stableSamples >= 3 && System.currentTimeMillis() >= earliestEnd) {
                settled = true;
                break;
            }
            Thread.sleep(10_000);
        }
        event("catch-up " + (settled ? "settled" : "stopped at its time limit") + " with " + stored + " leads stored");
        // the daily withdrawal sweep, run now: withdrawals whose DELETED push was lost are only found this way
        event("withdrawal reconciliation: " + app.reconcile() + " withdrawn leads found");
        boolean clean = app.stop();
        event("app stopped " + (clean ? "by SIGTERM" : "by SIGKILL after 60 s"));

        // the truth, with faults cleared, and the tables
        JsonNode stats = sandbox.stats();
        List<String> candidates = new ArrayList<>(seeded);
        submitted.keySet().stream().filter(id -> !seeded.contains(id)).sorted().forEach(candidates::add);
        Map<String, JsonNode> live = sandbox.batchGet(candidates);
        List<StoredLeads.Row> rows = StoredLeads.read(app.dataDir());
        event("truth: " + candidates.size() + " leads known, " + live.size() + " live; " + rows.size() + " rows in the app's tables");
        Verdict verdict = Verdict.compare(candidates, live, rows, submitted, withdrawnByRun, seeded, sandbox, windowStart, this::withdrawalContext);
        ChildProcesses.stop(sandboxProcess, 30);
        ObjectNode report = SandboxClient.JSON.createObjectNode();
        report.put("date", Instant.now().toString());
        ObjectNode opts = report.putObject("options");
        opts.put("leads", options.leads()).put("minutes", options.minutes()).put("seed", options.seed()).put("quick", options.quick())
                .put("seededLeads", options.seededLeads()).put("pollDelayMs", options.pollDelayMs());
        report.set("plan", planJson);
        report.set("timeline", timeline);
        ObjectNode run = report.putObject("run");
        run.put("submitted", submitted.size()).put("withdrawnByRun", withdrawnByRun.size()).put("withdrawNotLive", withdrawNotLive.size())
                .put("seededInWindow", seeded.size()).put("appStarts", app.starts()).put("catchUpSettled", settled)
                .put("withdrawDuringPagingUnused", faultsLeft.path("withdrawDuringPaging").asInt()).put("submitErrors", submitErrors.size());
        run.set("sandboxStats", stats);
        verdict.write(report, logDir);
        Files.writeString(reportDir.resolve("report.json"), SandboxClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println();
        System.out.print(verdict.table());
        System.out.println("report: " + reportDir.resolve("report.json") + ", logs: " + logDir);
        return verdict.allZero() ? 0 : 1;
    }

    /** When the run withdrew a lead and what stood in the way of its DELETED notification then, for the report. */
    private String withdrawalContext(String id) {
        Long at = withdrawnAt.get(id);
        if (at == null) {
            return null;
        }
        String when = "withdrawn at " + Instant.ofEpochMilli(at) + String.format(" (%.1f s into the run)", (at - runStart) / 1000.0);
        for (long[] d : appDown) {
            if (at >= d[0] && at <= d[1]) {
                return when + " while the app was down (killed)";
            }
        }
        for (long[] o : outages) {
            if (at >= o[0] && at <= o[1]) {
                return when + " during the outage (every webhook dropped)";
            }
        }
        return when + (at < phaseEnd ? " with the baseline faults (20% of webhooks dropped)" : " after the faults were cleared");
    }

    private volatile long phaseEnd = Long.MAX_VALUE;

    /** The faults, the two kills with their restarts and the outage, at moments drawn from the seed (ms into the phase). */
    private List<Map.Entry<Long, String>> plan(long s) {
        List<Map.Entry<Long, String>> plan = new ArrayList<>();
        plan.add(Map.entry((long) (s * 0.03), "faults"));
        long kill1 = (long) (s * (0.18 + 0.14 * random.nextDouble()));
        long down1 = 3_000 + (long) (9_000 * random.nextDouble());
        plan.add(Map.entry(kill1, "kill1"));
        plan.add(Map.entry(kill1 + down1, "restart1"));
        long paging = Math.max(kill1 + down1 + 5_000, (long) (s * 0.40));
        plan.add(Map.entry(paging, "withdrawDuringPaging"));
        long outage = Math.max(paging + 5_000, (long) (s * (0.45 + 0.08 * random.nextDouble())));
        plan.add(Map.entry(outage, "outageStart"));
        plan.add(Map.entry(outage + 30_000, "outageEnd"));
        long kill2 = Math.max(outage + 40_000, (long) (s * (0.70 + 0.12 * random.nextDouble())));
        long down2 = 3_000 + (long) (9_000 * random.nextDouble());
        plan.add(Map.entry(kill2, "kill2"));
        plan.add(Map.entry(kill2 + down2, "restart2"));
        plan.sort(Map.Entry.comparingByKey());
        return plan;
    }

    private void submitLoop(SandboxClient sandbox, long phaseStart, long submitMillis) {
        long tickMs = 2_000;
        long ticks = Math.max(1, submitMillis / tickMs);
        double perTick = (double) options.leads() / ticks;
        double carry = 0;
        int total = 0;
        Random r = new Random(options.seed() * 31 + 7);
        for (long tick = 0; tick < ticks && total < options.leads() && !stopSubmitting.get(); tick++) {
            sleepUninterruptibly(phaseStart + tick * tickMs);
            carry += perTick;
            int count = (int) Math.min(Math.floor(carry), options.leads() - total);
            if (tick == ticks - 1) {
                count = options.leads() - total;
            }
            carry -= count;
            int[] perForm = new int[FORMS.length];
            for (int i = 0; i < count; i++) {
                double x = r.nextDouble();
                int f = 0;
                while (f < FORMS.length - 1 && x >= FORM_WEIGHTS[f]) {
                    x -= FORM_WEIGHTS[f];
                    f++;
                }
                perForm[f]++;
            }
            for (int f = 0; f < FORMS.length; f++) {
                if (perForm[f] == 0) {
                    continue;
                }
                boolean test = r.nextDouble() < 0.25;
                double v = r.nextDouble();
                // most leads are readable at once; some LinkedIn indexes late, within and beyond the pull's 10 s lag
                long visibleAfter = v < 0.10 ? 8 : v < 0.15 ? 20 : 0;
                double perSecond = perForm[f] / (tickMs / 1000.0);
                long called = System.currentTimeMillis();
                try {
                    List<String> ids = sandbox.submit(FORMS[f], perForm[f], test, perSecond, visibleAfter);
                    for (int i = 0; i < ids.size(); i++) {
                        long planned = called + (long) (i * 1000 / perSecond);
                        submitted.put(ids.get(i), new Submitted(ids.get(i), FORMS[f], planned, test, visibleAfter));
                        double w = r.nextDouble();
                        if (w < 0.01) {
                            withdrawSoon++;
                            withdrawals.add(new PendingWithdrawal(planned + visibleAfter * 1000 + 2_000 + r.nextInt(6_000), ids.get(i), 0, true));
                        } else if (w < 0.02) {
                            withdrawLater++;
                            withdrawals.add(new PendingWithdrawal(planned + 30_000 + r.nextInt(120_000), ids.get(i), 0, false));
                        }
                    }
                    total += ids.size();
                } catch (Exception e) {
                    synchronized (submitErrors) {
                        submitErrors.add(e.toString());
                    }
                    log("submit on form " + FORMS[f] + " failed: " + e);
                }
            }
        }
    }

    private void withdrawLoop(SandboxClient sandbox) {
        long hardEnd = System.currentTimeMillis() + Math.round(options.minutes() * 60_000) + 600_000;
        while (System.currentTimeMillis() < hardEnd) {
            PendingWithdrawal next = withdrawals.peek();
            if (next == null) {
                if (flushWithdrawals.get()) {
                    return;
                }
                sleepUninterruptibly(System.currentTimeMillis() + 200);
                continue;
            }
            if (next.dueMillis() > System.currentTimeMillis() && !flushWithdrawals.get()) {
                sleepUninterruptibly(Math.min(next.dueMillis(), System.currentTimeMillis() + 200));
                continue;
            }
            withdrawals.remove(next);
            try {
                int status = sandbox.withdraw(next.id());
                if (status == 204) {
                    withdrawnByRun.add(next.id());
                    withdrawnAt.put(next.id(), System.currentTimeMillis());
                } else if (status == 404 && next.attempts() < 5) {
                    // not submitted yet (a lead arriving at a rate), or withdrawn by the sandbox already
                    withdrawals.add(new PendingWithdrawal(System.currentTimeMillis() + 2_000, next.id(), next.attempts() + 1, next.soon()));
                } else {
                    withdrawNotLive.add(next.id());
                }
            } catch (Exception e) {
                log("withdraw " + next.id() + " failed: " + e);
                if (next.attempts() < 5) {
                    withdrawals.add(new PendingWithdrawal(System.currentTimeMillis() + 2_000, next.id(), next.attempts() + 1, next.soon()));
                }
            }
        }
    }

    /** The sum of the lead counts of every form in {@code GET /api/status}. */
    static long storedCount(JsonNode status) {
        long total = 0;
        for (JsonNode form : status.path("forms")) {
            total += form.path("leads").asLong(0);
        }
        return total;
    }

    interface Check {
        boolean done() throws Exception;
    }

    private static void awaitUntil(Duration timeout, Check check, String what) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (check.done()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static void sleepUninterruptibly(long epochMillis) {
        try {
            sleepUntil(epochMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
