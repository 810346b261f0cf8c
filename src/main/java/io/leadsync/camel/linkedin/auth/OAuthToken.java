package io.leadsync.camel.linkedin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A LinkedIn OAuth 2.0 grant as the connector keeps it: the access token (60 days), the refresh token (365 days from
 * the first grant, only for approved partners, hence nullable) and the granted scopes. {@link #toString()} never
 * shows a token; use {@link #accessTokenFingerprint()} to correlate tokens in logs.
 *
 * @param accessToken           the bearer token of every API call
 * @param accessTokenExpiresAt  when LinkedIn stops accepting the access token
 * @param refreshToken          the refresh token, or {@code null} when LinkedIn granted none
 * @param refreshTokenExpiresAt when the refresh token dies, or {@code null} when unknown or absent
 * @param scopes                the granted scopes
 * @param grantedAt             when this access token was minted (by a code exchange or a refresh)
 */
public record OAuthToken(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
        Instant refreshTokenExpiresAt, Set<String> scopes, Instant grantedAt) {

    /** Validates and freezes the fields. */
    public OAuthToken {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt == null");
        Objects.requireNonNull(grantedAt, "grantedAt == null");
        if (refreshToken != null && refreshToken.isBlank()) {
            refreshToken = null;
        }
        if (refreshToken == null) {
            refreshTokenExpiresAt = null;
        }
        scopes = scopes == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /**
     * Builds a token from LinkedIn's token response fields.
     *
     * @param expiresIn             {@code expires_in}, seconds
     * @param refreshTokenExpiresIn {@code refresh_token_expires_in}, seconds, or {@code null}
     * @param scope                 {@code scope}: LinkedIn separates scopes with commas (spaces are accepted too)
     * @param now                   when the response arrived
     */
    public static OAuthToken fromTokenResponse(String accessToken, long expiresIn, String refreshToken,
            Long refreshTokenExpiresIn, String scope, Instant now) {
        Instant refreshExpiry = refreshToken == null || refreshTokenExpiresIn == null
                ? null : now.plusSeconds(refreshTokenExpiresIn);
        return new OAuthToken(accessToken, now.plusSeconds(expiresIn), refreshToken, refreshExpiry, parseScopes(scope),
                now);
    }

    /**
     * The token to keep after a refresh. LinkedIn hands out a new access token, but the refresh token still dies 365
     * days after the FIRST grant, even though {@code refresh_token_expires_in} may suggest a later date: the earlier
     * expiry wins. When the answer carries no refresh token, the previous one stays.
     */
    public static OAuthToken afterRefresh(OAuthToken previous, OAuthToken answer) {
        String refresh = answer.refreshToken() != null ? answer.refreshToken() : previous.refreshToken();
        Instant refreshExpiry = earliest(previous.refreshTokenExpiresAt(), answer.refreshTokenExpiresAt());
        Set<String> scopes = answer.scopes().isEmpty() ? previous.scopes() : answer.scopes();
        return new OAuthToken(answer.accessToken(), answer.accessTokenExpiresAt(), refresh, refreshExpiry, scopes,
                answer.grantedAt());
    }

    /** Splits LinkedIn's {@code scope} value (comma-separated; space-separated accepted). */
    public static Set<String> parseScopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(scope.trim().split("[,\\s]+"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether a refresh token was granted. */
    public boolean hasRefreshToken() {
        return refreshToken != null;
    }

    /** Whether the access token is already past its expiry at {@code now}. */
    public boolean isAccessTokenExpired(Instant now) {
        return !now.isBefore(accessTokenExpiresAt);
    }

    /** Whether the access token expires within {@code margin} of {@code now} (or already has). */
    public boolean isAccessTokenExpiring(Instant now, Duration margin) {
        return !now.plus(margin).isBefore(accessTokenExpiresAt);
    }

    /** Whether the refresh token is absent or past its expiry, i.e. the member has to authorize again. */
    public boolean isRefreshTokenExpired(Instant now) {
        return refreshToken == null || (refreshTokenExpiresAt != null && !now.isBefore(refreshTokenExpiresAt));
    }

    /** Whole days until the access token expires (0 once expired). */
    public long accessTokenDaysLeft(Instant now) {
        return daysBetween(now, accessTokenExpiresAt);
    }

    /** Whole days until the refresh token expires (0 once expired), empty when there is none or its expiry is unknown. */
    public OptionalLong refreshTokenDaysLeft(Instant now) {
        return refreshTokenExpiresAt == null ? OptionalLong.empty()
                : OptionalLong.of(daysBetween(now, refreshTokenExpiresAt));
    }

    /** A short, one-way digest of the access token, safe to log. */
    public String accessTokenFingerprint() {
        return fingerprint(accessToken);
    }

    /** A short, one-way digest of a token (first 8 hex digits of its SHA-256), safe to log. */
    public static String fingerprint(String token) {
        if (token == null) {
            return "none";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "OAuthToken[accessToken=sha256:" + accessTokenFingerprint()
                + ", accessTokenExpiresAt=" + accessTokenExpiresAt
                + ", refreshToken=" + (refreshToken == null ? "none" : "sha256:" + fingerprint(refreshToken))
                + ", refreshTokenExpiresAt=" + refreshTokenExpiresAt
                + ", scopes=" + scopes + ", grantedAt=" + grantedAt + "]";
    }

    private static long daysBetween(Instant now, Instant until) {
        return now.isBefore(until) ? Duration.between(now, until).toDays() : 0;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
