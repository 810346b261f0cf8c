package io.leadsync.app.signoff;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.leadsync.camel.linkedin.api.LinkedInJson;

/** HTTP calls to the app as its operator (HTTP basic), as {@code curl -u admin:…} makes them. */
final class OperatorHttp {

    private final String baseUrl;
    private final String authorization;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    OperatorHttp(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, true);
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send("POST", path, true);
    }

    /** A call without credentials, as anyone on the internet can make it. */
    HttpResponse<String> anonymous(String method, String path) throws IOException, InterruptedException {
        return send(method, path, false);
    }

    /** GET {@code /api/status} as JSON. */
    Map<String, Object> status() throws IOException, InterruptedException {
        HttpResponse<String> answer = get("/api/status");
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /api/status answered " + answer.statusCode());
        }
        return json(answer.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return LinkedInJson.read(body.getBytes(StandardCharsets.UTF_8), Map.class);
    }

    private HttpResponse<String> send(String method, String path, boolean operator) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (operator) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
