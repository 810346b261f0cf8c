package io.leadsync.camel.linkedin.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.leadsync.camel.linkedin.auth.AccessTokenProvider;

/** An {@link AccessTokenProvider} that hands out {@code current} and records renewals. */
final class TestTokens implements AccessTokenProvider {

    static final String FIRST = "AQX1-secret-first-token-0001";
    static final String RENEWED = "AQX1-secret-renewed-token-0002";

    private volatile String current = FIRST;
    final List<String> rejected = new CopyOnWriteArrayList<>();

    @Override
    public String accessToken() {
        return current;
    }

    @Override
    public String renewAfterUnauthorized(String rejectedToken) {
        rejected.add(rejectedToken);
        current = RENEWED;
        return current;
    }
}
