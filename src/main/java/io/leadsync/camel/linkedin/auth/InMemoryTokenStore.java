package io.leadsync.camel.linkedin.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** Keeps the token in memory only: for tests and for deployments that authorize on every start. */
public final class InMemoryTokenStore implements TokenStore {

    private final AtomicReference<StoredGrant> grant = new AtomicReference<>(StoredGrant.none());

    /** An empty store. */
    public InMemoryTokenStore() {
    }

    /** A store that already holds {@code initial}. */
    public InMemoryTokenStore(OAuthToken initial) {
        grant.set(StoredGrant.of(Objects.requireNonNull(initial, "initial == null")));
    }

    @Override
    public Optional<OAuthToken> load() {
        return Optional.ofNullable(grant.get().token());
    }

    @Override
    public StoredGrant loadGrant() {
        return grant.get();
    }

    @Override
    public synchronized StoredGrant refreshUnderLock(UnaryOperator<StoredGrant> refresh) {
        StoredGrant after = Objects.requireNonNull(refresh.apply(grant.get()), "refresh returned null");
        grant.set(after);
        return after;
    }

    @Override
    public void save(OAuthToken token) {
        grant.set(StoredGrant.of(Objects.requireNonNull(token, "token == null")));
    }

    @Override
    public void clear() {
        grant.set(StoredGrant.none());
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore[" + (grant.get().present() ? "holding a token" : "empty") + "]";
    }
}
