package io.leadsync.kamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.download.DownloadListener;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.util.FileUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The README's Camel JBang examples (section "Under Camel JBang"), run as written: each YAML file is cut out of
 * README.md between its {@code cat > NAME <<'EOF'} and {@code EOF} lines, and its {@code camel run NAME $JBANG $SANDBOX
 * [--port=…]} line, with the shell variables the README sets, is turned into the {@code KameletMain} that Camel JBang
 * 4.18's {@code Run} command builds for those flags (see {@link CamelRun}). Only the ports change: the sandbox's 8089 and
 * the integration's 8081 become free ports. The sandbox is the one {@code SandboxMain --port 8089} starts (its
 * defaults), and the token comes from {@code POST /_sandbox/tokens} read with the README's own {@code sed} expression.
 * What is asserted is what the user sees: the lines the routes' {@code log} steps write, and the sandbox's side.
 * <p>
 * Not covered: the Camel JBang launcher itself and its dependency download (not served by the package registry here);
 * the test classpath already holds every dependency, so the run is as with {@code --download=false}.
 */
class KameletsUnderCamelRunTest {

    private static final Path README = Path.of("README.md");
    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** As {@code SandboxMain --port 8089} starts it, on a free port. */
    private final LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).build().start();
    private final int appPort = AvailablePortFinder.getNextAvailable();
    private final Readme readme = Readme.load(sandbox.port(), appPort);
    private CamelRun run;

    /**
     * camel-kamelet-main is not served at 4.22.0: on the Camel 4.22 profile it stays at 4.18.0, which calls camel-main
     * methods 4.22 no longer has (NoSuchMethodError at start), so there the class is skipped.
     */
    @BeforeAll
    static void kameletMainMatchesCamelMain() {
        String kameletMain = mavenVersion("camel-kamelet-main");
        String camelMain = mavenVersion("camel-main");
        assumeTrue(kameletMain.equals(camelMain), "camel-kamelet-main " + kameletMain + " does not run on camel-main " + camelMain);
    }

    private static String mavenVersion(String artifactId) {
        java.util.Properties pom = new java.util.Properties();
        try (var in = KameletsUnderCamelRunTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.apache.camel/" + artifactId + "/pom.properties")) {
            assertThat(in).as(artifactId + " on the classpath").isNotNull();
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
        sandbox.stop();
    }

    /** The Kamelets' {@code mvn:} dependency names this very build: what {@code mvn -q install} puts into ~/.m2. */
    private void assertTheKameletsNameThisBuild() throws IOException {
        java.util.Properties component = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("target/classes/META-INF/services/org/apache/camel/component.properties"))) {
            component.load(in);
        }
        String self = component.getProperty("groupId") + ":" + component.getProperty("artifactId") + ":"
                      + component.getProperty("version");
        assertThat(run.lookedUp()).contains(self);
    }

    @Test
    void theCamelVersionFlagNamesTheVersionOnTheClasspathSoCamelRunStaysInItsOwnJvm() {
        // Run switches to another JVM only when --camel-version differs from its catalog's version
        assertThat(readme.flags("source.yaml", token()).camelVersion).isEqualTo(new DefaultCamelCatalog().getCatalogVersion());
    }

    @Test
    void sourceLogsEverySponsoredLeadOfTheLast30DaysOnce() throws Exception {
        String token = token();
        Set<String> expected = sponsoredLeadsOfTheLast(30, token);
        assertThat(expected).hasSizeGreaterThan(5);

        run = CamelRun.start(dir, "source.yaml", readme.file("source.yaml"), readme.flags("source.yaml", token));

        await().atMost(Duration.ofSeconds(60)).until(() -> run.logged().size() >= expected.size());
        // the next poll (delay: 10000) reads the overlap again: still every lead once; it is over when the one after starts
        long backfill = finderCalls();
        await().atMost(Duration.ofSeconds(60)).until(() -> finderCalls() > backfill);
        long second = finderCalls();
        await().atMost(Duration.ofSeconds(60)).until(() -> finderCalls() > second);
        List<String> lines = run.logged();
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            // log: "${header.CamelLinkedInLeadId}: ${body}"
            String id = line.substring(0, line.indexOf(": "));
            JsonNode lead = MAPPER.readTree(line.substring(line.indexOf(": ") + 2));
            assertThat(lead.path("id").asText()).isEqualTo(id);
            assertThat(lead.path("ownerUrn").asText()).isEqualTo(ACCOUNT);
            assertThat(lead.path("answers").size()).isPositive();
            ids.add(id);
        }
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertTheKameletsNameThisBuild();
    }

    @Test
    void webhookSourceAloneInItsFileRegistersThenLogsTheTwoPushedLeads() throws Exception {
        String token = token();
        String file = readme.file("webhook-source.yaml");
        assertThat(file).contains("webhookExternalUrl: \"http://127.0.0.1:" + appPort + "\"");
        // alone: no other route, so nothing else creates platform-http before the Kamelet does
        assertThat(file.split("- route:", -1)).hasSize(2);
        CamelRun.Flags flags = readme.flags("webhook-source.yaml", token);
        assertThat(flags.port).isEqualTo(appPort);

        run = CamelRun.start(dir, "webhook-source.yaml", file, flags);

        String webhook = "http://127.0.0.1:" + appPort + "/linkedin/leads";
        LinkedInApi api = api(token);
        // registration runs once the route listens (the sandbox checks the URL with a challenge)
        await().atMost(Duration.ofSeconds(60)).until(() -> api.leadNotifications(LeadOwner.of(ACCOUNT), LeadType.SPONSORED)
                .stream().filter(n -> webhook.equals(n.webhook())).count() == 1);

        // the README's curl: two test leads on the whitepaper form, which the sandbox pushes
        JsonNode submitted = MAPPER.readTree(readme.sandboxCall("/_sandbox/forms/"));
        List<String> pushed = StreamSupport.stream(submitted.path("leadIds").spliterator(), false).map(JsonNode::asText).toList();
        assertThat(pushed).hasSize(2);

        await().atMost(Duration.ofSeconds(60)).until(() -> run.logged().size() >= 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.stats().webhooks().delivered() >= 2);
        List<String> ids = new ArrayList<>();
        for (String line : run.logged()) {
            // log: "${header.CamelLinkedInLeadAction} ${header.CamelLinkedInLeadId}: ${body}"
            Matcher m = Pattern.compile("^CREATED (\\S+): (\\{.*})$", Pattern.DOTALL).matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            JsonNode lead = MAPPER.readTree(m.group(2));
            assertThat(lead.path("id").asText()).isEqualTo(m.group(1));
            assertThat(lead.path("source").asText()).isEqualTo("WEBHOOK");
            assertThat(lead.path("formId").asLong()).isEqualTo(7234246L);
            ids.add(m.group(1));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(pushed);
        assertThat(sandbox.stats().webhooks().failed()).isZero();
        assertTheKameletsNameThisBuild();
    }

    @Test
    void usersSinkAddsTheTwoUsersToTheSegmentTheFileCreates() throws Exception {
        JsonNode verdict = runSink("users-sink.yaml");
        JsonNode segment = onlySegment();
        assertThat(segment.path("name").asText()).isEqualTo("JBang readers");
        assertThat(segment.path("type").asText()).isEqualTo("USER");
        assertThat(segment.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(segment.path("inputCount").asInt()).isEqualTo(2);
        assertThat(verdict.path("segmentId").asLong()).isEqualTo(segment.path("id").asLong());
        assertThat(verdict.path("action").asText()).isEqualTo("ADD");
        assertThat(verdict.path("acceptedCount").asInt()).isEqualTo(2);
        assertThat(verdict.path("rejectedCount").asInt()).isZero();
        assertThat(verdict.path("elements")).hasSize(2);
        assertThat(sandbox.stats().calls("CREATE dmpSegments")).isEqualTo(1);
        assertThat(successful("BATCH_CREATE dmpSegments/users")).isEqualTo(1);
        assertThat(sandbox.stats().calls("BATCH_CREATE dmpSegments/companies")).isZero();
    }

    @Test
    void companiesSinkAddsTheCompanyToTheSegmentTheFileCreates() throws Exception {
        JsonNode verdict = runSink("companies-sink.yaml");
        JsonNode segment = onlySegment();
        assertThat(segment.path("type").asText()).isEqualTo("COMPANY");
        assertThat(segment.path("inputCount").asInt()).isEqualTo(1);
        assertThat(verdict.path("segmentId").asLong()).isEqualTo(segment.path("id").asLong());
        assertThat(verdict.path("action").asText()).isEqualTo("ADD");
        assertThat(verdict.path("acceptedCount").asInt()).isEqualTo(1);
        assertThat(verdict.path("elements")).hasSize(1);
        assertThat(sandbox.stats().calls("CREATE dmpSegments")).isEqualTo(1);
        assertThat(successful("BATCH_CREATE dmpSegments/companies")).isEqualTo(1);
        assertThat(sandbox.stats().calls("BATCH_CREATE dmpSegments/users")).isZero();
    }

    /** Runs a sink file (a timer fires once) and returns the one verdict its {@code log: "${body}"} wrote. */
    private JsonNode runSink(String name) throws IOException {
        run = CamelRun.start(dir, name, readme.file(name), readme.flags(name, token()));
        // the sink retries the new segment's 404s (LinkedIn's first seconds) before it adds the members
        await().atMost(Duration.ofSeconds(60)).until(() -> !run.logged().isEmpty());
        assertThat(run.logged()).hasSize(1);
        assertTheKameletsNameThisBuild();
        return MAPPER.readTree(run.logged().get(0));
    }

    private long finderCalls() {
        return sandbox.stats().calls("FINDER leadFormResponses");
    }

    private JsonNode onlySegment() {
        JsonNode segments = sandbox.world().path("dmpSegments");
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    private long successful(String call) {
        return sandbox.stats().calls().getOrDefault(call, Map.of()).entrySet().stream()
                .filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
    }

    /** The README's {@code TOKEN=$(curl … | sed …)} line, done with the same call and the same expression. */
    private String token() {
        return readme.token();
    }

    private Set<String> sponsoredLeadsOfTheLast(int days, String token) {
        LinkedInApi api = LinkedInApi.builder().settings(settings()).tokenProvider(new StaticTokenProvider(token)).pageSize(1000).build();
        long now = System.currentTimeMillis();
        return api.leadFormResponses(LeadFormResponseQuery.of(LeadOwner.of(ACCOUNT), LeadType.SPONSORED).withPageSize(1000)
                .withSubmittedAtTimeRange(now - Duration.ofDays(days).toMillis(), now)).map(LeadFormResponse::id)
                .collect(Collectors.toSet());
    }

    private LinkedInApi api(String token) {
        return LinkedInApi.builder().settings(settings()).tokenProvider(new StaticTokenProvider(token)).build();
    }

    private LinkedInApiSettings settings() {
        return LinkedInApiSettings.builder().restBaseUrl(sandbox.restBaseUrl()).legacyBaseUrl(sandbox.legacyBaseUrl())
                .oauthBaseUrl(sandbox.oauthBaseUrl()).build();
    }

    /** The section "### Under Camel JBang" of README.md, with the README's ports 8089 and 8081 replaced. */
    private record Readme(String section, int sandboxPort) {

        static Readme load(int sandboxPort, int appPort) {
            String text;
            try {
                text = Files.readString(README);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int start = text.indexOf("### Under Camel JBang");
            assertThat(start).as("README section Under Camel JBang").isNotNegative();
            int end = text.indexOf("\n## ", start);
            String section = text.substring(start, end < 0 ? text.length() : end)
                    .replace("localhost:8089", "127.0.0.1:" + sandboxPort)
                    .replace("127.0.0.1:8089", "127.0.0.1:" + sandboxPort)
                    .replace("--port 8089", "--port " + sandboxPort)
                    .replace("127.0.0.1:8081", "127.0.0.1:" + appPort)
                    .replace("--port=8081", "--port=" + appPort);
            return new Readme(section, sandboxPort);
        }

        /** The lines between {@code cat > NAME <<'EOF'} and the next {@code EOF}. */
        String file(String name) {
            String open = "cat > " + name + " <<'EOF'\n";
            int start = section.indexOf(open);
            assertThat(start).as("README writes " + name).isNotNegative();
            int end = section.indexOf("\nEOF\n", start);
            return section.substring(start + open.length(), end + 1);
        }

        /** The value of a shell variable the README sets ({@code NAME="…"}). */
        String variable(String name) {
            Matcher m = Pattern.compile("(?m)^" + name + "=\"([^\"]*)\"").matcher(section);
            assertThat(m.find()).as("README sets " + name).isTrue();
            return m.group(1);
        }

        String token() {
            Matcher m = Pattern.compile("(?m)^TOKEN=\\$\\(curl -s -XPOST 127\\.0\\.0\\.1:" + sandboxPort
                                        + "(/\\S+) \\| sed 's/(.*)/\\\\1/'\\)$").matcher(section);
            assertThat(m.find()).as("README's TOKEN line").isTrue();
            String answer = send("POST", m.group(1), "");
            // sed's basic regular expression, in Java's syntax
            Matcher sed = Pattern.compile(m.group(2).replace("\\(", "(").replace("\\)", ")")).matcher(answer);
            assertThat(sed.matches()).as(answer).isTrue();
            return sed.group(1);
        }

        /** Sends the README's {@code curl -s -XPOST 127.0.0.1:PORT/PATH… -d 'BODY'} line whose path starts so. */
        String sandboxCall(String pathStart) {
            Matcher m = Pattern.compile("(?m)^curl -s -XPOST 127\\.0\\.0\\.1:" + sandboxPort + "(" + Pattern.quote(pathStart)
                                        + "\\S*) -d '([^']*)'").matcher(section);
            assertThat(m.find()).as("README's curl " + pathStart).isTrue();
            return send("POST", m.group(1), m.group(2));
        }

        private String send(String method, String path, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandboxPort + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                    // curl -d sends its data as a form
                    .header("Content-Type", "application/x-www-form-urlencoded").build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The flags of the README's {@code camel run NAME …} line, its shell variables expanded. */
        CamelRun.Flags flags(String name, String token) {
            Matcher m = Pattern.compile("(?m)^camel run " + Pattern.quote(name) + "((?: \\S+)*)$").matcher(section);
            assertThat(m.find()).as("README runs " + name).isTrue();
            List<String> args = new ArrayList<>();
            for (String arg : m.group(1).trim().split(" +")) {
                if (arg.startsWith("$")) {
                    args.addAll(Arrays.asList(variable(arg.substring(1)).split(" +")));
                } else {
                    args.add(arg);
                }
            }
            CamelRun.Flags flags = new CamelRun.Flags();
            for (String arg : args) {
                arg = arg.replace("$TOKEN", token);
                String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                switch (key) {
                    case "--camel-version" -> flags.camelVersion = value;
                    case "--local-kamelet-dir" -> flags.localKameletDir = value;
                    case "--port" -> flags.port = Integer.parseInt(value);
                    case "--prop", "--property" -> flags.properties.put(value.substring(0, value.indexOf('=')),
                            value.substring(value.indexOf('=') + 1));
                    default -> throw new AssertionError("a camel run flag this test does not run: " + arg);
                }
            }
            return flags;
        }
    }

    /**
     * {@code camel run FILE [flags]} as Camel JBang 4.18's {@code Run} command sets up the {@code KameletMain} it runs in
     * its own JVM (when {@code --camel-version} is the version it ships with):
     * <ul>
     * <li>{@code --local-kamelet-dir=D}: {@code new KameletMain("camel.jbang", "file:D")}, so
     * {@code camel.component.kamelet.location=file:D,classpath:kamelets};</li>
     * <li>the file: {@code camel.main.routesIncludePattern=file:FILE}, {@code camel.main.name} its name;</li>
     * <li>{@code --prop=K=V}: {@code addArgumentProperty(K, V)};</li>
     * <li>{@code --port=N}: {@code camel.jbang.platform-http.port=N} when N is not the default 8080, which KameletMain
     * turns into {@code camel.server.enabled=true} and {@code camel.server.port=N};</li>
     * <li>the defaults of the flags the README does not give: profile {@code dev}, {@code camel.main.modeline=true},
     * health, metrics, console and verbose off, logging at INFO.</li>
     * </ul>
     * The one difference: the dependency download is off ({@code --download=false}), the test classpath holding every
     * dependency the Kamelets declare. The lines the routes' {@code log} steps write are collected.
     */
    static final class CamelRun implements AutoCloseable {

        static final class Flags {
            String camelVersion;
            String localKameletDir;
            int port = 8080;
            final Map<String, String> properties = new LinkedHashMap<>();
        }

        private final org.apache.camel.main.KameletMain main;
        private final List<String> logged = new CopyOnWriteArrayList<>();
        private final List<String> looked = new CopyOnWriteArrayList<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Level rootLevel = root.getLevel();

        private CamelRun(org.apache.camel.main.KameletMain main) {
            this.main = main;
            // --logging-level=info (the default): a log step writes at INFO, and only a logger at INFO calls the listeners
            root.setLevel(Level.INFO);
        }

        static CamelRun start(Path dir, String name, String content, Flags flags) {
            Path file = dir.resolve(name);
            try {
                Files.writeString(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            org.apache.camel.main.KameletMain main;
            if (flags.localKameletDir == null) {
                main = new org.apache.camel.main.KameletMain("camel.jbang");
            } else {
                StringJoiner locations = new StringJoiner(",");
                for (String part : flags.localKameletDir.split(",")) {
                    locations.add("file:" + FileUtil.compactPath(part));
                }
                main = new org.apache.camel.main.KameletMain("camel.jbang", locations.toString());
            }
            main.setProfile("dev");
            main.setDownload(false);
            main.setAppName("Apache Camel (JBang)");
            main.addInitialProperty("camel.main.modeline", "true");
            main.addInitialProperty("camel.jbang.health", "false");
            main.addInitialProperty("camel.jbang.metrics", "false");
            main.addInitialProperty("camel.jbang.console", "false");
            main.addInitialProperty("camel.jbang.verbose", "false");
            flags.properties.forEach(main::addArgumentProperty);
            if (flags.port > 0 && flags.port != 8080) {
                main.addInitialProperty("camel.jbang.platform-http.port", String.valueOf(flags.port));
            }
            main.addInitialProperty("camel.main.name", FileUtil.onlyName(name));
            main.addInitialProperty("camel.main.routesIncludePattern", "file:" + file.toAbsolutePath());
            CamelRun run = new CamelRun(main);
            // in place of Run's RunDownloadListener: which Maven dependencies the Kamelets' spec.dependencies name
            main.setDownloadListener(new DownloadListener() {
                @Override
                public void onDownloadDependency(String groupId, String artifactId, String version) {
                    run.looked.add(groupId + ":" + artifactId + ":" + version);
                }

                @Override
                public void onAlreadyDownloadedDependency(String groupId, String artifactId, String version) {
                    run.looked.add(groupId + ":" + artifactId + ":" + version);
                }
            });
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void beforeConfigure(BaseMainSupport m) {
                    m.getCamelContext().getCamelContextExtension().addLogListener((exchange, logger, message) -> {
                        run.logged.add(message);
                        return message;
                    });
                }
            });
            try {
                main.start();
            } catch (Exception e) {
                run.close();
                throw new IllegalStateException("camel run " + name + " did not start", e);
            }
            return run;
        }

        /** The Maven dependencies KameletMain looked up (with the download off: in the local Maven repository only). */
        List<String> lookedUp() {
            return List.copyOf(looked);
        }

        /** What the routes' {@code log} steps wrote, in order. */
        List<String> logged() {
            return List.copyOf(logged);
        }

        @Override
        public void close() {
            try {
                main.stop();
            } finally {
                root.setLevel(rootLevel);
            }
        }
    }
}
