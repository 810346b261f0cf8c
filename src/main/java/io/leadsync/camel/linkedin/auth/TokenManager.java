package io.leadsync.camel.linkedin.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LinkedIn token lifecycle behind {@link AccessTokenProvider}: hands out the stored access token, refreshes it
 * ahead of expiry and after a 401, and turns a dead grant into a {@link ReauthorizationRequiredException} carrying a
 * fresh authorization URL (LGF-002 … LGF-006).
 * <p>
 * Refreshes are single-flight: concurrent callers wait on one lock and re-check the token once inside it, so ten
 * callers on an expired token cause one call to LinkedIn. The refresh margin defaults to
 * {@link #DEFAULT_REFRESH_MARGIN} (5 minutes: LinkedIn's access tokens live 60 days, so a few minutes absorb clock
 * skew and a slow refresh; refreshing earlier would not extend the refresh token, whose expiry is fixed at the first
 * grant); for tokens living less than twice the margin, half their lifetime is used instead so that short-lived
 * tokens (sandbox) do not refresh on every call. If an ahead-of-expiry refresh fails while the access token is still
 * valid, the current token keeps being served until it expires.
 * <p>
 * Thread-safe. The token is cached in memory and persisted through the {@link TokenStore}. Each refresh runs through
 * {@link TokenStore#refreshUnderLock}: with a store shared by several replicas ({@link JdbcTokenStore}) the stored
 * token is re-read under the store's lock first, so replicas whose token expires at once cause one refresh call, and
 * a grant LinkedIn refused is recorded for all of them. After a 401 or a failure the store is re-read too, because
 * another replica may have refreshed or reconnected already.
 */
public final class TokenManager implements AccessTokenProvider {

    /** Default time before expiry at which the access token is refreshed. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);
    /** After a transient refresh failure, how long to keep serving a still-valid token before trying again. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

    private final OAuthClient oauthClient;
    private final TokenStore store;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Duration retryDelay;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private final List<ReauthorizationListener> listeners = new CopyOnWriteArrayList<>();
    private final String connectUrl;

    private volatile boolean loaded;
    private volatile OAuthToken current;
    private volatile Failure failure;
    private volatile Heartbeat lastHeartbeat;
    private volatile Instant refreshNotBefore = Instant.MIN;

    private TokenManager(Builder b) {
        this.oauthClient = Objects.requireNonNull(b.oauthClient, "oauthClient == null");
        this.store = b.store != null ? b.store : new InMemoryTokenStore();
        this.clock = b.clock != null ? b.clock : oauthClient.clock();
        this.refreshMargin = b.refreshMargin != null ? b.refreshMargin : DEFAULT_REFRESH_MARGIN;
        this.retryDelay = b.retryDelay != null ? b.retryDelay : DEFAULT_RETRY_DELAY;
        this.connectUrl = b.connectUrl;
        if (refreshMargin.isNegative() || retryDelay.isNegative()) {
            throw new IllegalArgumentException("refreshMargin and retryDelay must not be negative");
        }
    }

    /** A builder; {@code oauthClient} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Registers a listener told about each distinct re-authorization failure. */
    public void addReauthorizationListener(ReauthorizationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener == null"));
    }

    /** Unregisters a listener. */
    public void removeReauthorizationListener(ReauthorizationListener listener) {
        listeners.remove(listener);
    }

    @Override
    public String accessToken() {
        OAuthToken token = current();
        Failure failed = failure;
        if (token != null && (failed == null || failed.token() != token) && !refreshDue(token, clock.instant())) {
            return token.accessToken();
        }
        return renew(token == null ? null : token.accessToken(), false);
    }

    @Override
    public String renewAfterUnauthorized(String rejectedToken) {
        return renew(rejectedToken, true);
    }

    /**
     * Completes the consent flow with the authorization code from LinkedIn's callback and stores the new grant.
     * Clears any pending re-authorization.
     *
     * @throws InvalidGrantException when the code expired or was already used
     */
    public TokenStatus connect(String code) {
        OAuthToken token = oauthClient.exchangeCode(code);
        refreshLock.lock();
        try {
            current = token;
            loaded = true;
            failure = null;
            lastHeartbeat = null;
            refreshNotBefore = Instant.MIN;
            persist(token);
        } finally {
            refreshLock.unlock();
        }
        LOG.info("Connected to LinkedIn: access token sha256:{} expires at {}, refresh token {}, scopes {}",
                token.accessTokenFingerprint(), token.accessTokenExpiresAt(),
                token.hasRefreshToken() ? "expires at " + token.refreshTokenExpiresAt() : "not granted", token.scopes());
        return status();
    }

    /**
     * Handles LinkedIn's redirect: checks that {@code state} is one this process issued and not used yet (CSRF), then
     * {@link #connect(String) connects} with {@code code}.
     *
     * @throws OAuthException with error {@value OAuthException#INVALID_STATE} when the state is unknown, expired or
     *                        reused; the code is then not exchanged
     */
    public TokenStatus handleCallback(String state, String code) {
        return handleCallback(state, code, null);
    }

    /**
     * {@link #handleCallback(String, String)} for a state started by {@link #newAuthorization(String)}: the callback
     * must come with the same browser binding (the cookie the connect page set), else it is refused as
     * {@value OAuthException#INVALID_STATE}.
     */
    public TokenStatus handleCallback(String state, String code, String browserBinding) {
        if (!oauthClient.consumeState(state, browserBinding)) {
            throw new OAuthException("authorization callback", 0, OAuthException.INVALID_STATE,
                    "the state is unknown, expired or already used; start the authorization again", null);
        }
        return connect(code);
    }

    /** Starts a new authorization (for a "connect" button): the URL with a fresh one-time state. */
    public AuthorizationRequest newAuthorization() {
        return oauthClient.newAuthorization();
    }

    /** Starts a new authorization that only a callback from the same browser ({@code browserBinding}) completes. */
    public AuthorizationRequest newAuthorization(String browserBinding) {
        return oauthClient.newAuthorization(browserBinding);
    }

    /**
     * Asks LinkedIn whether the current access token is still active (LGF-002). An inactive token (expired, revoked)
     * is refreshed when possible; otherwise re-authorization is raised.
     *
     * @return the status after the check
     * @throws ReauthorizationRequiredException when the token is inactive and cannot be refreshed, or none is stored
     * @throws OAuthException                   when LinkedIn cannot be asked
     */
    public TokenStatus heartbeat() {
        if (current() == null) {
            renew(null, true);
        }
        OAuthToken token = current();
        TokenIntrospection introspection = oauthClient.introspect(token.accessToken());
        lastHeartbeat = new Heartbeat(token, clock.instant(), introspection.active(), introspection.status());
        if (introspection.active()) {
            LOG.debug("Heartbeat: LinkedIn token sha256:{} is active", token.accessTokenFingerprint());
            return status();
        }
        LOG.info("Heartbeat: LinkedIn reports token sha256:{} as {}", token.accessTokenFingerprint(),
                introspection.status());
        renew(token.accessToken(), true);
        return status();
    }

    /** The connection's state now, without calling LinkedIn. */
    public TokenStatus status() {
        OAuthToken token = current();
        Instant now = clock.instant();
        Heartbeat heartbeat = lastHeartbeat;
        Instant heartbeatAt = heartbeat == null ? null : heartbeat.at();
        String heartbeatStatus = heartbeat == null ? null : heartbeat.status();
        Failure failed = failure;
        if (token == null) {
            return new TokenStatus(false, null, null, null, null, null, true,
                    failed != null ? failed.reason() : "no LinkedIn token is stored: connect first",
                    failed != null ? failed.url() : null, heartbeatAt, heartbeatStatus);
        }
        String reason = null;
        String url = null;
        if (failed != null && failed.token() == token) {
            reason = failed.reason();
            url = failed.url();
        } else if (token.isAccessTokenExpired(now) && token.isRefreshTokenExpired(now)) {
            reason = deadGrantReason(token, now, false);
        }
        boolean inactive = heartbeat != null && heartbeat.token() == token && !heartbeat.active();
        boolean connected = reason == null && !inactive
                && (!token.isAccessTokenExpired(now) || !token.isRefreshTokenExpired(now));
        return new TokenStatus(connected, token.accessTokenExpiresAt(), token.accessTokenDaysLeft(now),
                token.refreshTokenExpiresAt(),
                token.refreshTokenDaysLeft(now).isPresent() ? token.refreshTokenDaysLeft(now).getAsLong() : null,
                token.scopes(), reason != null, reason, url, heartbeatAt, heartbeatStatus);
    }

    /** Forgets the stored grant (the member disconnects the integration). */
    public void disconnect() {
        refreshLock.lock();
        try {
            store.clear();
            current = null;
            loaded = true;
            failure = null;
            lastHeartbeat = null;
        } finally {
            refreshLock.unlock();
        }
        LOG.info("Disconnected from LinkedIn: stored token cleared");
    }

    @Override
    public String toString() {
        return "TokenManager[store=" + store + ", refreshMargin=" + refreshMargin + "]";
    }

    private String renew(String seenToken, boolean rejected) {
        Outcome outcome;
        refreshLock.lock();
        try {
            outcome = decide(seenToken, rejected);
        } finally {
            refreshLock.unlock();
        }
        if (outcome.firstTime()) {
            notifyListeners(outcome.error());
        }
        if (outcome.token() != null) {
            return outcome.token();
        }
        throw outcome.error();
    }

    // runs under refreshLock: everything that reads and replaces the token happens here, once per waiting caller
    private Outcome decide(String seenToken, boolean rejected) {
        // after a failure the store may hold a grant another replica connected or refreshed
        if (rejected || failure != null) {
            reloadFromStore();
        }
        OAuthToken token = current();
        Instant now = clock.instant();
        if (token == null) {
            return reauthorization(null, "no LinkedIn token is stored: connect first");
        }
        Failure failed = failure;
        if (failed != null && failed.token() != token) {
            // the grant that failed was replaced (connect, or a refresh by another node sharing the store)
            failure = null;
            failed = null;
        }
        if (rejected ? !token.accessToken().equals(seenToken) : !refreshDue(token, now) && failed == null) {
            return Outcome.of(token.accessToken());
        }
        boolean stillValid = !rejected && !token.isAccessTokenExpired(now);
        if (failed != null) {
            return stillValid ? Outcome.of(token.accessToken()) : Outcome.repeated(failed.exception(now));
        }
        if (token.isRefreshTokenExpired(now)) {
            Outcome dead = reauthorization(token, deadGrantReason(token, now, rejected));
            return stillValid ? Outcome.keep(token.accessToken(), dead) : dead;
        }
        if (stillValid && now.isBefore(refreshNotBefore)) {
            return Outcome.of(token.accessToken());
        }
        try {
            return refreshShared(token, rejected, stillValid);
        } catch (OAuthException e) {
            if (stillValid) {
                refreshNotBefore = now.plus(retryDelay);
                LOG.warn("Could not refresh the LinkedIn access token, using the current one until {} (retrying after"
                        + " {}): {}", token.accessTokenExpiresAt(), refreshNotBefore, e.getMessage());
                return Outcome.of(token.accessToken());
            }
            throw e;
        }
    }

    /*
     * The refresh itself, under the store's lock: the stored grant is re-read first, so when another replica sharing
     * the store refreshed (or reconnected) in the meantime its token is used and LinkedIn is not called; a refusal
     * (invalid_grant) is stored too, so the other replicas stop asking.
     */
    private Outcome refreshShared(OAuthToken token, boolean rejected, boolean stillValid) {
        AtomicReference<OAuthToken> minted = new AtomicReference<>();
        AtomicBoolean locked = new AtomicBoolean();
        StoredGrant after;
        try {
            after = store.refreshUnderLock(stored -> {
                locked.set(true);
                return refreshOnce(token, stored, minted);
            });
        } catch (TokenStoreException e) {
            if (minted.get() != null) {
                // a grant LinkedIn just minted is never thrown away because the store failed: it stays in memory
                LOG.warn("The LinkedIn token sha256:{} could not be saved to {} and is kept in memory only: {}",
                        minted.get().accessTokenFingerprint(), store, e.getMessage());
                after = StoredGrant.of(minted.get());
            } else if (!locked.get()) {
                // availability over the lock (the store is down, or the lock wait timed out): still, a token another
                // replica stored meanwhile is used rather than refreshed again
                LOG.warn("Could not lock the LinkedIn token in {} ({}); refreshing without the shared lock",
                        store, e.getMessage());
                reloadFromStore();
                OAuthToken reloaded = current;
                after = reloaded != null && reloaded != token
                        ? StoredGrant.of(reloaded) : refreshOnce(token, StoredGrant.of(token), minted);
                if (minted.get() != null) {
                    persist(minted.get());
                }
            } else {
                throw e;
            }
        }
        OAuthToken next = after.token();
        current = next;
        if (next == null) {
            return reauthorization(null, "no LinkedIn token is stored: connect first");
        }
        if (after.revoked()) {
            Outcome dead = reauthorization(next, after.revokedReason());
            return stillValid && next.accessToken().equals(token.accessToken())
                    ? Outcome.keep(token.accessToken(), dead) : dead;
        }
        refreshNotBefore = Instant.MIN;
        if (next == minted.get()) {
            LOG.info("Refreshed LinkedIn access token {}: sha256:{} replaced by sha256:{}, expires at {};"
                    + " refresh token expires at {}", rejected ? "after LinkedIn rejected it" : "ahead of its expiry",
                    token.accessTokenFingerprint(), next.accessTokenFingerprint(), next.accessTokenExpiresAt(),
                    next.refreshTokenExpiresAt());
        } else {
            LOG.info("Using LinkedIn access token sha256:{} from {} (refreshed or connected by another process"
                    + " sharing it) instead of refreshing sha256:{}", next.accessTokenFingerprint(), store,
                    token.accessTokenFingerprint());
        }
        return Outcome.of(next.accessToken());
    }

    // runs under the store's lock with the grant as stored now
    private StoredGrant refreshOnce(OAuthToken token, StoredGrant stored, AtomicReference<OAuthToken> minted) {
        OAuthToken latest = stored.token();
        if (latest == null) {
            return stored;
        }
        if (!latest.accessToken().equals(token.accessToken()) && !latest.grantedAt().isBefore(token.grantedAt())) {
            return stored;
        }
        if (stored.revoked() && latest.accessToken().equals(token.accessToken())) {
            return stored;
        }
        try {
            OAuthToken next = OAuthToken.afterRefresh(token, oauthClient.refresh(token.refreshToken()));
            minted.set(next);
            return StoredGrant.of(next);
        } catch (OAuthException e) {
            if (e.isInvalidGrant()) {
                return StoredGrant.revoked(token, "LinkedIn refused the refresh token (invalid_grant): it expired"
                        + " or the member revoked the integration's access");
            }
            throw e;
        }
    }

    // a grant LinkedIn just minted is never thrown away because the store failed: it stays in memory
    private void persist(OAuthToken token) {
        try {
            store.save(token);
        } catch (TokenStoreException e) {
            LOG.warn("The LinkedIn token sha256:{} could not be saved to {} and is kept in memory only: {}",
                    token.accessTokenFingerprint(), store, e.getMessage());
        }
    }

    private Outcome reauthorization(OAuthToken token, String reason) {
        Failure failed = failure;
        if (failed != null && failed.token() == token) {
            return Outcome.repeated(failed.exception(clock.instant()));
        }
        Failure created = new Failure(token, reason, connectUrl == null ? oauthClient.newAuthorization() : null);
        failure = created;
        if (connectUrl == null) {
            LOG.warn("LinkedIn re-authorization required: {}", reason);
        } else {
            // the app that owns the connect page alerts its operator with that link: one WARN for the state, not two
            LOG.info("LinkedIn re-authorization required: {}; waiting for someone to open {}", reason, connectUrl);
        }
        return new Outcome(null, created.exception(clock.instant()), true);
    }

    private void notifyListeners(ReauthorizationRequiredException event) {
        for (ReauthorizationListener listener : listeners) {
            try {
                listener.reauthorizationRequired(event);
            } catch (RuntimeException e) {
                LOG.warn("Re-authorization listener {} failed: {}", listener.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }

    private String deadGrantReason(OAuthToken token, Instant now, boolean rejected) {
        String access = rejected ? "LinkedIn rejected the access token"
                : (token.isAccessTokenExpired(now) ? "the access token expired at " : "the access token expires at ")
                        + token.accessTokenExpiresAt();
        if (!token.hasRefreshToken()) {
            return access + " and LinkedIn granted no refresh token";
        }
        return access + " and the refresh token expired at " + token.refreshTokenExpiresAt()
                + " (365 days after the first grant)";
    }

    private boolean refreshDue(OAuthToken token, Instant now) {
        Duration lifetime = Duration.between(token.grantedAt(), token.accessTokenExpiresAt());
        Duration margin = lifetime.compareTo(refreshMargin.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : refreshMargin;
        return token.isAccessTokenExpiring(now, margin);
    }

    private OAuthToken current() {
        if (!loaded) {
            refreshLock.lock();
            try {
                if (!loaded) {
                    current = store.load().orElse(null);
                    loaded = true;
                }
            } finally {
                refreshLock.unlock();
            }
        }
        return current;
    }

    // only a newer grant replaces the cached one: the cache may hold a token the store failed to save
    private void reloadFromStore() {
        OAuthToken stored;
        try {
            stored = store.load().orElse(null);
        } catch (TokenStoreException e) {
            if (!loaded) {
                throw e;
            }
            LOG.warn("Could not re-read the LinkedIn token from {}, using the cached one: {}", store, e.getMessage());
            return;
        }
        OAuthToken cached = current;
        if (!loaded || cached == null || (stored != null && stored.grantedAt().isAfter(cached.grantedAt()))) {
            current = stored;
        }
        loaded = true;
    }

    /** A re-authorization failure of one stored token ({@code null}: none stored). */
    private final class Failure {
        private final OAuthToken token;
        private final String reason;
        private volatile AuthorizationRequest request;

        Failure(OAuthToken token, String reason, AuthorizationRequest request) {
            this.token = token;
            this.reason = reason;
            this.request = request;
        }

        OAuthToken token() {
            return token;
        }

        String reason() {
            return reason;
        }

        String url() {
            return connectUrl != null ? connectUrl : request.url();
        }

        // the URL's state is one-time and expires: later callers get a usable one without re-notifying listeners
        ReauthorizationRequiredException exception(Instant now) {
            if (connectUrl != null) {
                return new ReauthorizationRequiredException(reason, connectUrl);
            }
            if (!now.isBefore(request.expiresAt())) {
                request = oauthClient.newAuthorization();
            }
            return new ReauthorizationRequiredException(reason, request.url());
        }
    }

    private record Heartbeat(OAuthToken token, Instant at, boolean active, String status) {
    }

    private record Outcome(String token, ReauthorizationRequiredException error, boolean firstTime) {
        static Outcome of(String token) {
            return new Outcome(token, null, false);
        }

        static Outcome repeated(ReauthorizationRequiredException error) {
            return new Outcome(null, error, false);
        }

        // the grant is dead but the access token still works: tell the listeners, keep serving the token
        static Outcome keep(String token, Outcome dead) {
            if (dead.firstTime()) {
                return new Outcome(token, dead.error(), true);
            }
            return of(token);
        }
    }

    /** Builds a {@link TokenManager}. */
    public static final class Builder {
        private OAuthClient oauthClient;
        private TokenStore store;
        private Clock clock;
        private Duration refreshMargin;
        private Duration retryDelay;
        private String connectUrl;

        private Builder() {
        }

        /** The OAuth client (required). */
        public Builder oauthClient(OAuthClient oauthClient) {
            this.oauthClient = oauthClient;
            return this;
        }

        /** Where the grant is kept; default an {@link InMemoryTokenStore}. */
        public Builder tokenStore(TokenStore store) {
            this.store = store;
            return this;
        }

        /** The clock; default the OAuth client's. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How long before expiry to refresh; default {@link TokenManager#DEFAULT_REFRESH_MARGIN}. */
        public Builder refreshMargin(Duration refreshMargin) {
            this.refreshMargin = refreshMargin;
            return this;
        }

        /** Pause between refresh attempts after a transient failure; default {@link TokenManager#DEFAULT_RETRY_DELAY}. */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        /** Validates and builds. */
        /**
         * The page where an operator starts a new consent (an app's {@code /connect}). When set, a re-authorization
         * error carries this link, and no LinkedIn {@code state} is minted until someone opens it; otherwise each
         * error carries LinkedIn's authorization URL with a fresh one-time state.
         */
        public Builder connectUrl(String connectUrl) {
            this.connectUrl = connectUrl;
            return this;
        }

        public TokenManager build() {
            return new TokenManager(this);
        }
    }
}
