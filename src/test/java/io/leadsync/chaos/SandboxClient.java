package io.leadsync.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The standalone sandbox as the chaos run talks to it: its admin API ({@code /_sandbox/…}: submit and withdraw leads,
 * faults, world, stats) and, for the truth at the end, its Rest.li API with a token of its own
 * ({@code BATCH_GET leadFormResponses} and the owner finder), read with faults cleared.
 */
final class SandboxClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** What the enrichment projection gives: the lead's own form version with its questions. */
    private static final String FIELDS = "id,leadType,submittedAt,testLead,versionedLeadGenFormUrn,formResponse,form:(id,versionId,content)";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    SandboxClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String baseUrl() {
        return base;
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    Answer call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (path.startsWith("/rest/")) {
            request.header("Authorization", "Bearer " + token()).header("LinkedIn-Version", "202610")
                    .header("X-Restli-Protocol-Version", "2.0.0");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private JsonNode ok(String method, String path, String body) throws IOException, InterruptedException {
        Answer answer = call(method, path, body);
        if (answer.status() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.createObjectNode() : answer.json();
    }

    boolean reachable() {
        try {
            return call("GET", "/_sandbox/world", null).status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    JsonNode world() throws IOException, InterruptedException {
        return ok("GET", "/_sandbox/world", null);
    }

    JsonNode stats() throws IOException, InterruptedException {
        return ok("GET", "/_sandbox/stats", null);
    }

    JsonNode faults() throws IOException, InterruptedException {
        return ok("GET", "/_sandbox/faults", null);
    }

    void setFaults(ObjectNode faults) throws IOException, InterruptedException {
        ok("POST", "/_sandbox/faults", JSON.writeValueAsString(faults));
    }

    void clearFaults() throws IOException, InterruptedException {
        ok("DELETE", "/_sandbox/faults", null);
    }

    /** Submits {@code count} leads on a form, arriving at {@code perSecond}; answers their ids. */
    List<String> submit(long formId, int count, boolean test, double perSecond, long visibleAfterSeconds) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("count", count).put("test", test).put("perSecond", perSecond)
                .put("visibleAfterSeconds", visibleAfterSeconds);
        List<String> ids = new ArrayList<>();
        ok("POST", "/_sandbox/forms/" + formId + "/leads", JSON.writeValueAsString(body)).path("leadIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** {@code DELETE /_sandbox/leads/{id}}: the status (204 withdrawn, 404 not live, e.g. not submitted yet). */
    int withdraw(String leadId) throws IOException, InterruptedException {
        return call("DELETE", "/_sandbox/leads/" + URLEncoder.encode(leadId, StandardCharsets.UTF_8), null).status();
    }

    private String token() throws IOException, InterruptedException {
        if (token == null) {
            Answer answer = call("POST", "/_sandbox/tokens", null);
            if (answer.status() != 200) {
                throw new IOException("POST /_sandbox/tokens answered " + answer.status());
            }
            token = answer.json().path("access_token").asText();
        }
        return token;
    }

    /** The live leads among {@code ids} as the sandbox serves them (a withdrawn or unknown id is absent). */
    Map<String, JsonNode> batchGet(List<String> ids) throws IOException, InterruptedException {
        Map<String, JsonNode> live = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += 50) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 50));
            String list = String.join(",", chunk.stream().map(SandboxClient::restLiString).toList());
            JsonNode answer = ok("GET", "/rest/leadFormResponses?ids=List(" + list + ")&fields=" + FIELDS, null);
            answer.path("results").fields().forEachRemaining(e -> live.put(e.getValue().path("id").asText(e.getKey()), e.getValue()));
            JsonNode errors = answer.path("errors");
            errors.fields().forEachRemaining(e -> {
                if (e.getValue().path("status").asInt() != 404) {
                    throw new IllegalStateException("BATCH_GET of " + e.getKey() + " failed: " + e.getValue());
                }
            });
        }
        return live;
    }

    /** Every live lead id of one owner and lead type submitted at or after {@code fromMillis}, by the owner finder. */
    List<String> findIds(String ownerKey, String ownerUrn, String leadType, long fromMillis) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String owner = "(" + ownerKey + ":" + URLEncoder.encode(ownerUrn, StandardCharsets.UTF_8) + ")";
        for (int start = 0, page = 0; page < 1000; start += 1000, page++) {
            JsonNode answer = ok("GET", "/rest/leadFormResponses?q=owner&owner=" + owner + "&leadType=(leadType:" + leadType + ")"
                    + "&submittedAtTimeRange=(start:" + fromMillis + ")&count=1000&start=" + start + "&fields=id", null);
            answer.path("elements").forEach(e -> ids.add(e.path("id").asText()));
            if (start + 1000 >= answer.path("paging").path("total").asInt()) {
                break;
            }
        }
        return ids;
    }

    private static String restLiString(String id) {
        // lead ids are UUIDs with a suffix: nothing Rest.li reserves, nothing to encode
        if (!id.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException("Unexpected lead id " + id);
        }
        return id;
    }
}
