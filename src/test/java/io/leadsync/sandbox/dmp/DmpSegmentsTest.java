package io.leadsync.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.SandboxApiError;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DmpSegmentsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final String MEMBER = "urn:li:person:Abc123";
    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

    private MutableClock clock;
    private DmpSegments dmp;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        dmp = new DmpSegments(clock, 42);
    }

    @Test
    void newSegmentIsNotFoundInsideTheWindowAndFoundAfter() throws IOException {
        long id = dmp.create(fixture("dmp-segment-create.json"));

        assertApiError(() -> dmp.get(id), 404, "RESOURCE_NOT_FOUND");
        assertApiError(() -> dmp.batch(id, "users", usersBody(0, 1, "ADD"), MEMBER), 404, "RESOURCE_NOT_FOUND");
        clock.advance(Duration.ofMillis(4_999));
        assertApiError(() -> dmp.get(id), 404, "RESOURCE_NOT_FOUND");
        clock.advance(Duration.ofMillis(1));

        ObjectNode segment = dmp.get(id);
        assertThat(segment.get("id").asLong()).isEqualTo(id).isBetween(9_820_000L, 9_829_999L);
        assertThat(segment.get("name").asText()).isEqualTo("Webinar attendees 2026");
        assertThat(segment.get("type").asText()).isEqualTo("USER");
        assertThat(segment.get("sourcePlatform").asText()).isEqualTo("LEADSYNC");
        assertThat(segment.get("sourceSegmentId").asText()).isEqualTo("crm-list-42");
        assertThat(segment.get("accessPolicy").asText()).isEqualTo("PRIVATE");
        assertThat(segment.get("account").asText()).isEqualTo(ACCOUNT);
        assertThat(segment.get("inputCount").asLong()).isZero();
        assertThat(segment.get("created").asLong()).isEqualTo(START.toEpochMilli());
        assertThat(segment.get("lastModified").asLong()).isEqualTo(START.toEpochMilli());
        JsonNode destination = segment.get("destinations").get(0);
        assertThat(destination.get("destination").asText()).isEqualTo("LINKEDIN");
        assertThat(destination.get("status").asText()).isEqualTo("BUILDING");
        assertThat(destination.get("audienceSize").asLong()).isZero();
        assertThat(destination.get("matchedCount").asLong()).isZero();
        assertThat(destination.get("destinationSegmentId").asText()).matches("urn:li:adSegment:\\d+");
    }

    @Test
    void unknownSegmentIsNotFound() {
        assertApiError(() -> dmp.get(1), 404, "RESOURCE_NOT_FOUND");
        assertApiError(() -> dmp.batch(1, "users", usersBody(0, 1, "ADD"), MEMBER), 404, "RESOURCE_NOT_FOUND");
    }

    @Test
    void createRefusesInvalidBodiesNamingTheField() throws IOException {
        ObjectNode valid = (ObjectNode) fixture("dmp-segment-create.json");
        assertCreateRefused(valid.deepCopy().put("name", " "), "name is required");
        assertCreateRefused(valid.deepCopy().put("type", "ACCOUNT"), "type must be USER or COMPANY");
        assertCreateRefused(valid.deepCopy().put("account", "urn:li:organization:1"), "account must be an ad account URN");
        assertCreateRefused(valid.deepCopy().put("accessPolicy", "OPEN"), "accessPolicy must be PRIVATE or PUBLIC");
        ObjectNode noDestination = valid.deepCopy();
        noDestination.putArray("destinations");
        assertCreateRefused(noDestination, "destinations must hold one destination");
        assertThat(dmp.all()).isEmpty();
    }

    @Test
    void findFiltersByAccountSourcePlatformAndSourceSegmentId() {
        long webinar = dmp.create(segmentBody("USER", ACCOUNT, "LEADSYNC", "crm-list-42"));
        long abm = dmp.create(segmentBody("COMPANY", ACCOUNT, "LEADSYNC", "abm-emea"));
        long other = dmp.create(segmentBody("USER", "urn:li:sponsoredAccount:1", "OTHER", "crm-list-42"));

        assertThat(ids(dmp.find(ACCOUNT, null, null))).containsExactly(webinar, abm);
        assertThat(ids(dmp.find(ACCOUNT, "LEADSYNC", "abm-emea"))).containsExactly(abm);
        assertThat(ids(dmp.find(null, null, "crm-list-42"))).containsExactly(webinar, other);
        assertThat(ids(dmp.find(null, "OTHER", null))).containsExactly(other);
        assertThat(dmp.find("urn:li:sponsoredAccount:999", null, null)).isEmpty();
        assertThat(ids(dmp.all())).containsExactly(webinar, abm, other);
    }

    @Test
    void usersBatchFixtureGivesItsResponse() throws IOException {
        JsonNode fixture = fixture("dmp-users-batch.json");
        long id = visibleSegment("USER");

        ArrayNode results = dmp.batch(id, "users", fixture.get("request"), MEMBER);

        assertThat(results).isEqualTo(fixture.get("response").get("elements"));
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(1);
    }

    @Test
    void companiesBatchFixtureGivesItsResponse() throws IOException {
        JsonNode fixture = fixture("dmp-companies-batch.json");
        long id = visibleSegment("COMPANY");

        ArrayNode results = dmp.batch(id, "companies", fixture.get("request"), MEMBER);

        assertThat(results).isEqualTo(fixture.get("response").get("elements"));
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(1);
    }

    @Test
    void twelveThousandUsersSplitInFiveThousandsAreAcceptedButFiveThousandOneAreRefused() {
        long id = visibleSegment("USER");

        for (int from = 0; from < 12_000; from += 5_000) {
            int count = Math.min(5_000, 12_000 - from);
            ArrayNode results = dmp.batch(id, "users", usersBody(from, count, "ADD"), MEMBER);
            assertThat(results).hasSize(count).allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(201));
        }
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(12_000);

        SandboxApiError refused = assertApiError(
                () -> dmp.batch(id, "users", usersBody(20_000, 5_001, "ADD"), MEMBER), 400, "ILLEGAL_ARGUMENT");
        assertThat(refused.getMessage()).contains("5001").contains("5000");
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(12_000);
    }

    @Test
    void missingOrEmptyElementsAndTheWrongKindAreRefused() {
        long users = visibleSegment("USER");
        long companies = visibleSegment("COMPANY");

        assertApiError(() -> dmp.batch(users, "users", MAPPER.createObjectNode(), MEMBER), 400, "ILLEGAL_ARGUMENT");
        ObjectNode empty = MAPPER.createObjectNode();
        empty.putArray("elements");
        assertApiError(() -> dmp.batch(users, "users", empty, MEMBER), 400, "ILLEGAL_ARGUMENT");
        SandboxApiError wrongKind = assertApiError(
                () -> dmp.batch(companies, "users", usersBody(0, 1, "ADD"), MEMBER), 400, "ILLEGAL_ARGUMENT");
        assertThat(wrongKind.getMessage()).contains("COMPANY");
        assertApiError(() -> dmp.batch(users, "companies", companiesBody("Contoso"), MEMBER), 400, "ILLEGAL_ARGUMENT");
        assertThat(dmp.get(users).get("inputCount").asLong()).isZero();
        assertThat(dmp.get(companies).get("inputCount").asLong()).isZero();
    }

    @Test
    void invalidUsersMixedWithValidOnesGetPerElementErrorsInOrder() throws IOException {
        long id = visibleSegment("USER");
        String body = """
                {"elements":[
                  {"action":"ADD","userIds":[{"idType":"SHA256_EMAIL","idValue":"%1$s"}],"country":"NG"},
                  {"action":"UPSERT","userIds":[{"idType":"SHA256_EMAIL","idValue":"%1$s"}]},
                  {"action":"ADD","userIds":[]},
                  {"action":"ADD","userIds":[{"idType":"SHA256_EMAIL","idValue":"%2$s"}]},
                  {"action":"ADD","userIds":[{"idType":"SHA512_EMAIL","idValue":"%1$s"}]},
                  {"action":"ADD","userIds":[{"idType":"GOOGLE_AID","idValue":"not-a-uuid"}]},
                  {"action":"ADD","userIds":[{"idType":"PHONE","idValue":"%1$s"}]},
                  {"action":"ADD","userIds":[{"idType":"GOOGLE_AID","idValue":"38400000-8cf0-11bd-b23e-10b96e40000d"}],
                   "firstName":"%3$s"},
                  {"action":"ADD","userIds":[{"idType":"SHA256_EMAIL","idValue":"%1$s"}],"title":"%4$s"},
                  {"action":"ADD","userIds":[{"idType":"SHA256_EMAIL","idValue":"%1$s"}],"country":"Nigeria"},
                  "not an object",
                  {"action":"ADD","userIds":[{"idType":"GOOGLE_AID","idValue":"38400000-8cf0-11bd-b23e-10b96e40000d"}],
                   "firstName":"%5$s","company":"%6$s"}
                ]}
                """.formatted(sha256("a@example.com"), sha256("a@example.com").toUpperCase(), "x".repeat(36),
                "t".repeat(51), "x".repeat(35), "c".repeat(50));

        ArrayNode results = dmp.batch(id, "users", MAPPER.readTree(body), MEMBER);

        assertThat(results).hasSize(12);
        assertThat(statuses(results)).containsExactly(201, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 201);
        assertThat(messages(results)).containsExactly(
                null,
                "action must be ADD or REMOVE",
                "userIds must hold at least one user id",
                "idValue must be a SHA-256 hex digest (64 lower-case hex characters)",
                "idValue must be a SHA-512 hex digest (128 hex characters)",
                "idValue must be a Google advertising id (a UUID) for idType GOOGLE_AID",
                "idType PHONE is not supported: use SHA256_EMAIL, SHA512_EMAIL or GOOGLE_AID",
                "firstName must be at most 35 characters",
                "title must be at most 50 characters",
                "country must be an ISO-3166 alpha-2 code (two upper-case letters)",
                "element must be a JSON object",
                null);
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(2);
    }

    @Test
    void plainEmailIsRefusedAndNeverStored() throws IOException {
        long id = visibleSegment("USER");
        JsonNode body = MAPPER.readTree("""
                {"elements":[
                  {"action":"ADD","userIds":[{"idType":"SHA256_EMAIL","idValue":"a@b.com"}]},
                  {"action":"ADD","userIds":[{"idType":"SHA512_EMAIL","idValue":"Amara.Okafor@Contoso.example"}]}
                ]}""");

        ArrayNode results = dmp.batch(id, "users", body, MEMBER);

        assertThat(messages(results)).containsExactly(
                "idValue must be a SHA-256 hex digest, not a plain email",
                "idValue must be a SHA-512 hex digest, not a plain email");
        assertThat(dmp.get(id).get("inputCount").asLong()).isZero();
    }

    @Test
    void invalidCompaniesGetPerElementErrorsInOrder() throws IOException {
        long id = visibleSegment("COMPANY");
        JsonNode body = MAPPER.readTree("""
                {"elements":[
                  {"action":"ADD","companyWebsiteDomain":"fabrikam.example"},
                  {"action":"ADD","companyName":"  ","city":"Lagos"},
                  {"action":"ADD","organizationUrn":"urn:li:company:1"},
                  {"action":"ADD","companyName":"Contoso","companyPageUrl":"https://www.linkedin.com/company/%s"},
                  {"action":"ADD","companyName":"Contoso","stockSymbol":"CONTOSO"},
                  {"action":"ADD","companyName":"Contoso","industries":["a","b","c","d"]},
                  {"action":"ADD","companyName":"Contoso","country":"ng"},
                  {"companyName":"Contoso"},
                  {"action":"ADD","organizationUrn":"urn:li:organization:1035","industries":["a","b","c"],"country":"NG"}
                ]}""".formatted("p".repeat(70)));

        ArrayNode results = dmp.batch(id, "companies", body, MEMBER);

        assertThat(messages(results)).containsExactly(
                null,
                "At least one company identifier is required",
                "organizationUrn must look like urn:li:organization:{id}",
                "companyPageUrl must be at most 100 characters",
                "stockSymbol must be at most 5 characters",
                "industries must hold at most 3 entries",
                "country must be an ISO-3166 alpha-2 code (two upper-case letters)",
                "action must be ADD or REMOVE",
                null);
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(2);
    }

    @Test
    void the501stUsersCallOfAMemberInOneMinuteIsThrottledUntilTheNextMinute() {
        long id = visibleSegment("USER");
        clock.advance(Duration.ofSeconds(25)); // 10:00:30
        for (int call = 0; call < 500; call++) {
            dmp.batch(id, "users", usersBody(call, 1, "ADD"), MEMBER);
        }

        SandboxApiError throttled = assertApiError(
                () -> dmp.batch(id, "users", usersBody(500, 1, "ADD"), MEMBER), 429, "TOO_MANY_REQUESTS");
        assertThat(throttled.serviceErrorCode()).isEqualTo(101);
        assertThat(throttled.getMessage()).contains("Resource level throttle").contains("MINUTE limit");
        assertThat(throttled.retryAfterSeconds()).isEqualTo(30);
        // The budget is per member, and /companies has its own.
        assertThat(dmp.batch(id, "users", usersBody(500, 1, "ADD"), "urn:li:person:Other")).hasSize(1);
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(501);

        clock.advance(Duration.ofSeconds(29));
        assertThat(assertApiError(() -> dmp.batch(id, "users", usersBody(501, 1, "ADD"), MEMBER), 429, "TOO_MANY_REQUESTS")
                .retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1)); // 10:01:00, a new minute
        assertThat(dmp.batch(id, "users", usersBody(501, 1, "ADD"), MEMBER).get(0).get("status").asInt()).isEqualTo(201);
    }

    @Test
    void companiesAllow300CallsPerMinuteByDefaultAndLimitsAreConfigurable() {
        long id = visibleSegment("COMPANY");
        for (int call = 0; call < 300; call++) {
            dmp.batch(id, "companies", companiesBody("Company " + call), MEMBER);
        }
        assertApiError(() -> dmp.batch(id, "companies", companiesBody("One more"), MEMBER), 429, "TOO_MANY_REQUESTS");

        dmp.configure(2, 1, Duration.ZERO, Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(1));
        dmp.batch(id, "companies", companiesBody("One more"), MEMBER);
        assertApiError(() -> dmp.batch(id, "companies", companiesBody("Another"), MEMBER), 429, "TOO_MANY_REQUESTS");
        long users = dmp.create(segmentBody("USER", ACCOUNT, "LEADSYNC", "fresh"));
        dmp.get(users); // a zero not-found window makes a new segment readable at once
        dmp.batch(users, "users", usersBody(0, 1, "ADD"), MEMBER);
        dmp.batch(users, "users", usersBody(1, 1, "ADD"), MEMBER);
        assertApiError(() -> dmp.batch(users, "users", usersBody(2, 1, "ADD"), MEMBER), 429, "TOO_MANY_REQUESTS");
    }

    @Test
    void statusMovesFromBuildingToReadyToUpdatingAndBackToReady() {
        long id = visibleSegment("USER"); // 10:00:05, created at 10:00:00
        dmp.batch(id, "users", usersBody(0, 400, "ADD"), MEMBER);
        long expected = expectedMatches(0, 400);
        long firstChange = clock.millis();
        assertThat(status(id)).isEqualTo("BUILDING");
        assertThat(destination(id).get("matchedCount").asLong()).isZero();
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(400);

        clock.advance(Duration.ofMillis(9_999));
        assertThat(status(id)).isEqualTo("BUILDING");
        clock.advance(Duration.ofMillis(1));
        assertThat(status(id)).isEqualTo("READY");
        assertThat(destination(id).get("matchedCount").asLong()).isEqualTo(expected);
        assertThat(dmp.get(id).get("lastModified").asLong()).isEqualTo(firstChange);

        dmp.batch(id, "users", usersBody(400, 100, "ADD"), MEMBER);
        assertThat(status(id)).isEqualTo("UPDATING");
        assertThat(dmp.get(id).get("lastModified").asLong()).isEqualTo(clock.millis());
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(500);
        assertThat(destination(id).get("matchedCount").asLong()).as("published counts stay while updating").isEqualTo(expected);

        clock.advance(Duration.ofSeconds(10));
        assertThat(status(id)).isEqualTo("READY");
        assertThat(destination(id).get("matchedCount").asLong()).isEqualTo(expectedMatches(0, 500));
    }

    @Test
    void aBatchWhoseElementsAreAllRefusedChangesNothing() throws IOException {
        long id = visibleSegment("USER");
        clock.advance(Duration.ofSeconds(10));
        ObjectNode before = dmp.get(id);

        dmp.batch(id, "users", MAPPER.readTree("{\"elements\":[{\"action\":\"ADD\",\"userIds\":[]}]}"), MEMBER);

        assertThat(dmp.get(id)).isEqualTo(before);
        assertThat(status(id)).isEqualTo("READY");
    }

    @Test
    void matchedCountAndAudienceSizeAreDeterministicForASeed() {
        List<ObjectNode> first = runScenario(7);
        List<ObjectNode> second = runScenario(7);

        assertThat(second).isEqualTo(first);
        JsonNode destination = first.get(0).get("destinations").get(0);
        long matched = expectedMatches(0, 1_000);
        assertThat(destination.get("matchedCount").asLong()).isEqualTo(matched).isBetween(650L, 850L);
        assertThat(destination.get("audienceSize").asLong()).isEqualTo(matched / 10 * 10);
        assertThat(first.get(0).get("inputCount").asLong()).isEqualTo(1_000);
        assertThat(ids(runScenario(8))).isNotEqualTo(ids(first));
    }

    @Test
    void removeLowersInputCountAndMatchedCount() {
        long id = visibleSegment("USER");
        dmp.batch(id, "users", usersBody(0, 100, "ADD"), MEMBER);
        dmp.batch(id, "users", usersBody(0, 100, "ADD"), MEMBER);
        assertThat(dmp.get(id).get("inputCount").asLong()).as("adding twice counts once").isEqualTo(100);

        dmp.batch(id, "users", usersBody(0, 30, "REMOVE"), MEMBER);
        clock.advance(Duration.ofSeconds(10));

        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(70);
        assertThat(destination(id).get("matchedCount").asLong()).isEqualTo(expectedMatches(30, 70));
    }

    @Test
    void concurrentBatchesFromSeveralThreadsLoseNoMember() throws Exception {
        long id = visibleSegment("USER");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ArrayNode>> futures = new ArrayList<>();
            for (int batch = 0; batch < 40; batch++) {
                int from = batch * 100;
                futures.add(pool.submit(() -> dmp.batch(id, "users", usersBody(from, 100, "ADD"), "urn:li:person:" + from)));
            }
            for (Future<ArrayNode> future : futures) {
                assertThat(future.get()).hasSize(100);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofSeconds(10));
        assertThat(dmp.get(id).get("inputCount").asLong()).isEqualTo(4_000);
        assertThat(destination(id).get("matchedCount").asLong()).isEqualTo(expectedMatches(0, 4_000));
    }

    private List<ObjectNode> runScenario(long seed) {
        MutableClock scenarioClock = new MutableClock(START);
        DmpSegments segments = new DmpSegments(scenarioClock, seed);
        long users = segments.create(segmentBody("USER", ACCOUNT, "LEADSYNC", "list-1"));
        segments.create(segmentBody("COMPANY", ACCOUNT, "LEADSYNC", "list-2"));
        scenarioClock.advance(Duration.ofSeconds(5));
        segments.batch(users, "users", usersBody(0, 1_000, "ADD"), MEMBER);
        scenarioClock.advance(Duration.ofSeconds(10));
        return segments.all();
    }

    private long visibleSegment(String type) {
        long id = dmp.create(segmentBody(type, ACCOUNT, "LEADSYNC", "list-" + type));
        clock.advance(Duration.ofSeconds(5));
        return id;
    }

    private static ObjectNode segmentBody(String type, String account, String sourcePlatform, String sourceSegmentId) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("name", "Segment " + sourceSegmentId)
                .put("sourcePlatform", sourcePlatform)
                .put("sourceSegmentId", sourceSegmentId)
                .put("account", account)
                .put("accessPolicy", "PRIVATE")
                .put("type", type);
        body.putArray("destinations").addObject().put("destination", "LINKEDIN");
        return body;
    }

    private static ObjectNode usersBody(int from, int count, String action) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode elements = body.putArray("elements");
        for (int i = from; i < from + count; i++) {
            elements.addObject().put("action", action)
                    .putArray("userIds").addObject().put("idType", "SHA256_EMAIL").put("idValue", sha256(email(i)));
        }
        return body;
    }

    private static ObjectNode companiesBody(String companyName) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("elements").addObject().put("action", "ADD").put("companyName", companyName);
        return body;
    }

    /** Counted here independently of the sandbox: the first hex digit of SHA-256(identity) is below 'c'. */
    private static long expectedMatches(int from, int count) {
        return IntStream.range(from, from + count).filter(i -> sha256(sha256(email(i))).charAt(0) < 'c').count();
    }

    private static String email(int i) {
        return "user" + i + "@example.com";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(long id) {
        return destination(id).get("status").asText();
    }

    private JsonNode destination(long id) {
        return dmp.get(id).get("destinations").get(0);
    }

    private void assertCreateRefused(JsonNode body, String message) {
        assertThat(assertApiError(() -> dmp.create(body), 400, "ILLEGAL_ARGUMENT").getMessage()).contains(message);
    }

    private static SandboxApiError assertApiError(Runnable call, int status, String code) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(SandboxApiError.class);
        SandboxApiError error = (SandboxApiError) thrown;
        assertThat(error.status()).as(error.getMessage()).isEqualTo(status);
        assertThat(error.code()).isEqualTo(code);
        return error;
    }

    private static List<Long> ids(List<ObjectNode> segments) {
        return segments.stream().map(s -> s.get("id").asLong()).toList();
    }

    private static List<Integer> statuses(ArrayNode results) {
        List<Integer> statuses = new ArrayList<>();
        results.forEach(r -> statuses.add(r.get("status").asInt()));
        return statuses;
    }

    private static List<String> messages(ArrayNode results) {
        List<String> messages = new ArrayList<>();
        results.forEach(r -> messages.add(r.has("error") ? r.get("error").get("message").asText() : null));
        return messages;
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = DmpSegmentsTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return MAPPER.readTree(in);
        }
    }
}
