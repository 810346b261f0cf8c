package io.leadsync.sandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** LinkedIn's 3-legged OAuth under {@code /oauth/v2}: consent page, decision, token, introspection. */
final class OAuthHandler {

    /** An OAuth error, answered as {@code {"error":…,"error_description":…}} (not LinkedIn's REST error body). */
    static final class OAuthError extends RuntimeException {
        private final int status;
        private final String error;

        OAuthError(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        SandboxResponse response() {
            ObjectNode body = Json.object();
            body.put("error", error);
            body.put("error_description", getMessage());
            return SandboxResponse.json(status, body).withHeader("Cache-Control", "no-store");
        }
    }

    private record PendingConsent(String redirectUri, Set<String> scopes, String state) {
    }

    private final SandboxContext ctx;
    private final Map<String, PendingConsent> pending = new ConcurrentHashMap<>();

    OAuthHandler(SandboxContext ctx) {
        this.ctx = ctx;
    }

    SandboxResponse handle(SandboxRequest request) {
        String path = request.rawPath().substring("/oauth/v2/".length());
        return switch (request.method() + " " + path) {
            case "GET authorization" -> authorize(request.formQuery());
            case "POST authorization/decision" -> decide(SandboxRequest.formDecode(request.bodyText()));
            case "POST accessToken" -> accessToken(request);
            case "POST introspectToken" -> introspect(request);
            default -> throw SandboxApiError.notFound("No OAuth endpoint " + request.method() + " /oauth/v2/" + path);
        };
    }

    private SandboxResponse authorize(Map<String, String> q) {
        if (!ctx.clientId.equals(q.get("client_id"))) {
            return SandboxResponse.html(400, ConsentPage.error("invalid_client", "Unknown client_id"));
        }
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || !isAbsoluteHttp(redirectUri)) {
            return SandboxResponse.html(400, ConsentPage.error("invalid_request",
                    "redirect_uri must be an absolute http(s) URL"));
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            return redirectError(redirectUri, "unsupported_response_type", "response_type must be code", state);
        }
        // LinkedIn documents space-separated scopes; its own JS client joins them with commas.
        Set<String> scopes = Arrays.stream(q.getOrDefault("scope", "").split("[ ,]+"))
                .filter(s -> !s.isBlank()).collect(Collectors.toCollection(LinkedHashSet::new));
        if (scopes.isEmpty()) {
            return redirectError(redirectUri, "invalid_scope", "At least one scope is required", state);
        }
        for (String scope : scopes) {
            if (!TokenStore.ALL_SCOPES.contains(scope)) {
                return redirectError(redirectUri, "unauthorized_scope_error",
                        "Scope \"" + scope + "\" is not authorized for your application", state);
            }
        }
        if (ctx.autoApproveConsent) {
            return redirectCode(redirectUri, scopes, state);
        }
        String requestId = UUID.randomUUID().toString();
        pending.put(requestId, new PendingConsent(redirectUri, scopes, state));
        return SandboxResponse.html(200, ConsentPage.render("LeadSync (" + ctx.clientId + ")",
                ctx.world.memberName(), scopes, requestId));
    }

    private SandboxResponse decide(Map<String, String> form) {
        PendingConsent consent = form.get("request_id") == null ? null : pending.remove(form.get("request_id"));
        if (consent == null) {
            return SandboxResponse.html(400, ConsentPage.error("invalid_request",
                    "This authorization request is unknown or was already answered"));
        }
        if ("allow".equals(form.get("decision"))) {
            return redirectCode(consent.redirectUri(), consent.scopes(), consent.state());
        }
        return redirectError(consent.redirectUri(), "user_cancelled_login", "The user cancelled LinkedIn login",
                consent.state());
    }

    private SandboxResponse redirectCode(String redirectUri, Set<String> scopes, String state) {
        String code = ctx.tokens.issueCode(ctx.clientId, redirectUri, scopes);
        return SandboxResponse.redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + enc(code)
                + (state == null ? "" : "&state=" + enc(state)));
    }

    private static SandboxResponse redirectError(String redirectUri, String error, String description, String state) {
        return SandboxResponse.redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?") + "error=" + enc(error)
                + "&error_description=" + enc(description) + (state == null ? "" : "&state=" + enc(state)));
    }

    private SandboxResponse accessToken(SandboxRequest request) {
        Map<String, String> form = SandboxRequest.formDecode(request.bodyText());
        checkClient(request, form);
        String grantType = form.get("grant_type");
        TokenStore.Pair pair;
        if ("authorization_code".equals(grantType)) {
            Set<String> scopes = ctx.tokens.redeemCode(form.get("code"), form.get("client_id"), form.get("redirect_uri"));
            if (scopes == null) {
                throw invalidGrant();
            }
            pair = ctx.tokens.grant(scopes, form.get("client_id"));
        } else if ("refresh_token".equals(grantType)) {
            pair = ctx.tokens.refresh(form.get("refresh_token"));
            if (pair == null) {
                throw invalidGrant();
            }
        } else {
            throw new OAuthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
        }
        return SandboxResponse.json(tokenResponse(pair, ctx.tokens.now())).withHeader("Cache-Control", "no-store");
    }

    /** The token response body, also used by the admin API; lifetimes count down from the grant. */
    static ObjectNode tokenResponse(TokenStore.Pair pair, java.time.Instant now) {
        ObjectNode body = Json.object();
        body.put("access_token", pair.access().value);
        body.put("expires_in", Duration.between(now, pair.access().expiresAt).toSeconds());
        body.put("refresh_token", pair.refresh().value);
        body.put("refresh_token_expires_in", Math.max(0, Duration.between(now, pair.refresh().expiresAt).toSeconds()));
        body.put("scope", scopeString(pair.access().scopes));
        body.put("token_type", "Bearer");
        return body;
    }

    private SandboxResponse introspect(SandboxRequest request) {
        Map<String, String> form = SandboxRequest.formDecode(request.bodyText());
        checkClient(request, form);
        TokenStore.Token token = ctx.tokens.find(form.get("token"));
        ObjectNode body = Json.object();
        if (token == null) {
            body.put("active", false);
            return SandboxResponse.json(body);
        }
        TokenStore.Status status = token.status(ctx.tokens.now());
        body.put("active", status == TokenStore.Status.ACTIVE);
        body.put("status", status.name().toLowerCase());
        body.put("client_id", ctx.clientId);
        body.put("scope", scopeString(token.scopes));
        body.put("created_at", token.createdAt.getEpochSecond());
        body.put("authorized_at", token.authorizedAt.getEpochSecond());
        body.put("expires_at", token.expiresAt.getEpochSecond());
        body.put("auth_type", "3L");
        return SandboxResponse.json(body);
    }

    private void checkClient(SandboxRequest request, Map<String, String> form) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = request.header("Authorization");
        if (id == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                id = decoded.substring(0, colon);
                secret = decoded.substring(colon + 1);
            }
        }
        if (!ctx.clientId.equals(id) || !ctx.clientSecret.equals(secret)) {
            throw new OAuthError(401, "invalid_client", "Client authentication failed");
        }
    }

    private static OAuthError invalidGrant() {
        return new OAuthError(400, "invalid_grant",
                "The provided authorization grant or refresh token is invalid, expired or revoked");
    }

    private static String scopeString(Set<String> scopes) {
        return scopes.stream().sorted().collect(Collectors.joining(","));
    }

    private static boolean isAbsoluteHttp(String uri) {
        try {
            URI parsed = URI.create(uri);
            return ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
