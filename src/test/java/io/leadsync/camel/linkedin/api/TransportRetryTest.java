package io.leadsync.camel.linkedin.api;

import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.error;
import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.leadsync.camel.linkedin.model.BatchElementResult;
import io.leadsync.camel.linkedin.model.DmpSegment;
import io.leadsync.camel.linkedin.model.DmpUser;
import io.leadsync.camel.linkedin.model.UserId;
import org.junit.jupiter.api.Test;

/** Which failures are retried, how long the client waits (through the injected sleeper), and where it stops. */
class TransportRetryTest extends ScriptedApiTestSupport {

    private static final String THROTTLED = "Resource level throttle APPLICATION MINUTE limit for calls to this resource is reached.";
    private static final String DAILY = "Resource level throttle APPLICATION_AND_MEMBER DAY limit for calls to this resource is reached.";
    private static final List<DmpUser> ONE_USER = List.of(new DmpUser("ADD",
            List.of(new UserId("SHA256_EMAIL", "6004011096bf0cde1f8716b6767558605de1a8fbfb94424e0db781c70c1e03d2")), null, null, null, null, null));

    @Test
    void throttleWithRetryAfterWaitsExactlyThatLong() {
        linkedIn.enqueue(error(429, "TOO_MANY_REQUESTS", THROTTLED).withHeader("Retry-After", "7"), json(200, "{\"id\":1}"));

        assertThat(api.leadForm(1).id()).isEqualTo(1L);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(linkedIn.requests()).hasSize(2);
    }

