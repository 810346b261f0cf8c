package io.leadsync.app.signoff;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;

/**
 * What LinkedIn itself holds, read past the app: raw form JSON over HTTP and the leads of each form, with a token
 * of its own from the sandbox's admin API ({@code POST /_sandbox/tokens}). The steps compare the app's tables and
 * answers with these.
 */
final class SandboxReader {

    private final LinkedInSandbox sandbox;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxReader(LinkedInSandbox sandbox) {
        this.sandbox = sandbox;
        this.token = sandbox.issueTokens().accessToken();
    }

    /** {@code GET /rest/leadForms/{id}} as LinkedIn answers it. */
    JsonNode rawForm(long formId) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.restBaseUrl() + "/leadForms/" + formId))
                .header("Authorization", "Bearer " + token).header("LinkedIn-Version", "202610").header("X-Restli-Protocol-Version", "2.0.0")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /rest/leadForms/" + formId + " answered " + answer.statusCode());
        }
        return new ObjectMapper().readTree(answer.body());
    }

    /** Per lead id of the form, its submittedAt, for leads submitted in {@code [from, to]}. */
    Map<String, Long> leads(JsonNode form, long from, long to) {
        JsonNode owner = form.get("owner");
        LeadOwner leadOwner = LeadOwner.of(owner.has("sponsoredAccount") ? owner.get("sponsoredAccount").asText() : owner.get("organization").asText());
        long formId = form.get("id").asLong();
        LeadFormResponseQuery query = LeadFormResponseQuery.of(leadOwner, LeadType.valueOf(form.get("leadType").asText()))
                .withSubmittedAtTimeRange(from, to);
        Map<String, Long> leads = new LinkedHashMap<>();
        api().leadFormResponses(query).filter(l -> l.versionedForm().formId() == formId).forEach(l -> leads.put(l.id(), l.submittedAt()));
        return leads;
    }

    private LinkedInApi api() {
        return LinkedInApi.builder().tokenProvider(new StaticTokenProvider(token))
                .settings(LinkedInApiSettings.builder().restBaseUrl(sandbox.restBaseUrl()).legacyBaseUrl(sandbox.legacyBaseUrl())
                        .oauthBaseUrl(sandbox.oauthBaseUrl()).build()).build();
    }
}
