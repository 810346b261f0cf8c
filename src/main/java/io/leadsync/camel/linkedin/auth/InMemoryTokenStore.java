package io.leadsync.camel.linkedin.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps the token in memory only: for tests and for deployments that authorize on every start. */
public final class InMemoryTokenStore implements TokenStore {

    private final AtomicReference<OAuthToken> token = new AtomicReference<>();

    /** An empty store. */
    public InMemoryTokenStore() {
    }

    /** A store that already holds {@code initial}. */
    public InMemoryTokenStore(OAuthToken initial) {
        token.set(Objects.requireNonNull(initial, "initial == null"));
    }

    @Override
    public Optional<OAuthToken> load() {
        return Optional.ofNullable(token.get());
    }

    @Override
    public void save(OAuthToken token) {
        this.token.set(Objects.requireNonNull(token, "token == null"));
    }

    @Override
    public void clear() {
        token.set(null);
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore[" + (token.get() == null ? "empty" : "holding a token") + "]";
    }
}
