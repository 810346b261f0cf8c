package io.leadsync.app;

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
 * The OAuth connect flow's two pages (LGF-001/004/006): {@code /connect} sends the member to LinkedIn's consent
 * screen with a one-time state; {@code /oauth/callback} checks the state, exchanges the code and says who is
 * connected. A cancelled consent, a wrong or reused state and a refused code each get a plain page and store nothing.
 */
public final class OAuthPages {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthPages.class);

    private final TokenManager tokens;
    private final LinkedInApi api;

    public OAuthPages(TokenManager tokens, LinkedInApi api) {
        this.tokens = tokens;
        this.api = api;
    }

    /** {@code GET /connect}: a 302 to LinkedIn's authorization page. */
    public void connect(Exchange exchange) {
        Message reply = clear(exchange);
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        reply.setHeader("Location", tokens.newAuthorization().url());
        reply.setBody("");
    }

    /** {@code GET /oauth/callback?code=…&state=…} (or {@code ?error=…}). */
    public void callback(Exchange exchange) {
        Message in = exchange.getMessage();
        String error = in.getHeader("error", String.class);
        String state = in.getHeader("state", String.class);
        String code = in.getHeader("code", String.class);
        if (error != null) {
            LOG.warn("LinkedIn consent not given ({}); nothing stored", error);
            page(exchange, 400, "Not connected", "LinkedIn did not grant access (" + error + "). Nothing was stored. "
                    + "<a href=\"/connect\">Try again</a>.");
            return;
        }
        if (state == null || code == null) {
            page(exchange, 400, "Not connected", "The callback carries no authorization code or state. <a href=\"/connect\">Start again</a>.");
            return;
        }
        try {
            TokenStatus status = tokens.handleCallback(state, code);
            String who = member();
            LOG.info("Connected as {}", who);
            page(exchange, 200, "Connected", "Connected to LinkedIn as " + html(who) + ". The access token is valid for "
                    + status.accessTokenDaysLeft() + " days"
                    + (status.refreshTokenDaysLeft() == null ? "; no refresh token was granted."
                            : ", the refresh token for " + status.refreshTokenDaysLeft() + " days."));
        } catch (OAuthException e) {
            String why = OAuthException.INVALID_STATE.equals(e.error())
                    ? "This sign-in link is unknown, expired or was already used."
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

    private static void page(Exchange exchange, int status, String title, String htmlBody) {
        Message reply = clear(exchange);
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
