package io.leadsync.app.signoff;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.access.ProfileStatus;
import io.leadsync.camel.linkedin.auth.OAuthToken;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.sandbox.SandboxStats;

/**
 * The token lifecycle (LGF-001…006, MA-001…006) on the running app: the connect flow through the consent page, the
 * heartbeat, an access token expired at LinkedIn and refreshed, a grant revoked and one whose refresh token expired,
 * each followed by the alert with the app's /connect link and a new consent.
 */
final class ConnectionSteps {

    private static final List<String> LEAD_SCOPES = List.of("r_marketing_leadgen_automation", "r_ads", "r_organization_admin", "r_events");
    private static final String HEARTBEAT = "direct:heartbeat";

    private final SignOffContext ctx;
    private final OAuthBrowser browser = new OAuthBrowser();

    ConnectionSteps(SignOffContext ctx) {
        this.ctx = ctx;
    }

    /** The first connection: everything after it needs a token. */
    List<SignOffStep> connectSteps() {
        return List.of(step("LGF-001", this::connect), step("MA-001", this::audienceScopes));
    }

    List<SignOffStep> steps() {
        return List.of(
                step("LGF-002", this::heartbeat),
                step("MA-002", this::heartbeatCoversAudiences),
                step("LGF-003", this::expiredAccessTokenDetected),
                step("LGF-005", this::refreshed),
                step("MA-003", e -> expiredAndRefreshedOnAudienceCall(e, "detected on a dmpSegments call")),
                step("MA-005", e -> expiredAndRefreshedOnAudienceCall(e, "refreshed for a dmpSegments call")),
                step("LGF-004", this::revokedGrantReconnected),
                step("MA-004", this::audiencesAfterReconnect),
                step("LGF-006", this::expiredRefreshTokenReconnected),
                step("MA-006", this::audiencesAfterReconnect));
    }

    private static SignOffStep step(String id, SignOffStep.Check check) {
        return new SignOffStep(id, SignOffIds.title(id), check);
    }

    private String connect(Evidence e) throws Exception {
        HttpResponse<String> anonymous = ctx.app.http().anonymous("GET", "/connect");
        e.requireEqual(401, anonymous.statusCode(), "GET /connect without operator credentials");
        e.require(!ctx.app.tokens().status().connected(), "not connected before the flow (no token stored)");
        long exchangesBefore = ctx.stats().calls("POST accessToken", 200);
        OAuthBrowser.Consent consent = browser.connect(ctx.app);
        e.note("/connect redirected to %s", consent.authorizationUrl().replaceAll("state=[^&]+", "state=…"));
        e.require(consent.requestedScopes().containsAll(LEAD_SCOPES), "authorization URL asks for %s", consent.requestedScopes());
        e.require(consent.consentScopes().containsAll(LEAD_SCOPES), "LinkedIn's consent page lists %s", consent.consentScopes());
        e.requireEqual(200, consent.callbackStatus(), "the app's /oauth/callback page");
        e.require(consent.callbackPage().contains("Connected to LinkedIn as Dana Reyes"), "callback page: %s", consent.callbackPage());
        e.requireEqual(exchangesBefore + 1, ctx.stats().calls("POST accessToken", 200), "code exchanges at LinkedIn's token endpoint");
        TokenStatus status = ctx.app.tokens().status();
        e.require(status.connected(), "the app is connected: access %d days, refresh %d days", status.accessTokenDaysLeft(), status.refreshTokenDaysLeft());
        return "consent page listed " + consent.consentScopes().size() + " scopes, code exchanged once, connected as Dana Reyes";
    }

    private String audienceScopes(Evidence e) {
        TokenStatus status = ctx.app.tokens().status();
        e.require(status.connected(), "connected");
        e.require(status.scopes().contains("rw_dmp_segments"), "granted scopes include rw_dmp_segments: %s", status.scopes());
        return "the grant holds rw_dmp_segments beside the lead scopes";
    }

    private String heartbeat(Evidence e) throws Exception {
        e.require(ctx.app.camel().getRoute("heartbeat-schedule") != null, "route heartbeat-schedule runs the heartbeat on leadsync.heartbeat.cron");
        int mark = ctx.log.mark();
        long introspections = ctx.stats().calls("POST introspectToken", 200);
        ProfileStatus status = ctx.producer().requestBody(HEARTBEAT, null, ProfileStatus.class);
        e.require(status != null && status.active(), "heartbeat answer: %s", status == null ? null : status.status());
        e.require(ctx.stats().calls("POST introspectToken", 200) > introspections, "LinkedIn's introspection endpoint was asked");
        String line = ctx.log.first(mark, "Token valid: access");
        e.require(line != null, "log: %s", line);
        return line.substring(line.indexOf("Token valid"));
    }

