package io.leadsync.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The benchmark command ({@code bench/run.sh}): one standalone sandbox, and against it, in one run, the raw-fetch
 * ceiling, the shipped app's back-fill into H2 and into embedded PostgreSQL beside a hand-written loop
 * ({@link BaselineLoop}) into the same tables, LinkedIn calls per back-fill against the minimum, push latency, and
 * start to ready. Prints one table and writes {@code target/bench/report.json}. See README "Benchmarks".
 * <p>
 * Every sub-measurement has a deadline and stops by itself; every child JVM is stopped on exit (and, should this JVM
 * be killed, by the next run: {@link PidFile}); traffic goes to 127.0.0.1 only; temporary folders are deleted.
 */
public final class BenchMain {

    private static final long DAY_MS = 86_400_000L;
    private static final long WINDOW_MS = 365 * DAY_MS;
    /** The window the benchmark expects the app to store: [launch - 365 d + MARGIN, ...]; see {@link #expected}. */
    private static final long WINDOW_MARGIN_MS = 60_000;
    /** Discovery a minimal client needs: member, ad accounts, ad-account roles, page roles, forms of the 3 owners. */
    private static final int DISCOVERY_CALLS = 7;
    private static final long PUSH_FORM = 7234246L;
    private static final int PUSH_WARM_UP_SECONDS = 5;
    private static final Pattern PULLED = Pattern.compile("(\\d+) in leads_form_\\d+");
    private static final Pattern PUSHED = Pattern.compile("[Ll]ead (\\S+) \\(.*\\) stored in table");
    private static final int START_ROUNDS = 3;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Options options;
    private final Path repo;
    private final Path out;
    private final Path tmp;
    private final List<ChildProcess> children = new ArrayList<>();
    private final ObjectNode report = SandboxClient.JSON.createObjectNode();
    private final List<String[]> table = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Epoch microseconds = nanoTime / 1000 + this. */
    private final long epochOffsetMicros;
    private EmbeddedPostgres postgres;
    private SandboxClient sandbox;
    private String token;
    private List<SandboxClient.Stream> streams;
    private int versionsWithLeads;
    private final int serverPort;
    /** The last readiness answer that was not UP (why the app was not ready yet). */
    private volatile String lastNotReady;
    private final int managementPort;

