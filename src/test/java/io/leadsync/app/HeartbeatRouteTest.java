package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadsync.camel.linkedin.access.ProfileStatus;
import io.leadsync.camel.linkedin.auth.OAuthToken;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.testing.LogSnapshot;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** routes/heartbeat.yaml (LGF-002/003/004/006): the token heartbeat and the re-authorization alert. */
class HeartbeatRouteTest {

    @TempDir
    Path dataDir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger heartbeatLog = (Logger) LoggerFactory.getLogger("io.leadsync.app.Heartbeat");
    private AlertReceiver receiver;
    private LeadSyncApp app;

    @BeforeEach
    void listen() throws Exception {
        log.start();
        heartbeatLog.addAppender(log);
        receiver = new AlertReceiver();
    }

    @AfterEach
    void stop() {
        heartbeatLog.detachAppender(log);
        if (app != null) {
            app.close();
        }
        receiver.close();
    }

    @Test
    void atStartTheHeartbeatChecksTheTokenAndLogsTheDaysLeft() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("heartbeat.yaml"), Map.of("leadsync.alert.url", receiver.url()));

        await().atMost(Duration.ofSeconds(60)).until(() -> messages(Level.INFO).stream().anyMatch(m -> m.startsWith("Token valid")));
        assertThat(messages(Level.INFO)).anySatisfy(m -> assertThat(m).matches("Token valid: access (59|60) days, refresh (364|365) days"));
        TokenManager tokens = app.camel().getRegistry().lookupByNameAndType("tokenManager", TokenManager.class);
        assertThat(tokens.status().lastHeartbeatAt()).isNotNull();
        assertThat(tokens.status().lastHeartbeatStatus()).isEqualTo("active");
        assertThat(app.sandbox().stats().calls().keySet()).anyMatch(k -> k.contains("introspect"));
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aRevokedGrantIsAlertedOnceWithTheConnectLinkAndNoToken() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("heartbeat.yaml"), Map.of("leadsync.alert.url", receiver.url(),
                "leadsync.public-url", "https://leadsync.example.com"));
        await().atMost(Duration.ofSeconds(60)).until(() -> messages(Level.INFO).stream().anyMatch(m -> m.startsWith("Token valid")));
        OAuthToken grant = app.storedToken();

        // the token manager's listener and the heartbeat both hand the failure to the alert route: the heartbeat within
        // its own exchange (done when the request below returns), the listener in an exchange of its own, sent
        // asynchronously from the alert route's endpoint
        NotifyBuilder listenerAlerted = new NotifyBuilder(app.camel()).fromRoute(AlertingReauthorizationListener.ALERT_ROUTE)
                .whenDone(1).create();

        // the member removes the app on LinkedIn: the whole grant is revoked
        app.sandbox().revokeToken(grant.refreshToken());
        ProfileStatus status = app.camel().createProducerTemplate().requestBody("direct:heartbeat", null, ProfileStatus.class);

        assertThat(status.reauthorizationRequired()).isTrue();
        // the listener's alert is done too (an in-flight count of 0 can come before its exchange even started)
        assertThat(listenerAlerted.matches(60, TimeUnit.SECONDS)).as("the alert route ran for the token manager's listener").isTrue();
        // the operator hears it once
        assertThat(receiver.received()).hasSize(1);
        AlertReceiver.Received alert = receiver.received().get(0);
        assertThat(alert.method()).isEqualTo("POST");
        assertThat(alert.path()).isEqualTo("/hooks/leadsync");
        assertThat(alert.contentType()).startsWith("application/json");
        Map<String, Object> json = LeadSyncApp.json(alert.body());
        assertThat(json).containsOnlyKeys("event", "reason", "connectUrl")
                .containsEntry("event", "linkedin.reauthorization_required")
                .containsEntry("connectUrl", "https://leadsync.example.com/connect");
        assertThat((String) json.get("reason")).isNotBlank().doesNotContain("http");
        assertThat(alert.body()).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());
        assertThat(messages(Level.WARN)).anySatisfy(m -> assertThat(m)
                .startsWith("LinkedIn re-authorization required (").endsWith("): open https://leadsync.example.com/connect to connect again"));
        assertThat(LogSnapshot.of(log)).noneMatch(e -> e.getFormattedMessage().contains(grant.refreshToken()));
    }

    @Test
    void withoutAnAlertUrlTheReauthorizationIsLoggedOnly() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("heartbeat.yaml"), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> messages(Level.INFO).stream().anyMatch(m -> m.startsWith("Token valid")));

        app.sandbox().revokeToken(app.storedToken().refreshToken());
        app.camel().createProducerTemplate().requestBody("direct:heartbeat", null, ProfileStatus.class);

        await().atMost(Duration.ofSeconds(60)).until(() -> messages(Level.WARN).stream().anyMatch(m -> m.startsWith("LinkedIn re-authorization required")));
        assertThat(receiver.received()).isEmpty();
        assertThat(messages(Level.INFO)).noneMatch(m -> m.startsWith("Re-authorization alert sent"));
    }

    private List<String> messages(Level level) {
        return LogSnapshot.of(log).stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