    private String heartbeatCoversAudiences(Evidence e) throws Exception {
        ProfileStatus status = ctx.producer().requestBody(HEARTBEAT, null, ProfileStatus.class);
        e.require(status.active() && status.scopes().contains("rw_dmp_segments"), "the heartbeat checks the one token audiences use too: active, scopes %s",
                status.scopes());
        return "heartbeat active, same token carries rw_dmp_segments";
    }

    private String lastExpired;

    private String expiredAccessTokenDetected(Evidence e) throws Exception {
        String before = ctx.app.tokens().accessToken();
        ctx.app.sandbox().expireToken(before);
        e.note("access token sha256:%s expired at LinkedIn (POST /_sandbox/tokens/expire)", OAuthToken.fingerprint(before));
        int mark = ctx.log.mark();
        long refreshes = ctx.stats().calls("POST accessToken", 200);
        ctx.producer().requestBody(HEARTBEAT, null, ProfileStatus.class);
        String line = ctx.log.first(mark, "as expired");
        e.require(line != null, "log: %s", line);
        e.requireEqual(refreshes + 1, ctx.stats().calls("POST accessToken", 200), "token endpoint calls after the expiry");
        lastExpired = before;
        return "heartbeat found the token expired: " + line.substring(line.indexOf("Heartbeat"));
    }

    private String refreshed(Evidence e) throws Exception {
        e.require(lastExpired != null, "LGF-003 expired a token");
        String now = ctx.app.tokens().accessToken();
        e.require(!now.equals(lastExpired), "new access token sha256:%s replaces sha256:%s", OAuthToken.fingerprint(now), OAuthToken.fingerprint(lastExpired));
        OAuthToken stored = ctx.app.storedToken();
        e.require(stored.accessToken().equals(now), "the new token is the one stored (encrypted) in tokens.enc");
        // one more expiry, found by a 401 on an ordinary call this time: refreshed and the call replayed once
        ctx.app.sandbox().expireToken(now);
        SandboxStats before = ctx.stats();
        List<?> accounts = ctx.request("linkedin-leadsync:accounts?operation=listAdAccounts", null, Map.of(), List.class);
        SandboxStats after = ctx.stats();
        e.require(!accounts.isEmpty(), "listAdAccounts answered %d accounts after the expiry", accounts.size());
        e.note("calls answered 401 meanwhile: %s", SignOffContext.keysWithStatus(before, after, 401));
        // background routes may use the same expired token at the same moment: they share the one refresh
        e.require(after.calls("FINDER adAccounts", 401) - before.calls("FINDER adAccounts", 401) >= 1, "adAccounts answered 401 for the expired token");
        e.require(after.calls("FINDER adAccounts", 200) > before.calls("FINDER adAccounts", 200), "the adAccounts call replayed with the new token: 200");
        e.requireEqual(1L, after.calls("POST accessToken", 200) - before.calls("POST accessToken", 200), "refreshes for the 401s (single flight)");
        return "2 refreshes (heartbeat, then a 401 replayed once), new tokens stored encrypted";
    }

    private String expiredAndRefreshedOnAudienceCall(Evidence e, String what) throws Exception {
        ctx.app.sandbox().expireToken(ctx.app.tokens().accessToken());
        SandboxStats before = ctx.stats();
        List<?> segments = ctx.request("linkedin-leadsync:segments?operation=listSegments", null,
                Map.of("CamelLinkedInOwner", SignOffContext.AD_ACCOUNT), List.class);
        SandboxStats after = ctx.stats();
        e.require(segments != null, "listSegments answered (%d segments)", segments.size());
        long unauthorized = after.calls("FINDER dmpSegments", 401) - before.calls("FINDER dmpSegments", 401);
        e.requireEqual(1L, unauthorized, "dmpSegments calls answered 401 (expired token)");
        e.requireEqual(1L, after.calls("POST accessToken", 200) - before.calls("POST accessToken", 200), "refreshes");
        e.require(after.calls("FINDER dmpSegments", 200) > before.calls("FINDER dmpSegments", 200), "the dmpSegments call replayed with the new token: 200");
        return "expired token " + what + ": 401, one refresh, replayed 200";
    }

