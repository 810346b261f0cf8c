package io.leadsync.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.sandbox.LinkedInSandbox;

/**
 * The LinkedIn sandbox that sandbox mode talks to: the embedded one this process starts, or a standalone one started
 * on its own ({@code leadsync.sandbox.url}, e.g. {@code SandboxMain --port 8089}), which keeps running while the app
 * is stopped, so that leads submitted meanwhile show an outage and its recovery (LGF-301) for real.
 *
 * @param baseUrl      the sandbox's root URL
 * @param clientId     the LinkedIn app the sandbox knows
 * @param clientSecret its secret (also the webhook signing key)
 * @param embedded     the sandbox this process started, or null for a standalone one
 */
record SandboxConnection(String baseUrl, String clientId, String clientSecret, LinkedInSandbox embedded) {

    static SandboxConnection standalone(String url, String clientId, String clientSecret) {
        return new SandboxConnection(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, clientId, clientSecret, null);
    }

    static SandboxConnection embedded(LinkedInSandbox sandbox, String clientSecret) {
        return new SandboxConnection(sandbox.baseUrl(), sandbox.clientId(), clientSecret, sandbox);
    }

    String restBaseUrl() {
        return baseUrl + "/rest";
    }

    String legacyBaseUrl() {
        return baseUrl + "/v2";
    }

    String oauthBaseUrl() {
        return baseUrl + "/oauth/v2";
    }

    /** The sandbox's world ({@code GET /_sandbox/world}): its forms, for the demo's plan. */
    JsonNode world() throws IOException, InterruptedException {
        if (embedded != null) {
            return embedded.world();
        }
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/_sandbox/world")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StartupRefusedException("the standalone LinkedIn sandbox at " + baseUrl + " does not answer (" + e.getMessage()
                    + "): start it (SandboxMain --port …) or fix LEADSYNC_SANDBOX_URL (leadsync.sandbox.url)");
        }
        if (answer.statusCode() != 200) {
            throw new StartupRefusedException("LEADSYNC_SANDBOX_URL (leadsync.sandbox.url) " + baseUrl + " is not a LinkedIn sandbox: GET /_sandbox/world answered "
                    + answer.statusCode());
        }
        return new ObjectMapper().readTree(answer.body());
    }

    void stop() {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
