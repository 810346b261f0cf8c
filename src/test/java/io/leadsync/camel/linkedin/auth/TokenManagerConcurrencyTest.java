package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ten callers hitting an expired token at once share ONE refresh at LinkedIn. */
class TokenManagerConcurrencyTest {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

    private final FakeLinkedInOAuth linkedIn = FakeLinkedInOAuth.start();
    private final MutableClock clock = new MutableClock(T0);

    @AfterEach
    void stop() {
        linkedIn.close();
    }

    @Test
    void tenConcurrentCallersOnAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
        runTenCallers(false);
    }

    @Test
    void tenConcurrentCallersRejectedWith401CauseExactlyOneRefresh() throws Exception {
        runTenCallers(true);
    }

    private void runTenCallers(boolean afterUnauthorized) throws Exception {
        OAuthClient oauth = OAuthClient.builder().clientId("app").clientSecret("secret").redirectUri("https://x/cb")
                .scopes("r_ads").oauthBaseUrl(linkedIn.baseUrl()).clock(clock).build();
        InMemoryTokenStore store = new InMemoryTokenStore(new OAuthToken("AQX-expired", T0.minusSeconds(1), "AQW-r",
                T0.plus(Duration.ofDays(100)), Set.of("r_ads"), T0.minus(Duration.ofDays(60))));
        TokenManager manager = TokenManager.builder().oauthClient(oauth).tokenStore(store).clock(clock).build();
        CountDownLatch gate = new CountDownLatch(1);
        linkedIn.holdAccessTokenUntil(gate);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Object> results = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Thread caller = new Thread(() -> {
                try {
                    start.await();
                    results.add(afterUnauthorized ? manager.renewAfterUnauthorized("AQX-expired")
                            : manager.accessToken());
                } catch (Throwable e) {
                    results.add(e);
                }
            }, "caller-" + i);
            callers.add(caller);
            caller.start();
        }

        start.countDown();
        // LinkedIn holds the first refresh until every caller is parked: on the lock or on that one response
        await().atMost(60, TimeUnit.SECONDS).until(() -> linkedIn.count(FakeLinkedInOAuth.ACCESS_TOKEN) >= 1
                && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                        || t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.BLOCKED));
        gate.countDown();
        for (Thread caller : callers) {
            caller.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(results).hasSize(10).allMatch(FakeLinkedInOAuth.accessTokenNumber(1)::equals);
        assertThat(linkedIn.count(FakeLinkedInOAuth.ACCESS_TOKEN)).isEqualTo(1);
    }
}