    record Options(int leads, boolean million, boolean quick, List<String> databases, String appClasspath, String benchClasspath,
                   boolean keep, Long pollDelayMillis, Path imageDir) {
        static Options parse(String[] args) {
            int leads = 100_000;
            Long pollDelay = null;
            boolean million = false;
            boolean quick = false;
            boolean keep = false;
            List<String> databases = List.of("h2", "postgresql");
            String appCp = null;
            Path imageDir = null;
            String benchCp = System.getProperty("java.class.path");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--million" -> {
                        million = true;
                        leads = 1_000_000;
                    }
                    case "--quick" -> quick = true;
                    case "--keep" -> keep = true;
                    case "--leads" -> leads = Integer.parseInt(args[++i]);
                    case "--poll-delay" -> pollDelay = Long.parseLong(args[++i]);
                    case "--databases" -> databases = List.of(args[++i].split(","));
                    case "--app-classpath" -> appCp = args[++i];
                    case "--bench-classpath" -> benchCp = args[++i];
                    case "--image-dir" -> imageDir = Path.of(args[++i]).toAbsolutePath();
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                            + " (usage: [--million] [--quick] [--leads N] [--databases h2,postgresql] [--poll-delay MS] [--keep])");
                }
            }
            if (appCp == null) {
                throw new IllegalArgumentException("--app-classpath is required (bench/run.sh passes the app's compile classpath)");
            }
            if (imageDir == null || !Files.isDirectory(imageDir.resolve("lib"))) {
                throw new IllegalArgumentException("--image-dir must name the container image's layout, a folder with lib/ (bench/run.sh builds it)");
            }
            return new Options(leads, million, quick, databases, appCp, benchCp, keep, pollDelay, imageDir);
        }

        int pushSeconds() {
            return quick ? 10 : 60;
        }
    }

    private BenchMain(Options options) throws IOException {
        this.options = options;
        this.repo = Path.of("").toAbsolutePath();
        this.out = repo.resolve("target/bench");
        Files.createDirectories(out);
        if (Files.isDirectory(out.resolve("logs"))) {
            try (Stream<Path> old = Files.list(out.resolve("logs"))) {
                old.forEach(f -> f.toFile().delete());
            }
        }
        // the temporary folder of a run that was killed before it could delete it
        Path marker = out.resolve("temp-folder");
        if (Files.exists(marker)) {
            Path stale = Path.of(Files.readString(marker).trim());
            if (stale.getFileName().toString().startsWith("leadsync-bench-") && Files.isDirectory(stale)
                    && stale.getParent().equals(Path.of(System.getProperty("java.io.tmpdir")))) {
                deleteTree(stale);
            }
        }
        this.tmp = Files.createTempDirectory("leadsync-bench-");
        Files.writeString(marker, tmp.toString());
        this.epochOffsetMicros = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
        this.serverPort = freePort();
        this.managementPort = freePort();
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
        BenchMain bench = new BenchMain(options);
        PidFile.open(bench.out.resolve("children.pid"));
        Thread cleanup = new Thread(bench::cleanUp, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int code = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            bench.cleanUp();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        System.exit(code);
    }

    private void run() throws Exception {
        report.put("date", java.time.LocalDate.now(ZoneOffset.UTC).toString());
        report.put("leads", options.leads());
        report.put("mode", options.million() ? "million" : options.quick() ? "quick" : "standard");
        ObjectNode machine = report.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        machine.put("loadAverageAtStart", loadAverage());
        machine.put("java", System.getProperty("java.version"));
        System.out.printf("Benchmark: %,d leads, %s; temporary folder %s; load average %.1f on %d cores%n", options.leads(),
                report.get("mode").asText(), tmp, loadAverage(), Runtime.getRuntime().availableProcessors());

        startSandbox();
        rawFetch();
        Map<String, ObjectNode> runs = new LinkedHashMap<>();
        for (String db : options.databases()) {
            // the loop first: the app's push test adds leads, and both back-fills must read the same ones
            ObjectNode loop = baselineRun(db);
            ObjectNode app = appRun(db);
            ObjectNode both = report.putObject("backfill_" + db);
            both.set("app", app);
            both.set("loop", loop);
            runs.put(db, both);
        }
        startUp();
        machine.put("loadAverageAtEnd", loadAverage());
        summarize(runs);
        Files.writeString(out.resolve("report.json"), SandboxClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        printTable();
        System.out.println("Written " + repo.relativize(out.resolve("report.json")) + "; logs of each process in "
                + (options.keep() ? tmp : repo.relativize(out.resolve("logs"))));
    }

    // ---------------------------------------------------------------------------------------------------- sandbox

    private void startSandbox() throws Exception {
        int port = freePort();
        List<String> jvm = List.of(options.million() ? "-Xmx10g" : "-Xmx3g", "-XX:+UseG1GC");
        ChildProcess child = ChildProcess.start("sandbox", jvm, options.appClasspath(), "io.leadsync.sandbox.SandboxMain",
                List.of("--port", String.valueOf(port), "--leads", String.valueOf(options.leads()), "--auto-approve",
                        "--data-dir", tmp.resolve("sandbox").toString()), repo, Map.of(), logs().resolve("sandbox.log"));
        children.add(child);
        Duration timeout = Duration.ofMinutes(options.million() ? 15 : 5);
        if (!child.awaitLine(l -> l.startsWith("sandbox ready on"), timeout)) {
            throw new IllegalStateException("The sandbox was not ready within " + timeout + ":\n" + child.tail(20));
        }
        double seeded = (System.nanoTime() - child.startedNanos()) / 1e9;
        sandbox = new SandboxClient("http://127.0.0.1:" + port);
        token = sandbox.accessToken();
        JsonNode world = sandbox.world();
        streams = SandboxClient.streamsWithForms(world);
        long now = System.currentTimeMillis();
        for (JsonNode form : world.get("forms")) {
            JsonNode owner = form.get("owner");
            String key = owner.fieldNames().next();
            SandboxClient.Stream stream = new SandboxClient.Stream(key, owner.get(key).asText(), form.get("leadType").asText());
            for (JsonNode version : form.get("versions")) {
                if (sandbox.total(token, stream, now - WINDOW_MS, now + DAY_MS, version.get("versionedLeadGenFormUrn").asText()) > 0) {
                    versionsWithLeads++;
                }
            }
        }
        ObjectNode s = report.putObject("sandbox");
        s.put("seedAndStartSeconds", seeded);
        s.put("leadsInWorld", world.path("leadCount").asLong());
        s.put("streamsWithForms", streams.size());
        s.put("formVersionsWithLeadsInWindow", versionsWithLeads);
        System.out.printf("Sandbox with %,d leads ready in %.1f s on %s; %d streams with forms, %d form versions with leads%n",
                world.path("leadCount").asLong(), seeded, sandbox.baseUrl(), streams.size(), versionsWithLeads);
    }

    /** Leads per stream in [launch - 365 d + margin, launch + 1 d]: what the app's 365-day window certainly holds. */
    private Map<SandboxClient.Stream, Long> expected(long launchMillis) throws IOException, InterruptedException {
        Map<SandboxClient.Stream, Long> counts = new LinkedHashMap<>();
        for (SandboxClient.Stream stream : streams) {
            counts.put(stream, sandbox.total(token, stream, launchMillis - WINDOW_MS + WINDOW_MARGIN_MS, launchMillis + DAY_MS, null));
        }
        return counts;
    }

    // ---------------------------------------------------------------------------------------------------- raw fetch

    private void rawFetch() throws Exception {
        long now = System.currentTimeMillis();
        RawFetch.Pass best = null;
        ArrayNode passes = SandboxClient.JSON.createArrayNode();
        long deadline = System.nanoTime() + Duration.ofMinutes(options.million() ? 10 : 3).toNanos();
        // the first passes warm the sandbox's JIT; the best of five is the ceiling
        for (int pass = 1; pass <= 5 && System.nanoTime() < deadline; pass++) {
            RawFetch.Pass p = RawFetch.pass(sandbox, token, streams, now - WINDOW_MS, now + DAY_MS);
            passes.addObject().put("leads", p.leads()).put("pages", p.pages()).put("bytes", p.bytes()).put("seconds", p.seconds())
                    .put("leadsPerSecond", p.leadsPerSecond());
            System.out.printf("Raw fetch pass %d: %,d leads in %,d pages, %.2f s: %,.0f leads/s (%.1f MB/s)%n", pass, p.leads(), p.pages(),
                    p.seconds(), p.leadsPerSecond(), p.bytes() / p.seconds() / 1e6);
            if (best == null || p.leadsPerSecond() > best.leadsPerSecond()) {
                best = p;
            }
        }
        ObjectNode r = report.putObject("rawFetch");
        r.put("leadsPerSecond", best.leadsPerSecond());
        r.put("method", "pages of 1,000 with the connector's projection, all streams, sequential, best of 5 passes");
        r.set("passes", passes);
    }

    // ---------------------------------------------------------------------------------------------------- the app

    private ObjectNode appRun(String db) throws Exception {
        boolean pg = db.equals("postgresql");
        Path dataDir = tmp.resolve("app-" + db);
        Files.createDirectories(dataDir);
        Map<String, String> env = adminPassword();
        List<String> jvm = new ArrayList<>();
        if (options.million()) {
            jvm.add("-Xmx256m");
        }
        String extra = System.getenv("BENCH_APP_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            // e.g. a flight recording of the app: -XX:StartFlightRecording=filename=/tmp/app.jfr,settings=profile
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        Path gcLog = tmp.resolve("app-" + db + "-gc.log");
        jvm.add("-Xlog:gc:file=" + gcLog);
        jvm.addAll(appSettings(dataDir, serverPort, managementPort));
        String jdbcUrl;
        if (pg) {
            jdbcUrl = postgresDatabase("app_run");
            jvm.add("-Dleadsync.datasource.url=" + jdbcUrl);
            jvm.add("-Dleadsync.datasource.username=postgres");
            jvm.add("-Dleadsync.sandbox.allow-external-datasource=true");
        } else {
            jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("leadsync");
        }

        long launchMillis = System.currentTimeMillis();
        Map<SandboxClient.Stream, Long> expected = expected(launchMillis);
        long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
        sandbox.resetStats();

        AtomicLong pulled = new AtomicLong();
        AtomicLong pulledDoneNanos = new AtomicLong();
        Map<String, Long> pushedSeen = new ConcurrentHashMap<>();
        AtomicLong registeredNanos = new AtomicLong();
        lastNotReady = null;
        ChildProcess app = ChildProcess.start("app-" + db, jvm, options.appClasspath(), "io.leadsync.app.LeadSyncMain", List.of(), repo, env,
                logs().resolve("app-" + db + ".log"), (nanos, line) -> {
                    if (line.contains("Pulled leads:")) {
                        Matcher m = PULLED.matcher(line);
                        long sum = 0;
                        while (m.find()) {
                            sum += Long.parseLong(m.group(1));
                        }
                        if (pulled.addAndGet(sum) >= expectedTotal) {
                            pulledDoneNanos.compareAndSet(0, nanos);
                        }
                    } else if (line.contains("LeadNotificationRegistrar") && line.contains("registered for")) {
                        registeredNanos.set(nanos);
                    } else {
                        Matcher m = PUSHED.matcher(line);
                        if (m.find()) {
                            pushedSeen.putIfAbsent(m.group(1), nanos);
                        }
                    }
                });
        children.add(app);
        ObjectNode r = SandboxClient.JSON.createObjectNode();
        r.put("database", pg ? "PostgreSQL (embedded, io.zonky.test)" : "H2 file (the app's default, in a temporary data folder)");
        r.put("expectedLeadsInWindow", expectedTotal);
        try {
            long readyNanos = 0;
            long startNanos = 0;
            long startCpu = 0;
            long startJit = 0;
            long endJit = 0;
            long endNanos = 0;
            long endCpu = 0;
            long stored = 0;
            long timeoutNanos = Duration.ofSeconds(Math.max(600, options.leads() / 250)).toNanos();
            long deadline = System.nanoTime() + timeoutNanos;
            while (endNanos == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Back-fill into " + db + " not complete within " + timeoutNanos / 1_000_000_000 + " s ("
                            + pulled.get() + " of " + expectedTotal + " leads in the app's 'Pulled leads: N new (K in leads_form_...)' lines; "
                            + "if LeadStoreSink words them otherwise now, adapt PULLED in BenchMain):\n" + app.tail(20));
                }
                if (!app.isAlive()) {
                    throw new IllegalStateException("The app ended during the back-fill:\n" + app.tail(30));
                }
                long now = System.nanoTime();
                if (readyNanos == 0 && ready()) {
                    readyNanos = now;
                    System.out.printf("  %s: ready (webhook registered) %,d ms after launch%n", db, (readyNanos - app.startedNanos()) / 1_000_000);
                }
                if (startNanos == 0) {
                    if (sandbox.stats().path("calls").has("FINDER leadFormResponses")) {
                        startNanos = System.nanoTime();
                        startCpu = app.cpuNanos();
                        startJit = CompilerCpu.nanos(app.pid());
                    }
                } else if (pulledDoneNanos.get() != 0) {
                    // the app's "Pulled leads: N new" lines (written after each page's commit) reached the window's count;
                    // no COUNT(*) while the back-fill runs: on two cores it would take CPU from the app being measured
                    endNanos = pulledDoneNanos.get();
                    endCpu = app.cpuNanos();
                    endJit = CompilerCpu.nanos(app.pid());
                }
                Thread.sleep(readyNanos == 0 || startNanos == 0 ? 20 : 10);
            }
            JsonNode stats = sandbox.stats();
            if (pg) {
                // the rows themselves, counted by a second connection: the end is when they are all there
                long countDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((stored = countRows(jdbcUrl, "postgres", "")) < expectedTotal && System.nanoTime() < countDeadline) {
                    Thread.sleep(250);
                    endNanos = System.nanoTime();
                    endCpu = app.cpuNanos();
                    endJit = CompilerCpu.nanos(app.pid());
                }
                if (stored < expectedTotal) {
                    throw new IllegalStateException("The app logged " + pulled.get() + " leads stored but PostgreSQL holds " + stored);
                }
            }
            // readiness may come after the back-fill (it waits for the webhook's registration): wait for it, bounded
            long readyDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (readyNanos == 0 && System.nanoTime() < readyDeadline) {
                if (ready()) {
                    readyNanos = System.nanoTime();
                }
                Thread.sleep(20);
            }
            double seconds = (endNanos - startNanos) / 1e9;
            double cpuSeconds = (endCpu - startCpu) / 1e9;
            r.put("leadsLoggedStored", pulled.get());
            if (pg) {
                r.put("rowsCountedAtEnd", stored);
            }
            r.put("seconds", seconds);
            r.put("leadsPerSecond", expectedTotal / seconds);
            r.put("cpuSeconds", cpuSeconds);
            r.put("cpuMicrosPerLead", cpuSeconds * 1e6 / expectedTotal);
            r.put("jitCpuSeconds", (endJit - startJit) / 1e9);
            r.put("cpuMicrosPerLeadOutsideJit", (cpuSeconds - (endJit - startJit) / 1e9) * 1e6 / expectedTotal);
            r.put("startToReadyMillis", readyNanos == 0 ? -1 : (readyNanos - app.startedNanos()) / 1e6);
            r.put("launchToBackfillStartMillis", (startNanos - app.startedNanos()) / 1e6);
            // the app's last "Webhook ... registered for ..." line: every subscription in place, whatever readiness says
            r.put("launchToWebhookRegisteredLogMillis", registeredNanos.get() == 0 ? -1 : (registeredNanos.get() - app.startedNanos()) / 1e6);
            r.put("lastReadinessAnswerBeforeUp", lastNotReady);
            r.set("calls", calls(stats, expected));
            System.out.printf("  %s: back-fill of %,d leads in %.1f s: %,.0f leads/s, connector CPU %.1f s (%.0f us/lead)%n", db, expectedTotal,
                    seconds, expectedTotal / seconds, cpuSeconds, cpuSeconds * 1e6 / expectedTotal);

            r.set("push", push(db, app, pg ? jdbcUrl : null, pushedSeen));
        } finally {
            app.stop(Duration.ofSeconds(30));
        }
        r.set("heap", heap(gcLog));
        if (!pg) {
            // the file is the app's alone while it runs (no AUTO_SERVER); count it and read the push stamps once it has stopped
            r.put("rowsAfterStop", countRows(jdbcUrl, "sa", ""));
            ObjectNode push = (ObjectNode) r.get("push");
            finishPushFromH2(push, jdbcUrl);
        } else {
            r.put("rowsAfterStop", countRows(jdbcUrl, "postgres", ""));
        }
        return r;
    }

    /** The app's logging and settings as the benchmark runs it: sandbox mode on the standalone sandbox, no demo. */
    private List<String> appSettings(Path dataDir, int port, int managementPort) {
        List<String> jvm = new ArrayList<>();
        // as mvn exec:java and the container's entry point set it
        jvm.add("-Dlogback.configurationFile=io/leadsync/app/logback.xml");
        jvm.add("-Dleadsync.mode=sandbox");
        jvm.add("-Dleadsync.sandbox.url=" + sandbox.baseUrl());
        jvm.add("-Dleadsync.demo.enabled=false");
        if (options.pollDelayMillis() != null) {
            // the shipped delay (application.properties) otherwise: the back-fill does not wait for it (greedy polls)
            jvm.add("-Dleadsync.poll.delay=" + options.pollDelayMillis());
        }
        jvm.add("-Dleadsync.data-dir=" + dataDir);
        jvm.addAll(ports(port, managementPort));
        return jvm;
    }

    private static List<String> ports(int port, int managementPort) {
        return List.of("-Dcamel.server.port=" + port, "-Dcamel.management.port=" + managementPort,
                "-Dleadsync.webhook.external-url=http://127.0.0.1:" + port, "-Dleadsync.public-url=http://127.0.0.1:" + port);
    }

    private boolean ready() {
        return ready(managementPort);
    }

    private boolean ready(int managementPort) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/observe/health/ready")).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            boolean up = answer.statusCode() == 200 && answer.body().contains("\"UP\"");
            if (!up) {
                lastNotReady = answer.statusCode() + " " + answer.body();
            }
            return up;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------- start-up

    /**
     * Start to ready, apart from the back-fill runs: the app from {@code target/classes} (as {@code mvn exec:java} runs
     * it) and from the container image's layout (its jars in {@code lib/}, the class-data archive its build writes),
     * each {@value #START_ROUNDS} times as a first start (a new data folder and webhook URL: the subscriptions are
     * registered) and as a restart of the same folder (they are reused). H2, the default database.
     */
    private void startUp() throws Exception {
        ObjectNode s = report.putObject("startUp");
        Path archive = tmp.resolve("leadsync.jsa");
        s.set("classDataArchive", trainClassData(archive));
        s.set("classes", startUp("classes", repo, options.appClasspath(), List.of()));
        // the same options as deploy/container/Dockerfile's entry point
        s.set("image", startUp("image", options.imageDir(), "lib/*", List.of("-XX:SharedArchiveFile=" + archive)));
    }

    /**
     * Writes the image's class-data archive as {@code deploy/container/Dockerfile} does: one run of the app with
     * {@code deploy/container/class-data.args} (its embedded sandbox, until camel-main has been idle), which records
     * the classes it loaded when it exits. Only the ports and the data folder differ, so that it runs beside others.
     */
    private ObjectNode trainClassData(Path archive) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive,
                "@" + repo.resolve("deploy/container/class-data.args"), "-Dlogback.configurationFile=io/leadsync/app/logback.xml",
                "-Dleadsync.data-dir=" + tmp.resolve("class-data"), "-Dleadsync.sandbox.port=" + freePort()));
        jvm.addAll(ports(freePort(), freePort()));
        ChildProcess training = ChildProcess.start("class-data", jvm, "lib/*", "io.leadsync.app.LeadSyncMain", List.of(),
                options.imageDir(), adminPassword(), logs().resolve("class-data.log"));
        children.add(training);
        Integer exit;
        try {
            exit = training.waitFor(Duration.ofMinutes(5));
        } finally {
            training.stop(Duration.ofSeconds(30));
        }
        if (exit == null || exit != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("The class-data run " + (exit == null ? "did not end within 5 minutes" : "ended with " + exit)
                    + (Files.isRegularFile(archive) ? "" : " and wrote no archive") + ":\n" + training.tail(20));
        }
        double seconds = (System.nanoTime() - training.startedNanos()) / 1e9;
        System.out.printf("Class-data archive of the image layout written in %.1f s (%,d MiB)%n", seconds, Files.size(archive) >> 20);
        ObjectNode a = SandboxClient.JSON.createObjectNode();
        a.put("seconds", seconds);
        a.put("mebibytes", Files.size(archive) / (1024.0 * 1024));
        return a;
    }

    private ObjectNode startUp(String layout, Path directory, String classpath, List<String> jvmOptions) throws Exception {
        ObjectNode r = SandboxClient.JSON.createObjectNode();
        r.put("classpath", classpath.length() > 200 ? classpath.substring(0, 200) + "..." : classpath);
        r.set("jvmOptions", SandboxClient.JSON.valueToTree(jvmOptions));
        List<ObjectNode> first = new ArrayList<>();
        List<ObjectNode> restart = new ArrayList<>();
        for (int round = 1; round <= START_ROUNDS; round++) {
            Path data = tmp.resolve("start-" + layout + "-" + round);
            Files.createDirectories(data);
            int port = freePort();
            int management = freePort();
            first.add(startOnce(layout + "-" + round, directory, classpath, jvmOptions, data, port, management));
            restart.add(startOnce(layout + "-" + round + "-restart", directory, classpath, jvmOptions, data, port, management));
        }
        r.set("firstStart", startFigures(first));
        r.set("restart", startFigures(restart));
        System.out.printf("  start -> ready, %s: first start %,.0f ms, restart %,.0f ms (medians of %d)%n", layout,
                r.get("firstStart").get("medianMillis").asDouble(), r.get("restart").get("medianMillis").asDouble(), START_ROUNDS);
        return r;
    }

    private ObjectNode startOnce(String name, Path directory, String classpath, List<String> jvmOptions, Path data, int port, int management)
            throws Exception {
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.addAll(appSettings(data, port, management));
        ChildProcess app = ChildProcess.start("start-" + name, jvm, classpath, "io.leadsync.app.LeadSyncMain", List.of(), directory,
                adminPassword(), logs().resolve("start-" + name + ".log"));
        children.add(app);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ready(management)) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("The app (" + name + ") ended before it was ready:\n" + app.tail(20));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The app (" + name + ") was not ready within 60 s; last answer " + lastNotReady
                            + ":\n" + app.tail(20));
                }
                Thread.sleep(10);
            }
            ObjectNode r = SandboxClient.JSON.createObjectNode();
            r.put("readyMillis", (System.nanoTime() - app.startedNanos()) / 1e6);
            r.put("cpuMillisAtReady", app.cpuNanos() / 1e6);
            return r;
        } finally {
            app.stop(Duration.ofSeconds(30));
        }
    }

    private static ObjectNode startFigures(List<ObjectNode> runs) {
        ObjectNode f = SandboxClient.JSON.createObjectNode();
        f.set("runs", SandboxClient.JSON.valueToTree(runs));
        f.put("medianMillis", median(runs.stream().map(r -> r.get("readyMillis").asDouble()).toList()));
        f.put("medianCpuMillisAtReady", median(runs.stream().map(r -> r.get("cpuMillisAtReady").asDouble()).toList()));
        return f;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The operator password the app would otherwise generate and print. */
    private static Map<String, String> adminPassword() {
        return Map.of("LEADSYNC_ADMIN_PASSWORD", HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    }

    /** The sandbox's call counts of the back-fill, against the minimum (see README "Benchmarks"). */
    private ObjectNode calls(JsonNode stats, Map<SandboxClient.Stream, Long> expected) {
        ObjectNode c = SandboxClient.JSON.createObjectNode();
        long pagesMin = expected.values().stream().mapToLong(n -> Math.max(1, (n + 999) / 1000)).sum();
        long minimum = pagesMin + versionsWithLeads + DISCOVERY_CALLS;
        long backfill = 0;
        long finder = 0;
        long oauth = 0;
        long webhook = 0;
        ObjectNode byMethod = c.putObject("byMethod");
        for (Map.Entry<String, JsonNode> call : iterable(stats.path("calls").fields())) {
            long n = 0;
            for (JsonNode count : call.getValue()) {
                n += count.asLong();
            }
            byMethod.put(call.getKey(), n);
            String key = call.getKey();
            if (key.contains("authorization") || key.contains("accessToken") || key.contains("introspectToken")) {
                oauth += n;
            } else if (key.contains("leadNotifications")) {
                webhook += n;
            } else {
                backfill += n;
                if (key.equals("FINDER leadFormResponses")) {
                    finder += n;
                }
            }
        }
        c.put("actual", backfill);
        c.put("minimum", minimum);
        c.put("ratio", (double) backfill / minimum);
        c.put("finderCalls", finder);
        c.put("finderMinimum", pagesMin);
        c.put("formVersionsInMinimum", versionsWithLeads);
        c.put("discoveryConstant", DISCOVERY_CALLS);
        c.put("oauthCallsNotCounted", oauth);
        c.put("webhookSubscriptionCallsNotCounted", webhook);
        c.put("formula", "sum over streams with forms of ceil(leads in window / 1000) + form versions with leads in the window + "
                + DISCOVERY_CALLS + " (userinfo, adAccounts, adAccountUsers, organizationAcls, leadForms per owner x 3)");
        return c;
    }

    // ---------------------------------------------------------------------------------------------------- push

    /**
     * After a 5-second warm-up at the same rate, submits {@code 100 x seconds} test leads at 100/s (the sandbox stamps {@code submittedAt} when each is submitted and
     * pushes CREATED at once) and waits for each lead's committed row: on PostgreSQL a second connection polls for the
     * in-flight ids every 2 ms (latency = first seen - submitted_at); on H2, whose file only the app may open, the app's
     * line "Lead ... stored in table" (written after the commit) is the observation, read from its output as it comes.
     */
    private ObjectNode push(String db, ChildProcess app, String pgUrl, Map<String, Long> logSeen) throws Exception {
        int rate = 100;
        int seconds = options.pushSeconds();
        ObjectNode p = SandboxClient.JSON.createObjectNode();
        p.put("rate", rate);
        p.put("seconds", seconds);
        // Warm-up, not counted: the push starts right after the back-fill, whose garbage the collector is still
        // clearing, on code paths the JIT has not compiled yet; the figure is the steady state a running app shows.
        List<String> warmUp = sandbox.submitLeads(PUSH_FORM, rate * PUSH_WARM_UP_SECONDS, rate, true);
        long warmUpDeadline = System.nanoTime() + Duration.ofSeconds(PUSH_WARM_UP_SECONDS + 30).toNanos();
        while (warmUp.stream().anyMatch(id -> !logSeen.containsKey(id)) && System.nanoTime() < warmUpDeadline) {
            Thread.sleep(20);
        }
        p.put("warmUpLeadsNotCounted", warmUp.size());
        List<String> ids = sandbox.submitLeads(PUSH_FORM, rate * seconds, rate, true);
        long submitNanos = System.nanoTime();
        long deadline = submitNanos + Duration.ofSeconds(seconds + 30).toNanos();
        Map<String, Long> seenMicros = new HashMap<>();
        Map<String, long[]> stamps = new HashMap<>();
        if (pgUrl != null) {
            p.put("method", "a second connection polls the table for each in-flight lead id every 5 ms; latency = first seen - submitted_at "
                    + "(latencyLogLineMillis: the H2 method, the app's log line, on the same leads)");
            try (Connection c = DriverManager.getConnection(pgUrl, "postgres", "");
                 PreparedStatement q = c.prepareStatement("SELECT lead_id, submitted_at, synced_at FROM leads_form_" + PUSH_FORM
                         + " WHERE lead_id = ANY(?)")) {
                while (seenMicros.size() < ids.size() && System.nanoTime() < deadline) {
                    long elapsedMs = (System.nanoTime() - submitNanos) / 1_000_000;
                    List<String> inFlight = new ArrayList<>();
                    for (int i = 0; i < ids.size() && (long) i * 1000 / rate <= elapsedMs + 5; i++) {
                        if (!seenMicros.containsKey(ids.get(i))) {
                            inFlight.add(ids.get(i));
                        }
                    }
                    if (!inFlight.isEmpty()) {
                        Array array = c.createArrayOf("varchar", inFlight.toArray());
                        q.setArray(1, array);
                        try (ResultSet rs = q.executeQuery()) {
                            long now = System.nanoTime() / 1000 + epochOffsetMicros;
                            while (rs.next()) {
                                seenMicros.put(rs.getString(1), now);
                                stamps.put(rs.getString(1), new long[] {micros(rs.getObject(2, LocalDateTime.class)),
                                        micros(rs.getObject(3, LocalDateTime.class))});
                            }
                        }
                    }
                    Thread.sleep(5);
                }
            }
            latencies(p, "latencyMillis", ids, seenMicros, stamps);
            Map<String, Long> logMicros = new HashMap<>();
            logSeen.forEach((id, nanos) -> logMicros.put(id, nanos / 1000 + epochOffsetMicros));
            latencies(p, "latencyLogLineMillis", ids, logMicros, stamps);
        } else {
            p.put("method", "the app's log line 'Lead ... stored in table' (after the commit), read from its output as written; "
                    + "latency = line read - submitted_at (from the row, read after the app stopped)");
            while (ids.stream().anyMatch(id -> !logSeen.containsKey(id)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            ArrayNode pending = p.putArray("pendingIds");
            ids.forEach(pending::add);
            ObjectNode seen = p.putObject("seenMicros");
            ids.forEach(id -> {
                Long nanos = logSeen.get(id);
                if (nanos != null) {
                    seen.put(id, nanos / 1000 + epochOffsetMicros);
                }
            });
        }
        System.out.printf("  %s: push of %,d leads at %d/s done%n", db, ids.size(), rate);
        return p;
    }

    private void finishPushFromH2(ObjectNode p, String jdbcUrl) throws SQLException {
        List<String> ids = new ArrayList<>();
        p.remove("pendingIds").forEach(n -> ids.add(n.asText()));
        Map<String, Long> seen = new HashMap<>();
        JsonNode seenNode = p.remove("seenMicros");
        for (Map.Entry<String, JsonNode> e : iterable(seenNode.fields())) {
            seen.put(e.getKey(), e.getValue().asLong());
        }
        Map<String, long[]> stamps = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
             PreparedStatement q = c.prepareStatement("SELECT lead_id, submitted_at, synced_at FROM leads_form_" + PUSH_FORM
                     + " WHERE lead_id = ?")) {
            for (String id : ids) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        stamps.put(id, new long[] {micros(rs.getObject(2, LocalDateTime.class)), micros(rs.getObject(3, LocalDateTime.class))});
                    }
                }
            }
        }
        latencies(p, "latencyMillis", ids, seen, stamps);
    }

    private static void latencies(ObjectNode p, String name, List<String> ids, Map<String, Long> seenMicros, Map<String, long[]> stamps) {
        List<Double> observed = new ArrayList<>();
        // the worst latency of each second of submissions: shows whether the tail is the warm-up, a periodic stall or spread
        TreeMap<Long, Double> worstBySecond = new TreeMap<>();
        long firstSubmitted = ids.stream().map(stamps::get).filter(Objects::nonNull).mapToLong(s -> s[0]).min().orElse(0);
        for (String id : ids) {
            long[] s = stamps.get(id);
            if (s == null) {
                continue;
            }
            Long seen = seenMicros.get(id);
            if (seen != null) {
                double latency = (seen - s[0]) / 1000.0;
                observed.add(latency);
                worstBySecond.merge((s[0] - firstSubmitted) / 1_000_000, latency, Math::max);
            }
        }
        p.put("submitted", ids.size());
        if (name.equals("latencyMillis")) {
            p.put("observed", observed.size());
            p.put("missing", ids.size() - observed.size());
        }
        p.set(name, percentiles(observed));
        ArrayNode worst = p.putArray(name + "WorstPerSecond");
        worstBySecond.values().forEach(v -> worst.add(Math.round(v * 10) / 10.0));
        // synced_at is not used: the poll (every second) upserts the same leads again and moves it to its own write
    }

    private static ObjectNode percentiles(List<Double> values) {
        ObjectNode n = SandboxClient.JSON.createObjectNode();
        if (values.isEmpty()) {
            return n;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        n.put("p50", rank(sorted, 0.50));
        n.put("p99", rank(sorted, 0.99));
        n.put("max", sorted.get(sorted.size() - 1));
        n.put("min", sorted.get(0));
        return n;
    }

    private static double rank(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static long micros(LocalDateTime t) {
        if (t == null) {
            return 0;
        }
        java.time.Instant i = t.toInstant(ZoneOffset.UTC);
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    // ---------------------------------------------------------------------------------------------------- the loop

    private ObjectNode baselineRun(String db) throws Exception {
        boolean pg = db.equals("postgresql");
        String jdbcUrl = pg ? postgresDatabase("loop_run") : "jdbc:h2:file:" + tmp.resolve("loop-h2").resolve("leadsync") + ";WRITE_DELAY=0";
        Files.createDirectories(tmp.resolve("loop-h2"));
        long now = System.currentTimeMillis();
        String streamArg = String.join(",", streams.stream().map(s -> s.ownerKey() + "|" + s.ownerUrn() + "|" + s.leadType()).toList());
        List<String> args = new ArrayList<>(List.of("--sandbox", sandbox.baseUrl(), "--jdbc", jdbcUrl, "--user", pg ? "postgres" : "sa",
                "--window-start", String.valueOf(now - WINDOW_MS), "--window-end", String.valueOf(now + WINDOW_MARGIN_MS), "--streams", streamArg));
        List<String> jvm = options.million() ? List.of("-Xmx256m") : List.of();
        sandbox.resetStats();
        ChildProcess loop = ChildProcess.start("loop-" + db, jvm, options.benchClasspath(), BaselineLoop.class.getName(), args, repo, Map.of(),
                logs().resolve("loop-" + db + ".log"));
        children.add(loop);
        try {
            Duration timeout = Duration.ofSeconds(Math.max(600, options.leads() / 250));
            Integer code = loop.waitFor(timeout);
            if (code == null || code != 0) {
                throw new IllegalStateException("The hand-written loop into " + db + (code == null ? " did not finish within " + timeout
                        : " failed with exit code " + code) + ":\n" + loop.tail(30));
            }
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
        String line = Files.readAllLines(loop.log()).stream().filter(l -> l.startsWith("BASELINE ")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("The loop printed no result:\n" + loop.tail(20)));
        ObjectNode r = (ObjectNode) SandboxClient.JSON.readTree(line.substring("BASELINE ".length()));
        r.put("leadsPerSecond", r.get("leads").asLong() / r.get("seconds").asDouble());
        r.put("cpuMicrosPerLead", r.get("cpuSeconds").asDouble() * 1e6 / r.get("leads").asLong());
        r.put("cpuMicrosPerLeadOutsideJit", (r.get("cpuSeconds").asDouble() - r.get("jitCpuSeconds").asDouble()) * 1e6 / r.get("leads").asLong());
        r.put("rows", countRows(jdbcUrl, pg ? "postgres" : "sa", ""));
        System.out.printf("  %s: hand-written loop: %,d leads in %.1f s: %,.0f leads/s, CPU %.1f s (%.0f us/lead), %d calls%n", db,
                r.get("leads").asLong(), r.get("seconds").asDouble(), r.get("leadsPerSecond").asDouble(), r.get("cpuSeconds").asDouble(),
                r.get("cpuMicrosPerLead").asDouble(), r.get("calls").asInt());
        return r;
    }

    // ---------------------------------------------------------------------------------------------------- databases

    private String postgresDatabase(String name) throws IOException, SQLException {
        if (postgres == null) {
            // loopback only; its files live in a temporary folder the library deletes on close
            postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("cluster_name", "leadsync-bench").start();
            PidFile.addPostgres(postgres.getPort());
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /** Rows in every lead table ({@code leads_form_*}). */
    private static long countRows(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME");
                    String schema = rs.getString("TABLE_SCHEM");
                    if (t.toLowerCase().startsWith("leads_form_") && !"INFORMATION_SCHEMA".equalsIgnoreCase(schema)) {
                        tables.add(t);
                    }
                }
            }
            long rows = 0;
            try (Statement s = c.createStatement()) {
                for (String t : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + t + "\"")) {
                        rs.next();
                        rows += rs.getLong(1);
                    }
                }
            }
            return rows;
        }
    }

    // ---------------------------------------------------------------------------------------------------- heap

    /** Peak heap from the app's {@code -Xlog:gc}: the largest occupancy before a collection, and after one. */
    private static ObjectNode heap(Path gcLog) throws IOException {
        ObjectNode h = SandboxClient.JSON.createObjectNode();
        if (!Files.exists(gcLog)) {
            return h;
        }
        long before = 0;
        long after = 0;
        long committed = 0;
        int collections = 0;
        try (Stream<String> lines = Files.lines(gcLog)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    collections++;
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    after = Math.max(after, Long.parseLong(m.group(2)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                }
            }
        }
        h.put("peakUsedBeforeGcMiB", before);
        h.put("peakLiveAfterGcMiB", after);
        h.put("peakCommittedMiB", committed);
        h.put("collections", collections);
        return h;
    }

    // ---------------------------------------------------------------------------------------------------- report

    private void summarize(Map<String, ObjectNode> runs) {
        ObjectNode figures = report.putObject("figures");
        for (Map.Entry<String, ObjectNode> e : runs.entrySet()) {
            String db = e.getKey().equals("h2") ? "H2" : "PostgreSQL";
            JsonNode app = e.getValue().get("app");
            JsonNode loop = e.getValue().get("loop");
            row(figures, "back-fill " + db, app.get("leadsPerSecond").asDouble(), "leads/s", "loop", loop.get("leadsPerSecond").asDouble(),
                    ">= 10,000", app.get("leadsPerSecond").asDouble() >= 10_000);
            double ratio = app.get("cpuMicrosPerLead").asDouble() / loop.get("cpuMicrosPerLead").asDouble();
            row(figures, "CPU per lead " + db, app.get("cpuMicrosPerLead").asDouble(), "us", "loop", loop.get("cpuMicrosPerLead").asDouble(),
                    "<= 1.10x loop", ratio <= 1.10);
            // where the difference is: compiling the code (the app runs far more of it) or running it
            row(figures, "  of which JIT compiler threads " + db, app.get("jitCpuSeconds").asDouble() * 1e6 / app.get("expectedLeadsInWindow").asDouble(),
                    "us", "loop", loop.get("jitCpuSeconds").asDouble() * 1e6 / loop.get("leads").asDouble(), "", true);
            row(figures, "  outside the JIT compiler threads " + db, app.get("cpuMicrosPerLeadOutsideJit").asDouble(), "us", "loop",
                    loop.get("cpuMicrosPerLeadOutsideJit").asDouble(), "", true);
        }
        row(figures, "raw fetch (sandbox)", report.get("rawFetch").get("leadsPerSecond").asDouble(), "leads/s", "target", 25_000,
                ">= 25,000", report.get("rawFetch").get("leadsPerSecond").asDouble() >= 25_000);
        for (Map.Entry<String, ObjectNode> e : runs.entrySet()) {
            String db = e.getKey().equals("h2") ? "H2" : "PostgreSQL";
            JsonNode calls = e.getValue().get("app").get("calls");
            row(figures, "LinkedIn calls per back-fill (" + db + " run)", calls.get("actual").asDouble(), "calls", "minimum",
                    calls.get("minimum").asDouble(), "<= 1.05x minimum", calls.get("ratio").asDouble() <= 1.05);
        }
        for (Map.Entry<String, ObjectNode> e : runs.entrySet()) {
            String db = e.getKey().equals("h2") ? "H2" : "PostgreSQL";
            JsonNode push = e.getValue().get("app").get("push");
            JsonNode l = push.get("latencyMillis");
            if (l == null || !l.has("p99")) {
                continue;
            }
            String name = "push " + db + " (" + push.get("rate").asInt() + "/s, " + push.get("seconds").asInt() + " s, "
                    + (e.getKey().equals("h2") ? "log line)" : "row polled)");
            row(figures, name + " p50", l.get("p50").asDouble(), "ms", null, 0, "", true);
            row(figures, name + " p99", l.get("p99").asDouble(), "ms", "target", 50, "<= 50 ms", l.get("p99").asDouble() <= 50);
            row(figures, name + " max", l.get("max").asDouble(), "ms", null, 0, "", true);
            JsonNode log = push.get("latencyLogLineMillis");
            if (log != null && log.has("p99")) {
                row(figures, "push " + db + " (same leads, log line) p99", log.get("p99").asDouble(), "ms", "target", 50, "<= 50 ms",
                        log.get("p99").asDouble() <= 50);
            }
            if (push.get("missing").asInt() > 0) {
                row(figures, name + " not seen in time", push.get("missing").asDouble(), "leads", null, 0, "0", false);
            }
        }
        JsonNode startUp = report.get("startUp");
        for (String layout : List.of("classes", "image")) {
            String where = layout.equals("classes") ? "target/classes, as mvn exec:java" : "container image layout, class-data archive";
            for (String kind : List.of("firstStart", "restart")) {
                double median = startUp.get(layout).get(kind).get("medianMillis").asDouble();
                row(figures, "start -> ready, " + (kind.equals("firstStart") ? "first start" : "restart") + " (H2; " + where + ")", median,
                        "ms", "target", 2000, "< 2,000 ms", median < 2000);
            }
        }
        for (Map.Entry<String, ObjectNode> e : runs.entrySet()) {
            String db = e.getKey().equals("h2") ? "H2" : "PostgreSQL";
            JsonNode app = e.getValue().get("app");
            // one launch each, on target/classes, before the back-fill: the medians above are the figures
            row(figures, "start -> ready (" + db + " back-fill run" + (e.getKey().equals(options.databases().get(0)) ? ", first start)" : ", restart)"),
                    app.get("startToReadyMillis").asDouble(), "ms", null, 0, "", true);
        }
        for (Map.Entry<String, ObjectNode> e : runs.entrySet()) {
            String db = e.getKey().equals("h2") ? "H2" : "PostgreSQL";
            JsonNode app = e.getValue().get("app");
            JsonNode heap = app.get("heap");
            if (heap.has("peakUsedBeforeGcMiB")) {
                row(figures, "peak heap, back-fill + push " + db + (options.million() ? " (-Xmx256m)" : " (default heap)"),
                        heap.get("peakUsedBeforeGcMiB").asDouble(), "MiB", options.million() ? "limit" : null, 256,
                        options.million() ? "runs in 256 MiB" : "", true);
            }
            row(figures, "back-fill time " + db, app.get("seconds").asDouble(), "s", "loop", e.getValue().get("loop").get("seconds").asDouble(), "", true);
        }
    }

    private void row(ObjectNode figures, String name, double value, String unit, String baselineName, double baseline, String target, boolean met) {
        ObjectNode f = figures.putObject(name);
        f.put("value", value);
        f.put("unit", unit);
        if (baselineName != null) {
            f.put("against", baselineName);
            f.put("againstValue", baseline);
            f.put("ratio", value / baseline);
        }
        f.put("target", target);
        f.put("met", met);
        String ratio = baselineName == null ? "" : String.format("(%.2fx)", value / baseline);
        String against = baselineName == null ? "" : baselineName + " " + number(baseline);
        table.add(new String[] {name, number(value) + " " + unit, against, ratio, target.isEmpty() ? "" : "target " + target,
                target.isEmpty() ? "" : met ? "met" : "NOT met"});
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : Math.abs(v) >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    private void printTable() {
        int[] widths = new int[6];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        System.out.println();
        System.out.printf("Results (%s, %,d leads, %d cores, load average %.1f at the end; see README \"Benchmarks\")%n",
                report.get("date").asText(), options.leads(), Runtime.getRuntime().availableProcessors(), loadAverage());
        for (String[] row : table) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                b.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            System.out.println(b.toString().stripTrailing());
        }
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private Path logs() {
        return options.keep() ? tmp.resolve("logs") : out.resolve("logs");
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e.getMessage());
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }

    private synchronized void cleanUp() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop(Duration.ofSeconds(20));
        }
        children.clear();
        if (postgres != null) {
            try {
                postgres.close();
                PidFile.removePostgres();
            } catch (IOException e) {
                System.err.println("Could not stop the embedded PostgreSQL: " + e.getMessage());
            }
            postgres = null;
        }
        if (!options.keep() && Files.exists(tmp)) {
            deleteTree(tmp);
        }
        if (!Files.exists(tmp)) {
            out.resolve("temp-folder").toFile().delete();
        }
    }
}
