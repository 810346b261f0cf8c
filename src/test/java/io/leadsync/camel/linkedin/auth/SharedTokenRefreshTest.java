package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.testing.MutableClock;
import io.leadsync.testing.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Ten replicas, each a {@link TokenManager} on its own {@link JdbcTokenStore} and connection pool, share one token
 * row: when the token expires for all of them at once, LinkedIn receives one refresh call, every replica ends up
 * with the new token, a rotated refresh token is the one used next, and a revoked grant is seen by all ten.
 */
class SharedTokenRefreshTest {

    private static final int REPLICAS = 10;

    abstract static class Contract {

        private final List<HikariDataSource> pools = new ArrayList<>();
        private final ExecutorService callers = Executors.newFixedThreadPool(REPLICAS);

        /** A JDBC URL of the shared database. */
        abstract String jdbcUrl();

        /** How many sessions wait for a row lock right now. */
        abstract int lockWaiters(Connection c) throws SQLException;

        @AfterEach
        void close() {
            callers.shutdownNow();
            pools.forEach(HikariDataSource::close);
        }

        @Test
        void tenReplicasOnAnExpiredTokenCauseOneRefreshAtTheSandbox() throws Exception {
            try (LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).leads(0).build().start()) {
                LinkedInSandbox.Tokens granted = sandbox.issueTokens();
                Instant now = Instant.now();
                List<TokenManager> replicas = replicas(sandboxClient(sandbox), null);
                store(0).save(new OAuthToken(granted.accessToken(), now.minusSeconds(1), granted.refreshToken(),
                        now.plus(Duration.ofDays(300)), OAuthToken.parseScopes(granted.scope()),
                        now.minus(Duration.ofDays(60))));
                sandbox.resetStats();

                List<Object> results = allAtOnce(replicas, TokenManager::accessToken);

                assertThat(sandbox.stats().calls("POST accessToken")).isEqualTo(1);
                String refreshed = store(0).load().orElseThrow().accessToken();
                assertThat(refreshed).isNotEqualTo(granted.accessToken());
                assertThat(results).hasSize(REPLICAS).allMatch(refreshed::equals);
                // the new token works at LinkedIn: the refresh really came from the sandbox
                assertThat(sandboxClient(sandbox).introspect(refreshed).active()).isTrue();
            }
        }

