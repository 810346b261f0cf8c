package io.leadsync.camel.linkedin;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every validation error of the component, raised from endpoints whose secret options all carry recognisable values:
 * no secret appears in any exception message of the cause chain, nor in any log line (Camel's own included).
 */
class LinkedInLeadSyncSecretsInMessagesTest {

    private static final String ACCESS_TOKEN = "AT-secret-value-1111";
    private static final String CLIENT_SECRET = "CS-secret-value-2222";
    private static final String REFRESH_TOKEN = "RT-secret-value-3333";
    private static final List<String> SECRETS = List.of(ACCESS_TOKEN, CLIENT_SECRET, REFRESH_TOKEN, "4444");
    private static final String SECRET_OPTIONS = "accessToken=" + ACCESS_TOKEN + "&clientSecret=" + CLIENT_SECRET + "&refreshToken="
                                                 + REFRESH_TOKEN + "&clientId=app-1";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;
    private Level rootLevel;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.setContext(logging);
        appender.start();
        root.addAppender(appender);
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        assertNoSecretInLogs();
    }

    /** Each validation the component and its validator make, one URI each. */
    @ParameterizedTest
    @ValueSource(strings = {
            "linkedin-leadsync:bogus?%s",
            "linkedin-leadsync://bogus?%s",
            "linkedin-leadsync:leads?apiVersion=20x&%s",
            "linkedin-leadsync:leads?restBaseUrl=ftp://example.com&%s",
            "linkedin-leadsync:leads?legacyBaseUrl=not-a-url&%s",
            "linkedin-leadsync:leads?oauthBaseUrl=https://&%s",
            "linkedin-leadsync:leads?pageSize=0&%s",
            "linkedin-leadsync:leads?backfillDays=400&%s",
            "linkedin-leadsync:leads?overlap=-1&%s",
            "linkedin-leadsync:leads?windowSize=5&%s",
            "linkedin-leadsync:leads?maxRetries=-1&%s",
            "linkedin-leadsync:leads?leadTypes=NONSENSE&%s",
            "linkedin-leadsync:leads?leadTypes=,&%s",
            "linkedin-leadsync:leads?owners=urn:li:person:1&%s",
            "linkedin-leadsync:leads?formIds=abc&%s",
            "linkedin-leadsync:leads?operation=listForms&%s",
            "linkedin-leadsync:leads?webhookDedupCacheSize=0&%s",
            "linkedin-leadsync:leads?webhookUnknownLeadCacheSize=-1&%s",
            "linkedin-leadsync:leads?webhookUnknownLeadCacheTtl=-1&%s",
            "linkedin-leadsync:leads?webhookMaxBodySize=1&%s",
            "linkedin-leadsync:leads?pageSize=many&%s",
            "linkedin-leadsync:leads?testLeads=sometimes&%s",
            "linkedin-leadsync:leads?operation=nope&%s",
            "linkedin-leadsync:leads?clientSecrett=4444&%s",
            "linkedin-leadsync:leads?accesToken=4444&%s",
            "linkedin-leadsync:leads?password=4444&secretKey=4444&%s",
            "linkedin-leadsync:leads?clientSecret=RAW(CS-secret-value-2222&more)&accessToken=RAW(AT-secret-value-1111)&pageSize=0",
            "linkedin-leadsync:leads?refreshToken=" + REFRESH_TOKEN + "&clientSecret=" + CLIENT_SECRET,
    })
    void noSecretInTheErrorOfAnInvalidEndpoint(String template) {
        String uri = template.contains("%s") ? String.format(template, SECRET_OPTIONS) : template;
        Throwable thrown = catchThrowable(() -> context.getEndpoint(uri));
        assertThat(thrown).as(uri).isNotNull();
        assertNoSecretIn(thrown);
    }

    @Test
    void noSecretWhenAProducerResourceIsConsumed() throws Exception {
        Endpoint endpoint = context.getEndpoint("linkedin-leadsync:forms?" + SECRET_OPTIONS);
        Throwable thrown = catchThrowable(() -> endpoint.createConsumer(exchange -> { }));
        assertThat(thrown).hasMessageContaining("Only linkedin-leadsync:leads can be consumed");
        assertNoSecretIn(thrown);
        assertThat(endpoint.toString()).doesNotContain(ACCESS_TOKEN, CLIENT_SECRET, REFRESH_TOKEN);
        assertThat(((LinkedInLeadSyncEndpoint) endpoint).getConfiguration().toString()).doesNotContain(ACCESS_TOKEN, CLIENT_SECRET, REFRESH_TOKEN);
    }

    @Test
    void theReportedMessageNamesTheResourceAndMasksTheSecrets() {
        Throwable thrown = catchThrowable(() -> context.getEndpoint("linkedin-leadsync:bogus?accessToken=" + ACCESS_TOKEN + "&clientSecret=" + CLIENT_SECRET));
        List<String> messages = chain(thrown);
        assertThat(messages).anyMatch(m -> m.contains("Unknown resource 'bogus'") && m.contains("accessToken=xxxxxx")
                                           && m.contains("clientSecret=xxxxxx"));
        assertNoSecretIn(thrown);
    }

    private static void assertNoSecretIn(Throwable thrown) {
        for (String message : chain(thrown)) {
            for (String secret : SECRETS) {
                assertThat(message).as("a message of the cause chain").doesNotContain(secret);
            }
        }
    }

    private static List<String> chain(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            messages.add(t.toString());
            for (Throwable s : t.getSuppressed()) {
                messages.add(s.toString());
            }
        }
        return messages;
    }

    private void assertNoSecretInLogs() {
        for (ILoggingEvent event : appender.list) {
            List<String> texts = new ArrayList<>(List.of(event.getFormattedMessage()));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
            }
            for (String text : texts) {
                for (String secret : SECRETS) {
                    assertThat(text).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
                }
            }
        }
    }
}