    @Test
    void throttleWithoutRetryAfterBacksOffExponentiallyWithJitter() {
        linkedIn.enqueue(error(429, "TOO_MANY_REQUESTS", THROTTLED), error(429, "TOO_MANY_REQUESTS", THROTTLED),
                error(429, "TOO_MANY_REQUESTS", THROTTLED), json(200, "{\"id\":1}"));

        api.leadForm(1);

        // DEFAULT policy: 500 ms doubling, 20 % jitter; the test's random is 0.5, so 10 % off each step
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(450), Duration.ofMillis(900), Duration.ofMillis(1800));
        assertThat(linkedIn.requests()).hasSize(4);
    }

    @Test
    void retryAfterLongerThanThePolicyAllowsIsNotWaitedFor() {
        linkedIn.enqueue(error(429, "TOO_MANY_REQUESTS", THROTTLED).withHeader("Retry-After", "3600"), json(200, "{\"id\":1}"));

        RateLimitedException failure = catchThrowableOfType(() -> api.leadForm(1), RateLimitedException.class);

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(failure.isDailyQuota()).isFalse();
        assertThat(sleeper.waits).isEmpty();
        assertThat(linkedIn.requests()).hasSize(1);
    }

    @Test
    void dailyQuotaIsNotRetriedAndResetsAtMidnightUtc() {
        linkedIn.enqueue(error(429, "TOO_MANY_REQUESTS", DAILY), json(200, "{\"id\":1}"));

        RateLimitedException failure = catchThrowableOfType(() -> api.leadForm(1), RateLimitedException.class);

        assertThat(failure).isInstanceOf(DailyQuotaExceededException.class);
        assertThat(failure.isDailyQuota()).isTrue();
        assertThat(failure.resetsAt()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(failure.retryAfter()).isEqualTo(Duration.between(NOW, Instant.parse("2026-11-24T00:00:00Z")));
        assertThat(failure.getMessage()).contains("daily quota").contains("2026-11-24T00:00:00Z").contains("DAY limit");
        assertThat(linkedIn.requests()).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedUpToTheBoundThenSurface() {
        for (int i = 0; i < 10; i++) {
            linkedIn.enqueue(json(i % 2 == 0 ? 503 : 500, "{\"status\":500,\"serviceErrorCode\":0,\"message\":\"Internal Server Error\"}"));
        }
        LinkedInApi twoRetries = apiBuilder().settings(linkedIn.settings().toBuilder()
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0, Duration.ofMinutes(1))).build()).build();

        ServerErrorException failure = catchThrowableOfType(() -> twoRetries.leadForm(1), ServerErrorException.class);

        assertThat(linkedIn.requests()).hasSize(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.getMessage()).contains("Internal Server Error").contains("GET /rest/leadForms/1");
    }

    @Test
    void gatewayTimeoutAndRequestTimeoutAreRetried() {
        linkedIn.enqueue(json(504, ""), json(408, ""), json(502, "<html>bad gateway</html>"), json(200, "{\"id\":1}"));

        assertThat(api.leadForm(1).id()).isEqualTo(1L);
        assertThat(linkedIn.requests()).hasSize(4);
    }

    @Test
    void badRequestForbiddenAndVersionSunsetAreNotRetried() {
        linkedIn.enqueue(error(400, "ILLEGAL_ARGUMENT", "bad"), error(403, "ACCESS_DENIED", "no"),
                json(426, "{\"status\":426,\"code\":\"NONEXISTENT_VERSION\",\"message\":\"Requested version 20240101 is not active\"}"));

        assertThatThrownBy(() -> api.leadForm(1)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> api.leadForm(1)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> api.leadForm(1)).isInstanceOf(VersionSunsetException.class);

        assertThat(linkedIn.requests()).hasSize(3);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void conflictIsRetried() {
        linkedIn.enqueue(error(409, "CONFLICT", "concurrent create"), json(201, "").withHeader("x-restli-id", "9821736"));

        long id = api.createDmpSegment(new DmpSegment(null, "Webinar", "USER", "LEADSYNC", "crm-42", "PRIVATE",
                "urn:li:sponsoredAccount:507857085", null, null, null, null));

        assertThat(id).isEqualTo(9821736L);
        assertThat(linkedIn.requests()).hasSize(2);
    }

    @Test
    void notFoundOnASegmentCreatedMomentsAgoIsRetried() {
        linkedIn.enqueue(json(201, "").withHeader("x-restli-id", "urn:li:dmpSegment:9821736"),
                error(404, "RESOURCE_NOT_FOUND", "Could not find entity"), error(404, "RESOURCE_NOT_FOUND", "Could not find entity"),
                json(200, "{\"elements\":[{\"status\":201}]}"));
        long id = api.createDmpSegment(new DmpSegment(null, "Webinar", "USER", "LEADSYNC", "crm-42", "PRIVATE",
                "urn:li:sponsoredAccount:507857085", null, null, null, null));
        clock.advance(Duration.ofSeconds(3));

        List<BatchElementResult> results = api.dmpSegmentUsers(id, ONE_USER);

        assertThat(results).extracting(BatchElementResult::status).containsExactly(201);
        assertThat(linkedIn.requests()).hasSize(4);
        assertThat(linkedIn.requests().get(3).path()).isEqualTo("/rest/dmpSegments/9821736/users");
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void notFoundOnAnOlderOrForeignSegmentIsFinal() {
        linkedIn.enqueue(json(201, "").withHeader("x-restli-id", "9821736"),
                error(404, "RESOURCE_NOT_FOUND", "Could not find entity"),
                error(404, "RESOURCE_NOT_FOUND", "Could not find entity"), json(200, "{\"elements\":[{\"status\":201}]}"));
        long id = api.createDmpSegment(new DmpSegment(null, "Webinar", "USER", "LEADSYNC", "crm-42", "PRIVATE",
                "urn:li:sponsoredAccount:507857085", null, null, null, null));
        clock.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> api.dmpSegmentUsers(id, ONE_USER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> api.dmpSegmentUsers(42, ONE_USER)).isInstanceOf(NotFoundException.class);

        assertThat(linkedIn.requests()).hasSize(3);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void connectFailureIsRetriedThenSurfacesAsTransportException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LinkedInApi unreachable = apiBuilder().settings(LinkedInApiSettings.builder().baseUri("http://127.0.0.1:" + closedPort)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1), 2.0, 0.0, Duration.ofMinutes(1))).build()).build();

        LinkedInTransportException failure = catchThrowableOfType(() -> unreachable.leadForm(1), LinkedInTransportException.class);

        assertThat(failure.connectFailure()).isTrue();
        assertThat(failure.getMessage()).contains("GET /rest/leadForms/1");
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        assertNoTokenIn(failure);
    }
}
