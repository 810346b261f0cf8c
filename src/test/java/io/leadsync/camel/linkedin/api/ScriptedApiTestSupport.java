package io.leadsync.camel.linkedin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;

import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a {@link ScriptedLinkedIn} per test and a {@link LinkedInApi} pointed at it, with recorded sleeps. */
abstract class ScriptedApiTestSupport {

    static final Instant NOW = Instant.parse("2026-11-23T13:45:00Z");

    ScriptedLinkedIn linkedIn;
    TestTokens tokens;
    RecordingSleeper sleeper;
    MutableClock clock;
    LinkedInApi api;

    @BeforeEach
    void startScriptedLinkedIn() throws IOException {
        linkedIn = new ScriptedLinkedIn();
        tokens = new TestTokens();
        sleeper = new RecordingSleeper();
        clock = new MutableClock(NOW);
        api = apiBuilder().build();
    }

    /** A builder with this test's server, tokens, sleeper and clock; jitter fixed at its midpoint. */
    LinkedInApi.Builder apiBuilder() {
        return LinkedInApi.builder().settings(linkedIn.settings()).tokenProvider(tokens).sleeper(sleeper).clock(clock)
                .random(() -> 0.5);
    }

    @AfterEach
    void stopScriptedLinkedIn() {
        linkedIn.close();
    }

    /** No token handed out in this test appears in {@code failure}'s message (or its causes'). */
    static void assertNoTokenIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TestTokens.FIRST).doesNotContain(TestTokens.RENEWED)
                    .doesNotContain("Bearer");
            assertThat(t.toString()).doesNotContain(TestTokens.FIRST).doesNotContain(TestTokens.RENEWED);
        }
    }
}
