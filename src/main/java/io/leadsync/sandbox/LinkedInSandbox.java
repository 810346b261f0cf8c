package io.leadsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * An embeddable, offline emulator of the LinkedIn APIs in linkedin-api.md on one port: {@code /rest},
 * {@code /v2}, {@code /oauth/v2} and the admin API {@code /_sandbox}. Deterministic for a seed.
 *
 * <pre>{@code
 * try (LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).seed(42L).build().start()) {
 *     String token = sandbox.issueTokens().accessToken();
 *     ... point the connector at sandbox.restBaseUrl() ...
 * }
 * }</pre>
 */
public final class LinkedInSandbox implements AutoCloseable {

    /** A token pair as {@code POST /_sandbox/tokens} answers it. */
    public record Tokens(String accessToken, long expiresIn, String refreshToken, long refreshTokenExpiresIn, String scope) {
        @Override
        public String toString() {
            return "Tokens[scope=" + scope + ", expiresIn=" + expiresIn + "]";
        }
    }

    /** The client secret a sandbox has unless its builder says otherwise; it is also the webhook's HMAC key. */
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-client-secret-0001";

    private final int requestedPort;
    private final SandboxContext ctx;
    private HttpServer server;
    private ExecutorService executor;
    private boolean stopped;

    private LinkedInSandbox(Builder b) {
        this.requestedPort = b.port;
        this.ctx = new SandboxContext(b.clock, b.clientId, b.clientSecret, b.autoApproveConsent, b.seed, b.leads,
                new WebhookPusher.Retry(b.webhookAttempts, b.webhookBackoff), b.dataDir);
    }

    /** A builder with LinkedIn sandbox defaults (client {@code sandbox-client}, 3000 leads, seed 42). */
    public static Builder builder() {
        return new Builder();
    }

