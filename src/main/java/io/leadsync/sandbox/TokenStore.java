package io.leadsync.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Access tokens, refresh tokens and authorization codes. Token strings are opaque and random (never derived
 * from the seed, so they cannot be guessed), and are never logged.
 */
final class TokenStore {

    static final Duration ACCESS_LIFETIME = Duration.ofSeconds(5_184_000);
    static final Duration REFRESH_LIFETIME = Duration.ofSeconds(31_536_000);
    static final Duration CODE_LIFETIME = Duration.ofMinutes(30);
    static final Set<String> ALL_SCOPES = Set.of("r_ads", "rw_ads", "r_marketing_leadgen_automation",
            "r_organization_admin", "r_events", "rw_dmp_segments", "openid", "profile", "email");

    /** Where a token stands, as introspection reports it. */
    enum Status { ACTIVE, EXPIRED, REVOKED }

    /** One issued token; access tokens point to the refresh token of their grant. */
    static final class Token {
        final String value;
        final boolean refresh;
        final Set<String> scopes;
        final Instant createdAt;
        final Instant authorizedAt;
        final String refreshToken;
        final String clientId;
        volatile Instant expiresAt;
        volatile boolean revoked;

        Token(String value, boolean refresh, Set<String> scopes, Instant createdAt, Instant authorizedAt,
              Instant expiresAt, String refreshToken, String clientId) {
            this.value = value;
            this.refresh = refresh;
            this.scopes = Set.copyOf(scopes);
            this.createdAt = createdAt;
            this.authorizedAt = authorizedAt;
            this.expiresAt = expiresAt;
            this.refreshToken = refreshToken;
            this.clientId = clientId;
        }

        ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("value", value);
            node.put("refresh", refresh);
            scopes.stream().sorted().forEach(node.putArray("scopes")::add);
            node.put("createdAt", createdAt.toString());
            node.put("authorizedAt", authorizedAt.toString());
            node.put("expiresAt", expiresAt.toString());
            node.put("refreshToken", refreshToken);
            node.put("clientId", clientId);
            return node;
        }

        static Token fromJson(JsonNode node) {
            Set<String> scopes = new LinkedHashSet<>();
            node.get("scopes").forEach(s -> scopes.add(s.asText()));
            return new Token(node.get("value").asText(), node.get("refresh").asBoolean(), scopes,
                    Instant.parse(node.get("createdAt").asText()), Instant.parse(node.get("authorizedAt").asText()),
                    Instant.parse(node.get("expiresAt").asText()), Json.text(node, "refreshToken"), Json.text(node, "clientId"));
        }

        Status status(Instant now) {
            if (revoked) {
                return Status.REVOKED;
            }
            return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
        }

