package io.leadsync.camel.linkedin.auth;

import static io.leadsync.camel.linkedin.auth.FakeLinkedInOAuth.ACCESS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.leadsync.testing.LogSnapshot;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole token lifecycle with every io.leadsync logger at TRACE and proves that no access token, refresh token,
 * client secret, authorization code or store key reaches a log message, a log argument, a logged throwable, an
 * exception handed to the caller, or a toString.
 */
class TokenLifecycleLoggingTest {

    private static final String CLIENT_SECRET = "CS-lifecycle-secret-7b1f";
    private static final String CODE = "AQTlifecycleAuthorizationCode42";

    @TempDir
    Path dir;

    private final FakeLinkedInOAuth linkedIn = FakeLinkedInOAuth.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Throwable> thrown = new ArrayList<>();
    private final List<ReauthorizationRequiredException> told = new ArrayList<>();
    private Logger root;
    private Logger leadsync;
    private Level rootLevel;
    private Level leadsyncLevel;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        leadsync = context.getLogger("io.leadsync");
        rootLevel = root.getLevel();
        leadsyncLevel = leadsync.getLevel();
        root.setLevel(Level.DEBUG);
        leadsync.setLevel(Level.TRACE);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        leadsync.setLevel(leadsyncLevel);
        linkedIn.close();
    }

    @Test
    void noSecretReachesAnyLogOrMessage() {
        OAuthClient oauth = OAuthClient.builder().clientId("lifecycle-app").clientSecret(CLIENT_SECRET)
                .redirectUri("https://leads.example.com/cb").scopes("r_marketing_leadgen_automation", "r_ads")
                .oauthBaseUrl(linkedIn.baseUrl()).clock(clock).build();
        EncryptedFileTokenStore store = new EncryptedFileTokenStore(dir.resolve("token"),
                TokenCipher.fromBase64Key(TokenStoreFixtures.KEY));
        TokenManager manager = TokenManager.builder().oauthClient(oauth).tokenStore(store).clock(clock).build();
        manager.addReauthorizationListener(e -> {
            throw new IllegalStateException("listener broke");
        });
        manager.addReauthorizationListener(told::add);

        // authorize and exchange the code
        AuthorizationRequest authorization = manager.newAuthorization();
        TokenStatus connected = manager.handleCallback(authorization.state(), CODE);
        String first = manager.accessToken();

        // refresh ahead of expiry
        clock.advance(Duration.ofDays(60).minus(Duration.ofMinutes(1)));
        String second = manager.accessToken();
        // 401 renew
        String third = manager.renewAfterUnauthorized(second);
        // heartbeat (introspection)
        TokenStatus beat = manager.heartbeat();
        // a transient refresh failure logged as a warning while the token is still valid
        clock.advance(Duration.ofDays(60).minus(Duration.ofMinutes(1)));
        linkedIn.enqueue(ACCESS_TOKEN, 500, "{\"error\":\"server_error\",\"error_description\":\"refresh "
                + FakeLinkedInOAuth.refreshTokenNumber(1) + " failed\"}");
        assertThat(manager.accessToken()).isEqualTo(third);
        // invalid_grant that echoes the refresh token, then re-authorization
        linkedIn.enqueue(ACCESS_TOKEN, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token "
                + FakeLinkedInOAuth.refreshTokenNumber(1) + " revoked\"}");
        catchAll(() -> manager.renewAfterUnauthorized(third));
        assertThat(manager.accessToken()).as("still valid for a minute").isEqualTo(third);
        clock.advance(Duration.ofMinutes(1));
        catchAll(manager::accessToken);
        // a wrong store key
        catchAll(() -> new EncryptedFileTokenStore(dir.resolve("token"),
                TokenCipher.fromBase64Key(TokenStoreFixtures.OTHER_KEY)).load());

        List<String> secrets = List.of(CLIENT_SECRET, CODE, first, second, third,
                FakeLinkedInOAuth.refreshTokenNumber(1), TokenStoreFixtures.KEY);
        assertThat(first).isEqualTo(FakeLinkedInOAuth.accessTokenNumber(1));
        assertThat(third).isEqualTo(FakeLinkedInOAuth.accessTokenNumber(3));
        assertThat(linkedIn.count(FakeLinkedInOAuth.INTROSPECT)).isEqualTo(1);
        assertThat(told).hasSize(1);
        assertThat(thrown).hasSize(3);
        assertThat(thrown.get(0)).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(thrown.get(1)).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(thrown.get(2)).isInstanceOf(TokenStoreException.class);
        thrown.addAll(told);
        assertThat(LogSnapshot.of(appender)).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("Refreshed LinkedIn access token ahead of its expiry"))
                .anyMatch(m -> m.startsWith("Refreshed LinkedIn access token after LinkedIn rejected it"))
                .anyMatch(m -> m.startsWith("Could not refresh the LinkedIn access token"))
                .anyMatch(m -> m.startsWith("LinkedIn re-authorization required"))
                .anyMatch(m -> m.startsWith("Re-authorization listener"))
                .anyMatch(m -> m.startsWith("POST " + linkedIn.baseUrl() + "/accessToken"));

        for (ILoggingEvent event : LogSnapshot.of(appender)) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMessage());
            if (event.getArgumentArray() != null) {
                text.append(' ').append(Arrays.deepToString(event.getArgumentArray()));
            }
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            }
            assertNoSecret("log event " + event.getLoggerName(), text.toString(), secrets);
        }
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertNoSecret("exception " + c.getClass().getName(), c.toString(), secrets);
            }
        }
        for (Object value : List.of(oauth, manager, store, store.load().orElseThrow(), connected, beat,
                manager.status(), authorization)) {
            assertNoSecret("toString of " + value.getClass().getSimpleName(), value.toString(), secrets);
        }
    }

    private void catchAll(Runnable action) {
        assertThatThrownBy(action::run).satisfies(thrown::add);
    }

    private static void assertNoSecret(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text).as(where).doesNotContain(secret);
        }
    }
}
