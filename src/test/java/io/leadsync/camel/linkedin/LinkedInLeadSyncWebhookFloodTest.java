package io.leadsync.camel.linkedin;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadsync.testing.MutableClock;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook on the public internet under a flood: replays of a notification for a lead LinkedIn does not know cost one
 * BATCH_GET per memory lifetime, refused requests make one WARN a minute with counts, unknown leads no INFO per lead,
 * and control characters a caller sends reach neither a log line nor an error body.
 */
class LinkedInLeadSyncWebhookFloodTest extends LinkedInLeadSyncWebhookTestSupport {

    private static final String PATH = "/linkedin/leads";
    private static final String BATCH_GET = "BATCH_GET leadFormResponses";

    private final MutableClock clock = MutableClock.startingNow();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;
    private Level level;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, PATH, "owners=" + ACCOUNT + "&leadTypes=SPONSORED&webhookAutoRegister=false")).routeId("webhook")
                        .to("mock:leads");
            }
        };
    }

    @BeforeEach
    void captureLogsAndClock() {
        context.getEndpoints().stream().filter(LinkedInLeadSyncEndpoint.class::isInstance).map(LinkedInLeadSyncEndpoint.class::cast)
                .forEach(e -> e.setClock(clock));
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = logging.getLogger("io.leadsync.camel.linkedin");
        level = logger.getLevel();
        // DEBUG too: a caller's bytes must not reach even a debug line raw
        logger.setLevel(Level.DEBUG);
        appender.setContext(logging);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void restoreLogs() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        sandbox.faults().clear();
    }

    @Test
    void fiftyReplaysOfAnUnknownLeadCostOneBatchGetUntilTheMemoryExpires() throws Exception {
        sandbox.resetStats();
        MockEndpoint mock = getMockEndpoint("mock:leads");
        mock.expectedMessageCount(0);
        byte[] body = notification("unknown-" + UUID.randomUUID() + "-1", "CREATED", WHITEPAPER_FORM, 3);
        String signature = documentedSignature(body);

        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = post(url(), body, signature);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body()).get("routed").asInt()).isZero();
        }
        assertThat(sandbox.stats().calls(BATCH_GET)).as("50 deliveries of one unknown lead").isEqualTo(1);
        assertThat(infoAndAbove()).as("no INFO per unknown lead").hasSize(1);

        clock.advance(Duration.ofMinutes(61));
        assertThat(post(url(), body, signature).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().calls(BATCH_GET)).as("asked again once the memory expired (1 hour)").isEqualTo(2);

        // other unknown leads within the minute are summarised in one line
        for (int i = 0; i < 5; i++) {
            byte[] other = notification("unknown-" + UUID.randomUUID() + "-1", "CREATED", WHITEPAPER_FORM, 3);
            assertThat(post(url(), other, documentedSignature(other)).statusCode()).isEqualTo(200);
        }
        clock.advance(Duration.ofSeconds(61));
        byte[] last = notification("unknown-" + UUID.randomUUID() + "-1", "CREATED", WHITEPAPER_FORM, 3);
        post(url(), last, documentedSignature(last));
        List<String> info = infoAndAbove();
        assertThat(info).hasSize(3);
        assertThat(info.get(2)).startsWith("6 leads of CREATED notifications in the last 61 s were not readable on LinkedIn");
        mock.assertIsSatisfied();
    }

    @Test
    void refusedRequestsMakeOneWarnAMinuteWithCountsAndNoControlCharacterReachesALogOrAnErrorBody() {
        byte[] body = notification("c0ffee00-1111-2222-3333-444455556666-2", "CREATED", WHITEPAPER_FORM, 3);
        for (int i = 0; i < 300; i++) {
            assertThat(post(url(), body, "0".repeat(64)).statusCode()).isEqualTo(401);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(post(url(), body, null).statusCode()).isEqualTo(401);
        }
        // signed (as only LinkedIn could) but hostile: NUL, ESC, CR/LF in the action and in the lead id
        byte[] badAction = ("{\"leadGenFormResponse\":\"urn:li:leadGenFormResponse:x-1\",\"leadAction\":\"\\u0000\\u001b[31mDELETED\\r\\n"
                            + "WARN forged line\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> action = post(url(), badAction, documentedSignature(badAction));
        assertThat(action.statusCode()).isEqualTo(400);
        String actionError = json(action.body()).get("error").asText();
        assertThat(actionError).startsWith("the notification has leadAction \\u0000\\u001b[31mDELETED\\u000d\\u000aWARN forged line;");
        assertThat(actionError.chars()).noneMatch(c -> c < 0x20);
        byte[] badId = "{\"leadGenFormResponse\":\"urn:li:leadGenFormResponse:x\\u0000-1\",\"leadAction\":\"CREATED\"}"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> id = post(url(), badId, documentedSignature(badId));
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(json(id.body()).get("error").asText()).isEqualTo(
                "the notification has a lead id that is longer than 255 characters or contains spaces or control characters");
        for (String code : List.of("\u0000", "abc\r\nWARN forged", "\u001b]0;owned\u0007")) {
            HttpResponse<String> challenge = get(url() + "?challengeCode=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
            assertThat(challenge.statusCode()).isEqualTo(400);
            assertThat(json(challenge.body()).get("error").asText().chars()).noneMatch(c -> c < 0x20);
        }
        assertThat(warnings()).as("one line for 315 refusals within a minute").hasSize(1);
        assertThat(warnings().get(0)).startsWith("Refused a webhook request (bad signature) from ");

        clock.advance(Duration.ofSeconds(60));
        assertThat(post(url(), body, null).statusCode()).isEqualTo(401);
        List<String> warnings = warnings();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).startsWith("Refused 315 webhook requests in the last 60 s (3 bad challenge, 299 bad signature, "
                                               + "2 malformed, 11 missing signature); last from ");

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).allSatisfy(line -> assertThat(line.chars())
                .as("no control character in %s", line).noneMatch(c -> c < 0x20 || c == 0x7f));
        assertThat(appender.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).as("no stack trace").isNull());
    }

    private List<String> warnings() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> infoAndAbove() {
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(e -> e.getLoggerName().endsWith("WebhookProcessor")).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private String url() {
        return webhookUrl(port, PATH);
    }
}