        @Override
        public String toString() {
            return "Token[" + (refresh ? "refresh" : "access") + ", scopes=" + scopes + "]";
        }
    }

    /** An access token and, when granted, its refresh token. */
    record Pair(Token access, Token refresh) {
    }

    private record Code(String clientId, String redirectUri, Set<String> scopes, Instant expiresAt) {
    }

    private final Clock clock;
    private final String defaultClientId;
    private final SandboxJournal journal;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    /** Client id → refresh token of its latest grant. */
    private final Map<String, String> currentGrants = new ConcurrentHashMap<>();

    TokenStore(Clock clock, String defaultClientId, SandboxJournal journal) {
        this.clock = clock;
        this.defaultClientId = defaultClientId;
        this.journal = journal;
    }

    Instant now() {
        return clock.instant();
    }

    /** A fresh grant to the sandbox's own client. */
    Pair grant(Set<String> scopes) {
        return grant(scopes, defaultClientId);
    }

    /** A fresh grant: a new access token and a new refresh token whose expiry counts from now. */
    synchronized Pair grant(Set<String> scopes, String clientId) {
        Instant now = now();
        Token refresh = new Token(opaque("AQW"), true, scopes, now, now, now.plus(REFRESH_LIFETIME), null, clientId);
        Token access = new Token(opaque("AQV"), false, scopes, now, now, now.plus(ACCESS_LIFETIME), refresh.value, clientId);
        tokens.put(refresh.value, refresh);
        tokens.put(access.value, access);
        currentGrants.put(String.valueOf(clientId), refresh.value);
        ObjectNode record = SandboxJournal.record("grant");
        record.set("refresh", refresh.toJson());
        record.set("access", access.toJson());
        journal.append(record);
        return new Pair(access, refresh);
    }

    /** A new access token for a valid refresh token; the refresh token itself (and its expiry) stays the same. */
    synchronized Pair refresh(String refreshValue) {
        Token refresh = refreshValue == null ? null : tokens.get(refreshValue);
        if (refresh == null || !refresh.refresh || refresh.status(now()) != Status.ACTIVE) {
            return null;
        }
        Instant now = now();
        Token access = new Token(opaque("AQV"), false, refresh.scopes, now, refresh.authorizedAt,
                now.plus(ACCESS_LIFETIME), refresh.value, refresh.clientId);
        tokens.put(access.value, access);
        journal.append(SandboxJournal.record("refresh").set("access", access.toJson()));
        return new Pair(access, refresh);
    }

    /** Replays a journal record of this store ({@code grant}, {@code refresh}, {@code expire}, {@code revoke}). */
    synchronized void replay(JsonNode record) {
        switch (record.get("type").asText()) {
            case "grant", "refresh" -> {
                for (String kind : new String[] {"refresh", "access"}) {
                    if (record.has(kind)) {
                        Token token = Token.fromJson(record.get(kind));
                        tokens.put(token.value, token);
                        if (token.refresh) {
                            currentGrants.put(String.valueOf(token.clientId), token.value);
                        }
                    }
                }
            }
            case "expire" -> {
                Token token = tokens.get(record.get("token").asText());
                if (token != null) {
                    token.expiresAt = Instant.parse(record.get("at").asText());
                }
            }
            case "revoke" -> revoke(record.get("token").asText());
            default -> throw new IllegalArgumentException("Not a token record: " + record.get("type"));
        }
    }

    Token find(String value) {
        return value == null ? null : tokens.get(value);
    }

    /** Makes a token expired as of now. */
    synchronized boolean expire(String value) {
        Token token = find(value);
        if (token == null) {
            return false;
        }
        Instant now = now();
        if (token.expiresAt.isAfter(now)) {
            token.expiresAt = now;
        }
        journal.append(SandboxJournal.record("expire").put("token", value).put("at", token.expiresAt.toString()));
        return true;
    }

    /** Revokes a token; revoking a refresh token revokes the whole grant, as a member removing the app does. */
    synchronized boolean revoke(String value) {
        Token token = find(value);
        if (token == null) {
            return false;
        }
        token.revoked = true;
        if (token.refresh) {
            tokens.values().stream().filter(t -> token.value.equals(t.refreshToken)).forEach(t -> t.revoked = true);
        }
        journal.append(SandboxJournal.record("revoke").put("token", value));
        return true;
    }

    /** What {@link #expireGrant} did. */
    record GrantChange(String clientId, int accessTokensExpired, boolean refreshTokenExpired) {
    }

    /**
     * Expires, as of now, every live access token of the client's latest grant, and with {@code refreshToo} its
     * refresh token; answers {@code null} when the client has no grant.
     */
    synchronized GrantChange expireGrant(String clientId, boolean refreshToo) {
        String refreshValue = currentGrants.get(clientId);
        if (refreshValue == null) {
            return null;
        }
        Instant now = now();
        int expired = 0;
        for (Token t : tokens.values()) {
            if (refreshValue.equals(t.refreshToken) && t.expiresAt.isAfter(now)) {
                expire(t.value);
                expired++;
            }
        }
        if (refreshToo) {
            expire(refreshValue);
        }
        return new GrantChange(clientId, expired, refreshToo);
    }

    /** Revokes the client's latest grant (its refresh token and every access token); {@code false} when it has none. */
    synchronized boolean revokeGrant(String clientId) {
        String refreshValue = currentGrants.get(clientId);
        return refreshValue != null && revoke(refreshValue);
    }

    String issueCode(String clientId, String redirectUri, Set<String> scopes) {
        String code = opaque("AQT");
        codes.put(code, new Code(clientId, redirectUri, new LinkedHashSet<>(scopes), now().plus(CODE_LIFETIME)));
        return code;
    }

    /**
     * Redeems a code exactly once. Returns the granted scopes, or {@code null} when the code is unknown, used,
     * expired, or was issued to another client or redirect URI.
     */
    Set<String> redeemCode(String code, String clientId, String redirectUri) {
        Code issued = code == null ? null : codes.remove(code);
        if (issued == null || !now().isBefore(issued.expiresAt())) {
            return null;
        }
        if (!issued.clientId().equals(clientId) || !issued.redirectUri().equals(redirectUri)) {
            return null;
        }
        return issued.scopes();
    }

    private String opaque(String prefix) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
