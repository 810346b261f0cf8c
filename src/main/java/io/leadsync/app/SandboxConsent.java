package io.leadsync.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.auth.AuthorizationRequest;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStatus;

/**
 * The unattended demo's "member clicks Allow": walks the real OAuth authorization-code flow against the embedded
 * sandbox, whose consent page approves by itself in demo mode. The code and state go through the same
 * {@link TokenManager#handleCallback} as the browser's {@code /oauth/callback}.
 */
final class SandboxConsent {

    private SandboxConsent() {
    }

    static TokenStatus connect(TokenManager tokens) throws IOException, InterruptedException {
        AuthorizationRequest authorization = tokens.newAuthorization();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(authorization.url())).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String location = answer.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("The sandbox did not approve the consent (HTTP " + answer.statusCode() + ")"));
        Map<String, String> query = query(URI.create(location).getRawQuery());
        if (query.containsKey("error")) {
            throw new IllegalStateException("Consent refused: " + query.get("error"));
        }
        return tokens.handleCallback(query.get("state"), query.get("code"));
    }

    private static Map<String, String> query(String raw) {
        return java.util.Arrays.stream(raw == null ? new String[0] : raw.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8) : "",
                        (a, b) -> a));
    }
}
