package io.leadsync.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.audience.SegmentSummary;
import io.leadsync.camel.linkedin.model.DmpSegment;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.testing.MutableClock;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kamelet:linkedin-audience-users-sink and kamelet:linkedin-audience-companies-sink under camel-main: JSON in, the
 * sandbox segment's input count grows, per-element verdicts come back as JSON. The sinks are given an access token
 * only (no client id or secret), as with a developer-portal token.
 */
class LinkedInAudienceSinkKameletTest {

    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.startingNow();
    private final LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).seed(42L).leads(10).clock(clock).build().start();
    private KameletMain app;
    private ProducerTemplate template;
    private String token;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        sandbox.stop();
    }

    @Test
    void usersFromAJsonArrayAndOneJsonObjectAreAddedThenRemoved() throws Exception {
        start();
        long segment = createSegment("Kamelet readers", "USER");

        JsonNode added = send("direct:add-users", segment, """
                [ {"email": "  Ann.Lee@Example.COM ", "firstName": "Ann", "lastName": "Lee", "country": "GB", "crmId": 17},
                  {"firstName": "Nobody", "newsletter": true},
                  {"email": "not an address"},
                  {"sha256Email": "%s", "title": "CTO"} ]
                """.formatted("a".repeat(64)));
        assertThat(added.path("segmentId").asLong()).isEqualTo(segment);
        assertThat(added.path("action").asText()).isEqualTo("ADD");
        assertThat(added.path("acceptedCount").asInt()).isEqualTo(2);
        assertThat(added.path("rejectedCount").asInt()).isEqualTo(2);
        assertThat(added.path("elements")).hasSize(4);
        assertThat(added.path("elements").get(0).path("accepted").asBoolean()).isTrue();
        assertThat(added.path("elements").get(1).path("sent").asBoolean()).isFalse();
        assertThat(added.path("elements").get(1).path("message").asText())
                .isEqualTo("no identifier: set email, sha256Email, sha512Email or googleAid");
        assertThat(added.path("elements").get(2).path("message").asText())
                .isEqualTo("email is neither an email address nor a SHA-256 digest");
        assertThat(added.path("elements").get(3).path("accepted").asBoolean()).isTrue();

        JsonNode one = send("direct:add-users", segment, "{\"email\": \"bob@example.org\", \"company\": \"Contoso\"}");
        assertThat(one.path("acceptedCount").asInt()).isEqualTo(1);
        assertThat(one.path("elements")).hasSize(1);
        assertThat(sandbox.stats().calls("BATCH_CREATE dmpSegments/users")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(11)); // the upload settles
        assertThat(summary(segment).inputCount()).isEqualTo(3L);

        // JSON as bytes, the way it comes from Kafka or an HTTP body, is read like JSON text
        JsonNode removed = send("direct:remove-users", segment, "[{\"email\": \"ann.lee@example.com\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(removed.path("action").asText()).isEqualTo("REMOVE");
        assertThat(removed.path("acceptedCount").asInt()).isEqualTo(1);
        assertThat(sandbox.stats().calls("BATCH_CREATE dmpSegments/users")).isEqualTo(3);
    }

    @Test
    void companiesFromAJsonArrayAndOneJsonObjectAreAddedThenRemoved() throws Exception {
        start();
        long segment = createSegment("Kamelet accounts", "COMPANY");

        JsonNode added = send("direct:add-companies", segment, """
                [ {"companyName": "Contoso", "companyWebsiteDomain": "contoso.example", "industries": "Software Development",
                   "country": "NG", "owner": "sales-team-3"},
                  {"companyName": ""},
                  {"organizationUrn": "urn:li:organization:1035"} ]
                """);
        assertThat(added.path("action").asText()).isEqualTo("ADD");
        assertThat(added.path("acceptedCount").asInt()).isEqualTo(2);
        assertThat(added.path("elements")).hasSize(3);
        assertThat(added.path("elements").get(1).path("status").asInt()).isEqualTo(400);
        assertThat(added.path("elements").get(1).path("message").asText()).isEqualTo("At least one company identifier is required");

        JsonNode one = send("direct:add-companies", segment, "{\"companyEmailDomain\": \"northwind.example\"}");
        assertThat(one.path("acceptedCount").asInt()).isEqualTo(1);
        assertThat(sandbox.stats().calls("BATCH_CREATE dmpSegments/companies")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(11));
        assertThat(summary(segment).inputCount()).isEqualTo(3L);

        JsonNode removed = send("direct:remove-companies", segment, "{\"companyName\": \"Contoso\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(removed.path("action").asText()).isEqualTo("REMOVE");
        assertThat(removed.path("acceptedCount").asInt()).isEqualTo(1);
    }

    private void start() {
        token = sandbox.issueTokens().accessToken();
        StringBuilder yaml = new StringBuilder();
        for (String[] route : new String[][] {
                {"add-users", "linkedin-audience-users-sink", "addUsers"},
                {"remove-users", "linkedin-audience-users-sink", "removeUsers"},
                {"add-companies", "linkedin-audience-companies-sink", "addCompanies"},
                {"remove-companies", "linkedin-audience-companies-sink", "removeCompanies"}}) {
            yaml.append("""
                    - route:
                        id: %1$s
                        from:
                          uri: direct:%1$s
                          steps:
                            - to:
                                uri: kamelet:%2$s
                                parameters:
                                  accessToken: "{{sandbox.token}}"
                                  restBaseUrl: "{{sandbox.rest}}"
                                  legacyBaseUrl: "{{sandbox.legacy}}"
                                  oauthBaseUrl: "{{sandbox.oauth}}"
                                  segmentId: "{{segment.id}}"
                                  operation: %3$s
                    """.formatted(route[0], route[1], route[2]));
        }
        // the segment id the routes name is a placeholder; each test overrides it per message with the header
        app = KameletMain.start(dir, yaml.toString(), sandbox, token, Map.of("segment.id", "1"));
        template = app.context().createProducerTemplate();
    }

    private long createSegment(String name, String type) {
        String uri = "linkedin-leadsync:segments?operation=createSegment&accessToken=RAW(" + token + ")&restBaseUrl="
                     + sandbox.restBaseUrl() + "&legacyBaseUrl=" + sandbox.legacyBaseUrl() + "&oauthBaseUrl=" + sandbox.oauthBaseUrl();
        DmpSegment segment = template.requestBody(uri, Map.of("name", name, "type", type, "account", ACCOUNT), DmpSegment.class);
        clock.advance(Duration.ofSeconds(6)); // past LinkedIn's not-found window of a new segment
        return segment.id();
    }

    private SegmentSummary summary(long segment) {
        String uri = "linkedin-leadsync:segments?operation=getSegment&segmentId=" + segment + "&accessToken=RAW(" + token
                     + ")&restBaseUrl=" + sandbox.restBaseUrl() + "&legacyBaseUrl=" + sandbox.legacyBaseUrl() + "&oauthBaseUrl="
                     + sandbox.oauthBaseUrl();
        return template.requestBody(uri, null, SegmentSummary.class);
    }

    /** Sends {@code json} (text or UTF-8 bytes) with the segment header and reads the Kamelet's JSON answer. */
    private JsonNode send(String uri, long segment, Object json) throws Exception {
        Exchange exchange = template.request(uri, e -> {
            e.getMessage().setBody(json);
            e.getMessage().setHeader("CamelLinkedInSegmentId", segment);
        });
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return MAPPER.readTree(exchange.getMessage().getBody(String.class));
    }
}