        @Test
        void aRevokedGrantIsAskedAboutOnceAndSeenByAllTen() throws Exception {
            try (LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).leads(0).build().start()) {
                LinkedInSandbox.Tokens granted = sandbox.issueTokens();
                Instant now = Instant.now();
                List<TokenManager> replicas = replicas(sandboxClient(sandbox), null);
                store(0).save(new OAuthToken(granted.accessToken(), now.minusSeconds(1), granted.refreshToken(),
                        now.plus(Duration.ofDays(300)), OAuthToken.parseScopes(granted.scope()),
                        now.minus(Duration.ofDays(60))));
                sandbox.revokeToken(granted.refreshToken());
                sandbox.resetStats();

                List<Object> results = allAtOnce(replicas, TokenManager::accessToken);

                assertThat(sandbox.stats().calls("POST accessToken")).isEqualTo(1);
                assertThat(results).hasSize(REPLICAS).allSatisfy(r -> assertThat((Throwable) r)
                        .isInstanceOf(ReauthorizationRequiredException.class)
                        .hasMessageContaining("invalid_grant"));
                assertThat(store(0).loadGrant().revoked()).isTrue();
                assertThat(replicas).allSatisfy(m -> assertThat(m.status().reauthorizationRequired()).isTrue());
                // a later caller on any replica does not ask LinkedIn again
                assertThat(allAtOnce(replicas, TokenManager::accessToken))
                        .allMatch(ReauthorizationRequiredException.class::isInstance);
                assertThat(sandbox.stats().calls("POST accessToken")).isEqualTo(1);
            }
        }

        @Test
        void theRotatedRefreshTokenIsTheOneUsedAtTheNextExpiry() throws Exception {
            FakeLinkedInOAuth linkedIn = FakeLinkedInOAuth.start();
            try {
                Instant t0 = Instant.parse("2026-02-01T08:00:00Z");
                MutableClock clock = new MutableClock(t0);
                OAuthClient oauth = OAuthClient.builder().clientId("app").clientSecret("secret")
                        .redirectUri("https://x/cb").scopes("r_ads").oauthBaseUrl(linkedIn.baseUrl()).clock(clock)
                        .build();
                List<TokenManager> replicas = replicas(oauth, clock);
                store(0).save(new OAuthToken("AQX-expired", t0.minusSeconds(1), "AQW-first",
                        t0.plus(Duration.ofDays(300)), Set.of("r_ads"), t0.minus(Duration.ofDays(60))));
                // LinkedIn rotates the refresh token on each refresh: the old one would be refused afterwards
                linkedIn.enqueue(FakeLinkedInOAuth.ACCESS_TOKEN, 200, FakeLinkedInOAuth.tokenJson("AQX-second", 5_184_000,
                        "AQW-rotated-1", 31_536_000L, "r_ads"));
                linkedIn.enqueue(FakeLinkedInOAuth.ACCESS_TOKEN, 200, FakeLinkedInOAuth.tokenJson("AQX-third", 5_184_000,
                        "AQW-rotated-2", 31_536_000L, "r_ads"));
                // LinkedIn answers only once the nine other replicas wait on the row lock: they really overlap
                CountDownLatch gate = new CountDownLatch(1);
                linkedIn.holdAccessTokenUntil(gate);
                Future<List<Object>> first = Executors.newSingleThreadExecutor()
                        .submit(() -> allAtOnce(replicas, TokenManager::accessToken));
                try (Connection c = pools.get(0).getConnection()) {
                    await().atMost(60, TimeUnit.SECONDS).until(() -> linkedIn.count(FakeLinkedInOAuth.ACCESS_TOKEN) == 1
                            && lockWaiters(c) >= REPLICAS - 1);
                }
                gate.countDown();
                assertThat(first.get(60, TimeUnit.SECONDS)).hasSize(REPLICAS).allMatch("AQX-second"::equals);
                assertThat(linkedIn.requests(FakeLinkedInOAuth.ACCESS_TOKEN).get(0).form())
                        .containsEntry("refresh_token", "AQW-first");
                assertThat(store(0).load().orElseThrow().refreshToken())
                        .isEqualTo("AQW-rotated-1");

                clock.advance(Duration.ofDays(61));
                linkedIn.holdAccessTokenUntil(null);
                assertThat(allAtOnce(replicas, TokenManager::accessToken)).hasSize(REPLICAS)
                        .allMatch("AQX-third"::equals);
                assertThat(linkedIn.requests(FakeLinkedInOAuth.ACCESS_TOKEN)).hasSize(2);
                assertThat(linkedIn.requests(FakeLinkedInOAuth.ACCESS_TOKEN).get(1).form())
                        .containsEntry("refresh_token", "AQW-rotated-1");
                assertThat(store(0).load().orElseThrow().refreshToken()).isEqualTo("AQW-rotated-2");
            } finally {
                linkedIn.close();
            }
        }

        private OAuthClient sandboxClient(LinkedInSandbox sandbox) {
            return OAuthClient.builder().clientId(sandbox.clientId()).clientSecret(LinkedInSandbox.DEFAULT_CLIENT_SECRET)
                    .redirectUri("https://app.example/callback").scopes("r_ads")
                    .oauthBaseUrl(sandbox.oauthBaseUrl()).build();
        }

        private List<TokenManager> replicas(OAuthClient oauth, MutableClock clock) {
            List<TokenManager> managers = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(jdbcUrl());
                config.setUsername(jdbcUrl().startsWith("jdbc:h2") ? "sa" : "postgres");
                config.setMaximumPoolSize(2);
                config.setPoolName("replica-" + i);
                pools.add(new HikariDataSource(config));
                TokenManager.Builder builder = TokenManager.builder().oauthClient(oauth).tokenStore(store(i));
                managers.add(clock == null ? builder.build() : builder.clock(clock).build());
            }
            return managers;
        }

        private JdbcTokenStore store(int replica) {
            return new JdbcTokenStore(pools.get(replica), TokenCipher.fromBase64Key(TokenStoreFixtures.KEY), "default");
        }

        private List<Object> allAtOnce(List<TokenManager> managers, TokenCall call) throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (TokenManager manager : managers) {
                Callable<Object> task = () -> {
                    start.await();
                    try {
                        return call.apply(manager);
                    } catch (RuntimeException e) {
                        return e;
                    }
                };
                futures.add(callers.submit(task));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        }

        interface TokenCall {
            Object apply(TokenManager manager);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        private final SharedPostgres.Database database = SharedPostgres.newDatabase("shared_refresh");

        @Override
        String jdbcUrl() {
            return database.jdbcUrl();
        }

        @Override
        int lockWaiters(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND datname = current_database()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Nested
    class OnH2File extends Contract {
        private final Path dir;

        OnH2File() throws Exception {
            dir = Files.createTempDirectory("shared-refresh-h2");
        }

        @Override
        String jdbcUrl() {
            return "jdbc:h2:file:" + dir.resolve("tokens") + ";LOCK_TIMEOUT=60000";
        }

        @Override
        int lockWaiters(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS"
                            + " WHERE BLOCKER_ID IS NOT NULL")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
