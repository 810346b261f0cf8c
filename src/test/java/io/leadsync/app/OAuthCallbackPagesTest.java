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
 * The callback's refusals (LGF-001/004): a forged or reused state and a replayed authorization code each give a plain
 * page and store nothing; a fresh consent connects. The sandbox approves consent by itself here, so the redirects are
 * followed by hand, exactly as a browser would.
 */
class OAuthCallbackPagesTest extends LeadSyncAppTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();


    @Test
    void forgedStateReusedStateAndReplayedCodeStoreNothingWhileAFreshConsentConnects() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("connect.yaml"), Map.of("leadsync.sandbox.auto-connect", "false"));
        Path tokenFile = dataDir.resolve("tokens.enc");

        HttpResponse<String> forged = get(app.baseUrl() + "/oauth/callback?state=forged-state&code=any-code");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("This sign-in link is unknown, expired or was already used.", "Nothing was stored");
        assertThat(tokenFile).doesNotExist();

        String callback = consent();
        HttpResponse<String> connected = get(callback);
        assertThat(connected.statusCode()).isEqualTo(200);
        assertThat(connected.body()).contains("Connected to LinkedIn as Dana Reyes");
        assertThat(tokenFile).exists();
        byte[] stored = Files.readAllBytes(tokenFile);

        // the same redirect again: its state was used up
        HttpResponse<String> reused = get(callback);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("already used");

        // the old code with a fresh state: LinkedIn refuses a code twice (invalid_grant)
        String code = query(URI.create(callback), "code");
        String freshState = query(URI.create(consent()), "state");
        HttpResponse<String> replayed = get(app.baseUrl() + "/oauth/callback?state=" + freshState + "&code=" + code);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("LinkedIn refused the authorization code", "Nothing was stored");
        assertThat(Files.readAllBytes(tokenFile)).as("the stored grant is untouched").isEqualTo(stored);
        assertThat(replayed.body()).doesNotContain(code);
    }

    /** /connect → LinkedIn's authorization page (approving by itself) → the callback URL LinkedIn redirects to. */
    private String consent() throws Exception {
        HttpResponse<String> connect = get(app.baseUrl() + "/connect");
        assertThat(connect.statusCode()).isEqualTo(302);
        HttpResponse<String> approved = get(connect.headers().firstValue("Location").orElseThrow());
        assertThat(approved.statusCode()).isEqualTo(302);
        return approved.headers().firstValue("Location").orElseThrow().replace("http://localhost:", "http://127.0.0.1:");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
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
