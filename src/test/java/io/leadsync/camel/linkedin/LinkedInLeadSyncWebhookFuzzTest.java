package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.store.JdbcLeadStore;
import io.leadsync.camel.linkedin.webhook.WebhookSignatures;
import io.leadsync.testing.MutableClock;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The webhook on the public internet, fuzzed through the real HTTP listener (platform-http on Vert.x) into a real
 * JdbcLeadStore on H2: a few thousand missing, wrong and truncated signatures, bare-body digests, 10 MB bodies, wrong
 * content types, replays of a valid delivery, signed nonsense, signed notifications for unknown leads and the challenge
 * oracle attack. Afterwards no row changed, no tombstone appeared, LinkedIn was asked at most once per unknown lead,
 * the log holds no stack trace, and a genuine delivery is still stored.
 */
class LinkedInLeadSyncWebhookFuzzTest extends LinkedInLeadSyncWebhookTestSupport {

    private static final String PATH = "/linkedin/leads";
    private static final int TEN_MB = 10 * 1024 * 1024;

    private final DataSource dataSource = h2();
    private final AtomicInteger routed = new AtomicInteger();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final MutableClock clock = MutableClock.startingNow();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Random random = new Random(4242);
    private volatile JdbcLeadStore store;
    private Logger root;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, PATH, "owners=" + ACCOUNT + "&leadTypes=SPONSORED&webhookAutoRegister=false")).routeId("webhook")
                        .process(e -> {
                            routed.incrementAndGet();
                            store().upsert(((List<?>) e.getMessage().getBody(List.class)).stream().map(Lead.class::cast).toList());
                        });
            }
        };
    }

    @BeforeEach
    void captureLogs() {
        endpoint().setClock(clock);
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(logging);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        sandbox.faults().clear();
    }

    @Test
    void aFloodOfHostileRequestsChangesNothingAndAGenuineDeliveryIsStillStored() throws Exception {
        // LinkedIn is this test: the sandbox must not push on its own
        sandbox.faults().dropWebhookRate(1.0);
        String genuineId = sandbox.submitLeads(WHITEPAPER_FORM, 1, true).get(0);
        byte[] genuine = notification(genuineId, "CREATED", WHITEPAPER_FORM, 3);
        assertThat(post(genuine, documentedSignature(genuine), "application/json").statusCode()).isEqualTo(200);
        assertThat(routed.get()).isEqualTo(1);
        List<Map<String, Object>> rowsBefore = rows("SELECT * FROM leads_form_7234246 ORDER BY lead_id");
        assertThat(rowsBefore).hasSize(1);
        long tombstonesBefore = count("SELECT COUNT(*) FROM lead_ledger WHERE state = 'WITHDRAWN'");
        sandbox.resetStats();

        byte[] forgedDelete = notification(genuineId, "DELETED", WHITEPAPER_FORM, 3);
        List<String> unknownIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            unknownIds.add("unknown-" + UUID.randomUUID() + "-1");
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            attempts.add(new Attempt("missing signature", 401, () -> post(forgedDelete, null, "application/json")));
        }
        for (int i = 0; i < 400; i++) {
            String wrong = switch (i % 4) {
                case 0 -> HexFormat.of().formatHex(randomBytes(32));
                case 1 -> hmacHex("another-secret", WebhookSignatures.deliveryMacInput(forgedDelete));
                case 2 -> documentedSignature(genuine);
                default -> new String(randomBytes(40), StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "x");
            };
            attempts.add(new Attempt("wrong signature", 401, () -> post(forgedDelete, wrong, "application/json")));
        }
        String real = documentedSignature(forgedDelete);
        for (int i = 0; i < 300; i++) {
            String truncated = (i % 2 == 0 ? "" : "hmacsha256=") + real.substring(0, i % 64);
            attempts.add(new Attempt("truncated signature", 401, () -> post(forgedDelete, truncated.isEmpty() ? "0" : truncated, "application/json")));
        }
        for (int i = 0; i < 200; i++) {
            String bare = (i % 2 == 0 ? "" : "hmacsha256=") + hmacHex(CLIENT_SECRET, forgedDelete);
            attempts.add(new Attempt("bare-body digest", 401, () -> post(forgedDelete, bare, "application/json")));
        }
        byte[] huge = new byte[TEN_MB];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        for (int i = 0; i < 3; i++) {
            String signature = i == 0 ? documentedSignature(huge) : "0".repeat(64);
            attempts.add(new Attempt("10 MB body", 413, () -> post(huge, signature, "application/json")));
        }
        List<String> contentTypes = List.of("text/plain", "application/xml", "application/octet-stream", "application/json; charset=utf-16",
                "application/x-www-form-urlencoded", "text/html");
        for (int i = 0; i < 150; i++) {
            String type = contentTypes.get(i % contentTypes.size());
            String signature = i % 2 == 0 ? null : "0".repeat(64);
            int expected = type.startsWith("application/x-www-form-urlencoded") ? 415 : 401;
            attempts.add(new Attempt("wrong content type", expected, () -> post(forgedDelete, signature, type)));
        }
        for (int i = 0; i < 200; i++) {
            attempts.add(new Attempt("replay", 200, () -> post(genuine, documentedSignature(genuine), "application/json")));
        }
        List<byte[]> nonsense = List.of("".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8), "{\"leadAction\":\"DELETED\"}".getBytes(StandardCharsets.UTF_8),
                "{\"leadGenFormResponse\":\"urn:li:somethingElse:1\",\"leadAction\":\"DELETED\"}".getBytes(StandardCharsets.UTF_8),
                "{\"leadGenFormResponse\":\"urn:li:leadGenFormResponse:a b\",\"leadAction\":\"DELETED\"}".getBytes(StandardCharsets.UTF_8),
                "{\"leadGenFormResponse\":\"urn:li:leadGenFormResponse:x\",\"leadAction\":\"\\u0000\"}".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 150; i++) {
            byte[] body = i % 8 == 7 ? randomBytes(1 + random.nextInt(300)) : nonsense.get(i % nonsense.size());
            attempts.add(new Attempt("signed nonsense", 400, () -> post(body, documentedSignature(body), "application/json")));
        }
        for (int i = 0; i < 200; i++) {
            byte[] body = notification(unknownIds.get(i % unknownIds.size()), "CREATED", WHITEPAPER_FORM, 3);
            attempts.add(new Attempt("unknown lead", 200, () -> post(body, documentedSignature(body), "application/json")));
        }
        String json = new String(forgedDelete, StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            String code = i % 2 == 0 ? "hmacsha256=" + json : json;
            attempts.add(new Attempt("oracle challenge", 400, () -> get(url() + "?challengeCode=" + URLEncoder.encode(code, StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < 50; i++) {
            attempts.add(new Attempt("oracle signature", 401, () -> {
                String uuid = UUID.randomUUID().toString();
                HttpResponse<String> answer = get(url() + "?challengeCode=" + uuid + "&applicationId=" + CLIENT_ID);
                assertThat(answer.statusCode()).isEqualTo(200);
                String signature = json(answer.body()).get("challengeResponse").asText();
                byte[] body = random.nextBoolean() ? forgedDelete : uuid.getBytes(StandardCharsets.US_ASCII);
                return post(body, random.nextBoolean() ? signature : "hmacsha256=" + signature, "application/json");
            }));
        }
        java.util.Collections.shuffle(attempts, random);
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2_000);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Attempt attempt : attempts) {
                futures.add(pool.submit(() -> {
                    int status = attempt.call.get().statusCode();
                    statuses.computeIfAbsent(attempt.kind + " -> " + status + (status == attempt.expected ? "" : " (expected "
                                                                                + attempt.expected + ")"), k -> new AtomicInteger()).incrementAndGet();
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses.keySet()).as("every request got the expected answer: %s", statuses).noneMatch(k -> k.contains("expected"));
        assertThat(routed.get()).as("nothing but the genuine delivery was routed").isEqualTo(1);
        assertThat(rows("SELECT * FROM leads_form_7234246 ORDER BY lead_id")).as("no row changed").isEqualTo(rowsBefore);
        assertThat(count("SELECT COUNT(*) FROM lead_ledger WHERE state = 'WITHDRAWN'")).as("no tombstone from a forgery").isEqualTo(tombstonesBefore);
        assertThat(sandbox.stats().calls("BATCH_GET leadFormResponses")).as("at most one call per unknown lead")
                .isBetween(1L, (long) unknownIds.size());
        assertThat(sandbox.stats().total()).as("no other LinkedIn call").isEqualTo(sandbox.stats().calls("BATCH_GET leadFormResponses"));

        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("webhook")).isEqualTo(ServiceStatus.Started);
        String laterId = sandbox.submitLeads(WHITEPAPER_FORM, 1, true).get(0);
        byte[] later = notification(laterId, "CREATED", WHITEPAPER_FORM, 3);
        HttpResponse<String> stored = post(later, documentedSignature(later), "application/json");
        assertThat(stored.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> store().count(WHITEPAPER_FORM) == 2);
        assertThat(store().isTombstoned(genuineId)).isFalse();

        assertThat(appender.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).as("no stack trace: %s", e.getFormattedMessage()).isNull());
        assertThat(appender.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getLoggerName().endsWith("WebhookProcessor")))
                .as("refusals are one line until a minute has passed").hasSize(1);
    }

    private record Attempt(String kind, int expected, Supplier<HttpResponse<String>> call) {
    }

    private HttpResponse<String> post(byte[] body, String signature, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url())).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-LI-Signature", signature);
        }
        return send(request);
    }

    private synchronized JdbcLeadStore store() {
        if (store == null) {
            store = new JdbcLeadStore(dataSource, urn -> endpoint().getLeadContext().formVersion(urn));
        }
        return store;
    }

    private LinkedInLeadSyncEndpoint endpoint() {
        return context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance).map(LinkedInLeadSyncEndpoint.class::cast)
                .findFirst().orElseThrow();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        synchronized (random) {
            random.nextBytes(b);
        }
        return b;
    }

    private List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String url() {
        return webhookUrl(port, PATH);
    }

    private static String hmacHex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:webhook-fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }
}
