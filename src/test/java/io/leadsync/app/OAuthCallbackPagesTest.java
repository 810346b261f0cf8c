package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The callback's refusals (LGF-001/004): a forged or reused state, a state started in another browser and a replayed
 * authorization code each give a plain page and store nothing; a fresh consent connects. The sandbox approves consent
 * by itself here, so the redirects are followed by hand, exactly as a browser would, each "browser" an HttpClient
 * with its own cookie jar.
 */
class OAuthCallbackPagesTest extends LeadSyncAppTestSupport {

    private final HttpClient browser = browser();


    @Test
    void forgedStateReusedStateAndReplayedCodeStoreNothingWhileAFreshConsentConnects() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("connect.yaml"), Map.of("leadsync.sandbox.auto-connect", "false"));
        Path tokenFile = dataDir.resolve("tokens.enc");

        // this browser started a consent (it holds the cookie), then comes back with a state nobody issued
        String callback = consent();
        HttpResponse<String> forged = get(app.baseUrl() + "/oauth/callback?state=forged-state&code=any-code");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("This sign-in link is unknown, expired, was already used or was started in another browser.",
                "Nothing was stored");
        assertThat(tokenFile).doesNotExist();

        HttpResponse<String> connected = get(callback);
        assertThat(connected.statusCode()).isEqualTo(200);
        assertThat(connected.body()).contains("Connected to LinkedIn as Dana Reyes");
        assertThat(tokenFile).exists();
        byte[] stored = Files.readAllBytes(tokenFile);

        // the same redirect again: its state was used up, and the browser was told to forget its consent cookie
        HttpResponse<String> reused = get(callback);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("This sign-in was not started from this browser, or it expired", "Nothing was stored");

        // the old code with a fresh state: LinkedIn refuses a code twice (invalid_grant)
        String code = query(URI.create(callback), "code");
        String freshState = query(URI.create(consent()), "state");
        HttpResponse<String> replayed = get(app.baseUrl() + "/oauth/callback?state=" + freshState + "&code=" + code);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("LinkedIn refused the authorization code", "Nothing was stored");
        assertThat(Files.readAllBytes(tokenFile)).as("the stored grant is untouched").isEqualTo(stored);
        assertThat(replayed.body()).doesNotContain(code);
    }

    @Test
    void aConsentStartedInAnotherBrowserIsRefused() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("connect.yaml"), Map.of("leadsync.sandbox.auto-connect", "false"));
        Path tokenFile = dataDir.resolve("tokens.enc");

        // an attacker starts a consent with their own LinkedIn account and sends the callback link to the operator
        String attackersCallback = consent();
        HttpClient operatorsBrowser = browser();
        HttpResponse<String> planted = operatorsBrowser.send(HttpRequest.newBuilder(URI.create(attackersCallback)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(planted.statusCode()).isEqualTo(400);
        assertThat(planted.body()).contains("This sign-in was not started from this browser", "Nothing was stored");
        assertThat(tokenFile).doesNotExist();

        // a browser whose own cookie belongs to another consent: refused as well
        String own = consentIn(operatorsBrowser);
        String foreignState = query(URI.create(consent()), "state");
        HttpResponse<String> crossed = operatorsBrowser.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/oauth/callback?state="
                + foreignState + "&code=" + query(URI.create(own), "code"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossed.statusCode()).isEqualTo(400);
        assertThat(crossed.body()).contains("started in another browser");
        assertThat(tokenFile).doesNotExist();
    }

    @Test
    void connectNeedsTheOperatorsCredentials() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("connect.yaml"), Map.of("leadsync.sandbox.auto-connect", "false"));
        HttpResponse<String> anonymous = app.callAnonymously("GET", "/connect");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"LeadSync operator\"");
        assertThat(anonymous.headers().firstValue("Location")).isEmpty();
        assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /** /connect → LinkedIn's authorization page (approving by itself) → the callback URL LinkedIn redirects to. */
    private String consent() throws Exception {
        return consentIn(browser);
    }

    private String consentIn(HttpClient client) throws Exception {
        HttpResponse<String> connect = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/connect"))
                .header("Authorization", LeadSyncApp.OPERATOR).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connect.statusCode()).isEqualTo(302);
        assertThat(connect.headers().firstValue("Set-Cookie")).hasValueSatisfying(
                cookie -> assertThat(cookie).startsWith(OAuthPages.BROWSER_COOKIE + "=").contains("HttpOnly", "SameSite=Lax"));
        HttpResponse<String> approved = client.send(HttpRequest.newBuilder(URI.create(connect.headers().firstValue("Location").orElseThrow()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).isEqualTo(302);
        return approved.headers().firstValue("Location").orElseThrow().replace("http://localhost:", "http://127.0.0.1:");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new java.net.CookieManager()).build();
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv[1];
            }
        }
        throw new AssertionError(name + " missing in " + uri.getPath());
    }
}
