package io.leadsync.app;

import java.security.SecureRandom;
import java.util.Base64;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiException;
import io.leadsync.camel.linkedin.auth.OAuthException;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.model.UserInfo;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth connect flow's two pages (LGF-001/004/006): {@code /connect} (operator credentials) sends the member to
 * LinkedIn's consent screen with a one-time state bound to this browser by an HttpOnly cookie; {@code /oauth/callback}
 * (public: LinkedIn redirects the browser there) checks the state and the cookie, exchanges the code and says who is
 * connected. A cancelled consent, a wrong, reused or foreign state and a refused code each get a plain page and store
 * nothing.
 */
public final class OAuthPages {

    /** The cookie that binds a consent to the browser that started it. */
    static final String BROWSER_COOKIE = "leadsync_connect";

    private static final Logger LOG = LoggerFactory.getLogger(OAuthPages.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenManager tokens;
    private final LinkedInApi api;
    private final boolean secureCookie;

    /**
     * @param secureCookie whether the browser reaches this app over HTTPS, so that the cookie is marked {@code Secure}
     */
    public OAuthPages(TokenManager tokens, LinkedInApi api, boolean secureCookie) {
        this.tokens = tokens;
        this.api = api;
        this.secureCookie = secureCookie;
    }

    /** {@code GET /connect}: a 302 to LinkedIn's authorization page, and the cookie its callback must bring back. */
    public void connect(Exchange exchange) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String browser = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Message reply = clear(exchange);
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        reply.setHeader("Location", tokens.newAuthorization(browser).url());
        // SameSite=Lax, not Strict: the callback is a top-level redirect from linkedin.com, which Strict would strip
        reply.setHeader("Set-Cookie", BROWSER_COOKIE + "=" + browser + "; Path=/oauth/callback; Max-Age=600; HttpOnly; SameSite=Lax"
                + (secureCookie ? "; Secure" : ""));
        reply.setHeader("Cache-Control", "no-store");
        reply.setBody("");
    }

    /** {@code GET /oauth/callback?code=…&state=…} (or {@code ?error=…}). */
    public void callback(Exchange exchange) {
        Message in = exchange.getMessage();
        String error = in.getHeader("error", String.class);
        String state = in.getHeader("state", String.class);
        String code = in.getHeader("code", String.class);
        if (error != null) {
            // anyone can craft this URL: only an OAuth error code (RFC 6749 §4.1.2.1) reaches the log and the page
            error = error.matches("[a-z_]{1,64}") ? error : "unrecognised error";
            LOG.warn("LinkedIn consent not given ({}); nothing stored", error);
            page(exchange, 400, "Not connected", "LinkedIn did not grant access (" + error + "). Nothing was stored. "
                    + "<a href=\"/connect\">Try again</a>.");
            return;
        }
        if (state == null || code == null) {
            page(exchange, 400, "Not connected", "The callback carries no authorization code or state. <a href=\"/connect\">Start again</a>.");
            return;
        }
        String browser = cookie(in.getHeader("Cookie", String.class), BROWSER_COOKIE);
        if (browser == null) {
            LOG.warn("OAuth callback refused: it carries no {} cookie (started in another browser, or over 10 minutes ago)", BROWSER_COOKIE);
            page(exchange, 400, "Not connected", "This sign-in was not started from this browser, or it expired. Nothing was stored. "
                    + "<a href=\"/connect\">Start again</a> from the browser you sign in with.");
            return;
        }
        try {
            TokenStatus status = tokens.handleCallback(state, code, browser);
            String who = member();
            LOG.info("Connected as {}", who);
            page(exchange, 200, "Connected", "Connected to LinkedIn as " + html(who) + ". The access token is valid for "
                    + status.accessTokenDaysLeft() + " days"
                    + (status.refreshTokenDaysLeft() == null ? "; no refresh token was granted."
                            : ", the refresh token for " + status.refreshTokenDaysLeft() + " days.")
                    + " <a href=\"/console\">Open the console</a>.");
            // a refusal keeps the cookie, so that a forged link opened in between cannot spoil the operator's consent
            exchange.getMessage().setHeader("Set-Cookie", BROWSER_COOKIE + "=; Path=/oauth/callback; Max-Age=0; HttpOnly; SameSite=Lax"
                    + (secureCookie ? "; Secure" : ""));
        } catch (OAuthException e) {
            String why = OAuthException.INVALID_STATE.equals(e.error())
                    ? "This sign-in link is unknown, expired, was already used or was started in another browser."
                    : e.isInvalidGrant() ? "LinkedIn refused the authorization code: it expired or was already used."
                    : "LinkedIn's token endpoint failed (" + html(e.error()) + ").";
            LOG.warn("OAuth callback refused: {}", why);
            page(exchange, 400, "Not connected", why + " Nothing was stored. <a href=\"/connect\">Start again</a>.");
        }
    }

    /** Who is connected, as LinkedIn's userinfo names the member. */
    String member() {
        try {
            UserInfo me = api.userInfo();
            return me.name() + (me.email() == null ? "" : " <" + me.email() + ">");
        } catch (LinkedInApiException e) {
            // userinfo needs the openid and profile scopes, which a Lead Sync app may not have
            return "the authorizing member";
        }
    }

    /** The value of cookie {@code name} in a {@code Cookie} request header, or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String value = pair.substring(eq + 1).trim();
                // RFC 2965 clients (java.net.CookieManager among them) quote the value
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static void page(Exchange exchange, int status, String title, String htmlBody) {
        Message reply = clear(exchange);
        reply.setHeader("Cache-Control", "no-store");
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        reply.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        reply.setBody("<!doctype html><html><head><title>LinkedIn Lead Sync: " + title + "</title></head><body><h1>" + title
                + "</h1><p>" + htmlBody + "</p></body></html>");
    }

    // platform-http would echo request headers (the code among them) into the response
    private static Message clear(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        return message;
    }

    private static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
