package io.leadsync.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain java.net.http helpers for sandbox tests: LinkedIn's headers, JSON parsing, fixtures. */
final class SandboxTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String VERSION = "202610";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private SandboxTestSupport() {
    }

    /** A request with every header LinkedIn requires on {@code /rest}. */
    static HttpRequest.Builder rest(LinkedInSandbox sandbox, String pathAndQuery, String token) {
        return HttpRequest.newBuilder(URI.create(sandbox.restBaseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("LinkedIn-Version", VERSION)
                .header("X-Restli-Protocol-Version", "2.0.0");
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(LinkedInSandbox sandbox, String pathAndQuery, String token) {
        return send(rest(sandbox, pathAndQuery, token).GET());
    }

    static HttpResponse<String> admin(LinkedInSandbox sandbox, String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/" + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> form(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode fixture(String name) {
        try (InputStream in = SandboxTestSupport.class.getResourceAsStream("/fixtures/" + name)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixtureText(String name) {
        try (InputStream in = SandboxTestSupport.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("(", "%28").replace(")", "%29").replace("'", "%27").replace("!", "%21").replace("~", "%7E")
                .replace("*", "%2A");
    }
}