    static {
        // The JDK server writes headers and body in two segments; with Nagle on, every answer then waits for the
        // client's delayed ACK (~40 ms a call, 15x slower than the work). It reads this flag once, at first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Starts listening on 127.0.0.1; returns this for try-with-resources. */
    public synchronized LinkedInSandbox start() {
        if (server != null) {
            return this;
        }
        if (stopped) {
            throw new IllegalStateException("A stopped sandbox cannot be restarted; build a new one");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + requestedPort, e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new SandboxDispatcher(ctx, resources()));
        server.start();
        return this;
    }

    private List<RestResource> resources() {
        List<RestResource> resources = new java.util.ArrayList<>(SimpleListsResource.all(ctx));
        resources.add(new AccountsResource(ctx));
        resources.add(new LeadFormsResource(ctx));
        resources.add(new LeadFormResponsesResource(ctx));
        resources.add(new LeadNotificationsResource(ctx));
        resources.add(new DmpSegmentsResource(ctx));
        return resources;
    }

    /** Stops the server and background work. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        stopped = true;
        ctx.pusher.close();
        ctx.leadActions.close();
        ctx.journal.close();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The port actually listened on (useful after {@code port(0)}). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The sandbox is not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the admin API lives under {@code /_sandbox/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The versioned REST base ({@code https://api.linkedin.com/rest} in production). */
    public String restBaseUrl() {
        return baseUrl() + "/rest";
    }

    /** The legacy base for {@code /v2/userinfo} and {@code /v2/me}. */
    public String legacyBaseUrl() {
        return baseUrl() + "/v2";
    }

    /** The OAuth base ({@code https://www.linkedin.com/oauth/v2} in production). */
    public String oauthBaseUrl() {
        return baseUrl() + "/oauth/v2";
    }

    /** The OAuth client id this sandbox accepts. */
    public String clientId() {
        return ctx.clientId;
    }

    /** A fresh token pair for the seeded member with every scope (same as {@code POST /_sandbox/tokens}). */
    public Tokens issueTokens() {
        ObjectNode t = OAuthHandler.tokenResponse(ctx.tokens.grant(TokenStore.ALL_SCOPES), ctx.tokens.now());
        return new Tokens(t.get("access_token").asText(), t.get("expires_in").asLong(), t.get("refresh_token").asText(),
                t.get("refresh_token_expires_in").asLong(), t.get("scope").asText());
    }

    /** Expires one token now (access or refresh). */
    public void expireToken(String token) {
        if (!ctx.tokens.expire(token)) {
            throw new IllegalArgumentException("Unknown token");
        }
    }

    /** Revokes one token; revoking a refresh token revokes its whole grant. */
    public void revokeToken(String token) {
        if (!ctx.tokens.revoke(token)) {
            throw new IllegalArgumentException("Unknown token");
        }
    }

    /**
     * Expires now the access tokens of the latest grant to {@code clientId} (same as
     * {@code POST /_sandbox/grants/{clientId}/expire}); with {@code refreshTokenToo} its refresh token as well.
     */
    public void expireGrant(String clientId, boolean refreshTokenToo) {
        if (ctx.tokens.expireGrant(clientId, refreshTokenToo) == null) {
            throw new IllegalArgumentException("Client " + clientId + " has no grant");
        }
    }

    /** Revokes the latest grant to {@code clientId}: refreshing it answers invalid_grant. */
    public void revokeGrant(String clientId) {
        if (!ctx.tokens.revokeGrant(clientId)) {
            throw new IllegalArgumentException("Client " + clientId + " has no grant");
        }
    }

    /** The seeded world, as {@code GET /_sandbox/world} answers it. */
    public ObjectNode world() {
        return new AdminHandler(ctx).world();
    }

    /** A snapshot of call and webhook statistics (same data as {@code GET /_sandbox/stats}). */
    public SandboxStats stats() {
        return ctx.stats.snapshot();
    }

    /** Clears the statistics (same as {@code DELETE /_sandbox/stats}). */
    public void resetStats() {
        ctx.stats.reset();
    }

    /** The live fault settings; changes apply to the next call. */
    public SandboxFaults faults() {
        return ctx.faults;
    }

    /** Submits test or real leads on a form's latest version now and pushes CREATED; returns their ids. */
    public List<String> submitLeads(long formId, int count, boolean test) {
        return ctx.leadActions.submit(formId, count, test, 0, 0);
    }

    /**
     * Like {@link #submitLeads(long, int, boolean)}, but the first {@code corruptAnswers} of the returned leads carry
     * broken answers: an unknown option id, a text over {@code maxResponseLength}, an answer to a question that is not
     * on the form (see the admin API's {@code corruptAnswers}).
     */
    public List<String> submitLeads(long formId, int count, boolean test, int corruptAnswers) {
        return ctx.leadActions.submit(formId, count, test, 0, corruptAnswers);
    }

    /** Withdraws a lead and pushes DELETED. */
    public void deleteLead(String leadId) {
        if (!ctx.leadActions.withdraw(leadId)) {
            throw new IllegalArgumentException("No live lead " + leadId);
        }
    }

    /** Builder of {@link LinkedInSandbox}. */
    public static final class Builder {
        private int port;
        private long seed = 42L;
        private int leads = 3000;
        private String clientId = "sandbox-client";
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private boolean autoApproveConsent;
        private Clock clock = Clock.systemUTC();
        private int webhookAttempts = WebhookPusher.Retry.DEFAULT.attempts();
        private Duration webhookBackoff = WebhookPusher.Retry.DEFAULT.firstBackoff();
        private Path dataDir;

        private Builder() {
        }

        /** Port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Seed of the world and of fault randomness (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Number of seeded leads (default 3000). */
        public Builder leads(int leads) {
            this.leads = leads;
            return this;
        }

        /** OAuth client id (default {@code sandbox-client}). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** OAuth client secret, also the webhook HMAC key (default {@code sandbox-client-secret-0001}). */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** Skip the consent page: {@code /authorization} redirects with a code at once. */
        public Builder autoApproveConsent(boolean autoApprove) {
            this.autoApproveConsent = autoApprove;
            return this;
        }

        /** Clock for token lifetimes, lead times, version sunset and the daily quota (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Webhook delivery attempts and first backoff, doubled after each failure (default 3, 500 ms). */
        public Builder webhookRetry(int attempts, Duration firstBackoff) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.webhookAttempts = attempts;
            this.webhookBackoff = firstBackoff;
            return this;
        }

        /**
         * Keeps the world in {@code dir}: every change after seeding (tokens and grants, submitted and withdrawn
         * leads, lead notification subscriptions, forms and their versions) is journaled there, and a new sandbox
         * on the same directory (same seed and lead count) continues the same LinkedIn. Without it (the default)
         * the world lives in memory only.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * Builds and seeds the sandbox, and replays the data directory's journal if there is one; call
         * {@link LinkedInSandbox#start()} to listen.
         */
        public LinkedInSandbox build() {
            return new LinkedInSandbox(this);
        }
    }
}
