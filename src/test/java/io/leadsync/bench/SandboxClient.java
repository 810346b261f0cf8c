package io.leadsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The standalone sandbox as the benchmark talks to it: its admin API ({@code /_sandbox/...}) and LinkedIn's lead finder
 * ({@code GET /rest/leadFormResponses?q=owner}) with the headers LinkedIn requires. Loopback only.
 */
final class SandboxClient {

    static final String VERSION = "202610";
    /** The projection the connector asks for (LeadFormResponseQuery.ENRICHED_FIELDS): one call per page, forms inline. */
    static final String ENRICHED_FIELDS = "id,leadType,owner,submitter,submittedAt,testLead,versionedLeadGenFormUrn,"
            + "associatedEntity,leadMetadata,formResponse,ownerInfo,leadMetadataInfo,associatedEntityInfo,"
            + "form:(id,versionId,name,hiddenFields,content)";
    static final ObjectMapper JSON = new ObjectMapper();

    /** One owner and lead type: a stream with its own watermark in the connector. */
    record Stream(String ownerKey, String ownerUrn, String leadType) {
        String describe() {
            return leadType + " " + ownerUrn;
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SandboxClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode world() throws IOException, InterruptedException {
        return get("/_sandbox/world");
    }

    JsonNode stats() throws IOException, InterruptedException {
        return get("/_sandbox/stats");
    }

    void resetStats() throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/stats")).DELETE(), 200, 204);
    }

    String accessToken() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/tokens")).POST(HttpRequest.BodyPublishers.ofString("{}")), 200)
                .get("access_token").asText();
    }

    /** Submits leads at a rate; answers their ids in submission order. */
    List<String> submitLeads(long formId, int count, double perSecond, boolean test) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("count", count).put("perSecond", perSecond).put("test", test);
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/forms/" + formId + "/leads"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 200, 201);
        JsonNode ids = answer.has("ids") ? answer.get("ids") : answer.get("leadIds");
        List<String> out = new ArrayList<>();
        if (ids == null) {
            throw new IOException("the sandbox answered no lead ids: " + answer);
        }
        ids.forEach(id -> out.add(id.asText()));
        return out;
    }

    /** The streams that have lead forms, from the world's forms (owner and lead type). */
    static List<Stream> streamsWithForms(JsonNode world) {
        Set<Stream> streams = new LinkedHashSet<>();
        for (JsonNode form : world.get("forms")) {
            JsonNode owner = form.get("owner");
            String key = owner.fieldNames().next();
            streams.add(new Stream(key, owner.get(key).asText(), form.get("leadType").asText()));
        }
        return new ArrayList<>(streams);
    }

    /** The URL of one page of the lead finder. */
    String finderUrl(Stream stream, long windowStart, long windowEnd, int start, int count, String fields, String versionedForm) {
        StringBuilder url = new StringBuilder(baseUrl).append("/rest/leadFormResponses?q=owner&owner=(").append(stream.ownerKey())
                .append(':').append(encode(stream.ownerUrn())).append(")&leadType=(leadType:").append(stream.leadType()).append(')');
        if (versionedForm != null) {
            url.append("&versionedLeadGenFormUrn=").append(encode(versionedForm));
        }
        url.append("&submittedAtTimeRange=(start:").append(windowStart).append(",end:").append(windowEnd).append(')')
                .append("&start=").append(start).append("&count=").append(count);
        if (fields != null) {
            url.append("&fields=").append(fields);
        }
        return url.toString();
    }

    HttpRequest finderRequest(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("LinkedIn-Version", VERSION).header("X-Restli-Protocol-Version", "2.0.0").GET().build();
    }

    /** {@code paging.total} of the finder for that stream (and form version) and window: one call with count 1. */
    long total(String token, Stream stream, long windowStart, long windowEnd, String versionedForm) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = http.send(finderRequest(finderUrl(stream, windowStart, windowEnd, 0, 1, "id", versionedForm), token),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException("finder answered " + answer.statusCode() + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        }
        JsonNode paging = JSON.readTree(answer.body()).path("paging");
        if (!paging.has("total")) {
            throw new IOException("the sandbox's finder gave no paging.total");
        }
        return paging.get("total").asLong();
    }

    HttpClient http() {
        return http;
    }

    /** Encodes a value inside a Rest.li record: everything but unreserved characters, so {@code : ( ) , '} too. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int... expected) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        for (int code : expected) {
            if (answer.statusCode() == code) {
                return answer.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            }
        }
        throw new IOException(request.build().uri().getPath() + " answered " + answer.statusCode() + ": " + answer.body());
    }
}