    private String currentId;

    private String revokedGrantReconnected(Evidence e) throws Exception {
        currentId = "LGF-004";
        OAuthToken grant = ctx.app.storedToken();
        ctx.app.sandbox().revokeToken(grant.refreshToken());
        e.note("grant revoked at LinkedIn (POST /_sandbox/tokens/revoke with the refresh token)");
        return reauthorizeAndReconnect(e, grant);
    }

    private String expiredRefreshTokenReconnected(Evidence e) throws Exception {
        currentId = "LGF-006";
        OAuthToken grant = ctx.app.storedToken();
        e.require(grant.refreshTokenExpiresAt() != null, "the app knows when the refresh token expires: %s", grant.refreshTokenExpiresAt());
        ctx.app.sandbox().expireToken(grant.accessToken());
        ctx.app.sandbox().expireToken(grant.refreshToken());
        e.note("access and refresh tokens expired at LinkedIn (POST /_sandbox/tokens/expire)");
        return reauthorizeAndReconnect(e, grant);
    }

    /** The grant is dead: the heartbeat must raise the alert with /connect, status and health say so; then connect again. */
    private String reauthorizeAndReconnect(Evidence e, OAuthToken deadGrant) throws Exception {
        int mark = ctx.log.mark();
        ctx.producer().send(HEARTBEAT, x -> { });
        String connectUrl = ctx.app.baseUrl() + "/connect";
        List<String> lines = ctx.log.since(mark, l -> l.contains("re-authorization required"));
        e.require(!lines.isEmpty(), "log: %s", lines);
        // the operator's alert names /connect; the same reason is alerted once per 10 minutes (ReauthorizationAlerts)
        String alert = ctx.log.first(mark, "open " + connectUrl);
        e.note("alert line: %s", alert == null ? "(same reason alerted less than 10 minutes ago: not repeated)" : alert);
        TokenStatus dead = ctx.app.tokens().status();
        e.require(dead.reauthorizationRequired() && connectUrl.equals(dead.authorizationUrl()),
                "the token manager sends the member to %s: %s", dead.authorizationUrl(), dead.reason());
        if (alert == null && "LGF-004".equals(currentId)) {
            throw new Evidence.CheckFailed("no alert line naming " + connectUrl);
        }
        // readiness turns DOWN once a consumer's own call meets the dead grant; with the poll an hour away that may
        // not have happened yet, so the health answer is evidence here, not a condition
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ctx.app.healthUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String body = health.statusCode() + " " + health.body().replaceAll("\\s+", " ");
        e.note("/observe/health: %s", body.length() > 300 ? body.substring(0, 300) + "…" : body);
        OAuthBrowser.Consent consent = browser.connect(ctx.app);
        e.require(consent.callbackStatus() == 200 && consent.callbackPage().contains("Connected"), "connected again: %s", consent.callbackPage());
        OAuthToken fresh = ctx.app.storedToken();
        e.require(!fresh.refreshToken().equals(deadGrant.refreshToken()), "a new grant is stored (new refresh token)");
        e.require(ctx.app.tokens().status().connected(), "GET /api/status says connected");
        List<?> accounts = ctx.request("linkedin-leadsync:accounts?operation=listAdAccounts", null, Map.of(), List.class);
        e.require(!accounts.isEmpty(), "LinkedIn calls work again (%d ad accounts)", accounts.size());
        return (alert != null ? "alert names " + connectUrl : "re-authorization to " + connectUrl) + ", /api/status says so, consent again, new grant works";
    }

    private String audiencesAfterReconnect(Evidence e) throws Exception {
        TokenStatus status = ctx.app.tokens().status();
        e.require(status.connected() && status.scopes().contains("rw_dmp_segments"), "the new grant holds rw_dmp_segments");
        long before = ctx.stats().calls("FINDER dmpSegments", 200);
        ctx.request("linkedin-leadsync:segments?operation=listSegments", null, Map.of("CamelLinkedInOwner", SignOffContext.AD_ACCOUNT), List.class);
        e.requireEqual(before + 1, ctx.stats().calls("FINDER dmpSegments", 200), "dmpSegments calls answered 200 on the new grant");
        return "the re-authorized grant serves audience calls (dmpSegments 200)";
    }
}
