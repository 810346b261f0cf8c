package io.leadsync.sandbox.campaignmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.sandbox.LinkedInSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Campaign Manager over HTTP: accounts with their status, forms with state and versions, the preview,
 * Generate test lead, a form filled in by hand (the lead LinkedIn then serves carries exactly those answers), its
 * checks, the lead list and Withdraw, an event registration, and the consent page's plain-words scopes.
 */
class CampaignManagerPagesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WHITEPAPER = 7234246L;

    private static LinkedInSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).seed(42L).leads(200).build().start();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void accountsAndPagesWithStatusRolesFormsAndEvents() throws Exception {
        HttpResponse<String> root = get("/campaignmanager");
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue("/campaignmanager/accounts");

        String accounts = get("/campaignmanager/accounts").body();
        assertThat(accounts).contains("Northwind Ads", "ACTIVE", "Northwind EMEA", "CANCELED", "CAMPAIGN_MANAGER", "VIEWER")
                .contains("Northwind Traders", "LEAD_GEN_FORMS_MANAGER", "Northwind Products", "ADMINISTRATOR")
                .contains("<style>").doesNotContain("http://cdn", "https://cdn");

        String forms = get("/campaignmanager/accounts/507857085/forms").body();
        assertThat(forms).contains("Northwind whitepaper Q1", "PUBLISHED", "v1 (", "v2 (", "v3 (", "Demo request", "ARCHIVED",
                "Q1 whitepaper: 2026 data report");

        String page = get("/campaignmanager/pages/2414183").body();
        assertThat(page).contains("Organic lead gen forms", "Northwind newsletter", "Northwind Data Summit registration", "Northwind Data Summit");
        assertThat(get("/campaignmanager/accounts/1/forms").statusCode()).isEqualTo(404);
    }

    @Test
    void previewShowsPredefinedFieldsCustomQuestionsWithOptionsHiddenFieldsAndConsents() throws Exception {
        String preview = get("/campaignmanager/forms/" + WHITEPAPER).body();
        assertThat(preview).contains("Predefined fields", "WORK_EMAIL", "FIRST_NAME", "COUNTRY")
                .contains("Custom questions", "Multiple choice", "(option 0)")
                .contains("Hidden fields", "utm_source", "linkedin", "utm_campaign", "q1-whitepaper")
                .contains("Consents", "I agree to receive the report by email.", "must be checked", "Send me product news.")
                .contains("Generate test lead");
        // an older version, as leads submitted on it were
        String v1 = get("/campaignmanager/forms/" + WHITEPAPER + "?version=1").body();
        assertThat(v1).doesNotContain("COUNTRY").doesNotContain("Send me product news.");
    }

    @Test
    void generateTestLeadRedirectsBackWithAConfirmationAndTheLeadIsATestLead() throws Exception {
        HttpResponse<String> generated = post("/campaignmanager/forms/" + WHITEPAPER + "/test-leads", Map.of());
        assertThat(generated.statusCode()).isEqualTo(303);
        String location = generated.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/campaignmanager/forms/" + WHITEPAPER + "?generated=");
        String leadId = java.net.URLDecoder.decode(location.substring(location.indexOf('=') + 1), StandardCharsets.UTF_8);
        assertThat(get(location).body()).contains("Test lead " + leadId + " generated");
        assertThat(lead(leadId).path("testLead").asBoolean()).isTrue();
    }

    @Test
    void aFormFilledInByHandBecomesALeadWithExactlyThoseAnswersAndCanBeWithdrawn() throws Exception {
        String fill = get("/campaignmanager/forms/" + WHITEPAPER + "/fill?utm_source=newsletter").body();
        assertThat(fill).contains("name=\"q307234248\"", "type=\"email\"", "type=\"radio\"", "name=\"consent0\"", "required")
                .contains("name=\"hidden_utm_source\" value=\"newsletter\"", "name=\"hidden_utm_campaign\" value=\"q1-whitepaper\"");
        JsonNode question = choiceQuestion();
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("q307234246", "Ada");
        answers.put("q307234247", "Lovelace");
        answers.put("q307234248", "ada@analytical.example");
        answers.put("q" + question.path("questionId").asLong(), "1");
        answers.put("consent0", "yes");

        HttpResponse<String> submitted = post("/campaignmanager/forms/" + WHITEPAPER + "/fill", answers);

        assertThat(submitted.statusCode()).isEqualTo(303);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/campaignmanager/forms/" + WHITEPAPER + "/leads?submitted=");
        String leadId = java.net.URLDecoder.decode(location.substring(location.indexOf('=') + 1), StandardCharsets.UTF_8);
        JsonNode lead = lead(leadId);
        assertThat(lead.path("testLead").asBoolean()).isFalse();
        assertThat(lead.path("versionedLeadGenFormUrn").asText()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)");
        Map<Long, String> given = new LinkedHashMap<>();
        for (JsonNode a : lead.path("formResponse").path("answers")) {
            JsonNode d = a.path("answerDetails");
            given.put(a.path("questionId").asLong(), d.has("multipleChoiceAnswer") ? "option " + d.path("multipleChoiceAnswer").path("options").get(0).asInt()
                    : d.path("textQuestionAnswer").path("answer").asText());
        }
        assertThat(given).containsExactly(Map.entry(307234246L, "Ada"), Map.entry(307234247L, "Lovelace"),
                Map.entry(307234248L, "ada@analytical.example"), Map.entry(question.path("questionId").asLong(), "option 1"));
        assertThat(lead.path("formResponse").path("consentResponses").toString()).isEqualTo("[{\"consentId\":0,\"accepted\":true},{\"consentId\":1,\"accepted\":false}]");

        String list = get(location).body();
        assertThat(list).contains("Lead " + leadId + " submitted", "Ada Lovelace &lt;ada@analytical.example&gt;", "Withdraw");

        HttpResponse<String> withdrawn = post("/campaignmanager/leads/" + leadId + "/withdraw",
                Map.of("back", "/campaignmanager/forms/" + WHITEPAPER + "/leads"));
        assertThat(withdrawn.statusCode()).isEqualTo(303);
        assertThat(withdrawn.headers().firstValue("Location")).hasValue("/campaignmanager/forms/" + WHITEPAPER + "/leads?withdrawn="
                + URLEncoder.encode(leadId, StandardCharsets.UTF_8));
        assertThat(rest("/leadFormResponses/" + leadId).statusCode()).as("LinkedIn no longer serves a withdrawn lead").isEqualTo(404);
        assertThat(get("/campaignmanager/forms/" + WHITEPAPER + "/leads").body()).doesNotContain("id=\"lead-" + leadId + "\"");
        assertThat(post("/campaignmanager/leads/" + leadId + "/withdraw", Map.of()).statusCode()).as("only once").isEqualTo(400);
    }

    @Test
    void aFormMissingARequiredAnswerOrConsentIsNotSubmittedAndSaysWhy() throws Exception {
        int before = sandbox.world().path("leadCount").asInt();
        HttpResponse<String> refused = post("/campaignmanager/forms/" + WHITEPAPER + "/fill", Map.of("q307234246", "Ada", "q307234248", "x".repeat(400)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Not submitted", "it is required", "Shorten", "the form requires it")
                .contains("value=\"Ada\"");
        assertThat(sandbox.world().path("leadCount").asInt()).isEqualTo(before);
        assertThat(post("/campaignmanager/forms/7234255/fill", Map.of()).statusCode()).as("an archived form").isEqualTo(400);
    }

    @Test
    void anEventPageTakesARegistrationAndCancelsIt() throws Exception {
        String event = get("/campaignmanager/events/7301000000000000001").body();
        assertThat(event).contains("Northwind Data Summit", "Register", "name=\"hidden_event\"");
        HttpResponse<String> registered = post("/campaignmanager/events/7301000000000000001/registrations",
                Map.of("q401", "Grace", "q402", "Hopper", "q403", "grace@navy.example"));
        assertThat(registered.statusCode()).isEqualTo(303);
        String location = registered.headers().firstValue("Location").orElseThrow();
        String leadId = java.net.URLDecoder.decode(location.substring(location.indexOf('=') + 1), StandardCharsets.UTF_8);
        JsonNode lead = lead(leadId);
        assertThat(lead.path("leadType").asText()).isEqualTo("EVENT");
        assertThat(lead.path("associatedEntity").path("event").asText()).isEqualTo("urn:li:event:7301000000000000001");
        assertThat(get(location).body()).contains("Registration " + leadId + " received", "Grace Hopper", "Cancel registration");
        assertThat(post("/campaignmanager/leads/" + leadId + "/withdraw", Map.of("back", "/campaignmanager/events/7301000000000000001"))
                .headers().firstValue("Location").orElseThrow()).startsWith("/campaignmanager/events/7301000000000000001?withdrawn=");
    }

    @Test
    void theConsentPageExplainsEachScopeInPlainWords() throws Exception {
        try (LinkedInSandbox consenting = LinkedInSandbox.builder().port(0).leads(10).build().start()) {
            String page = HTTP.send(HttpRequest.newBuilder(URI.create(consenting.oauthBaseUrl() + "/authorization?response_type=code&client_id="
                    + consenting.clientId() + "&redirect_uri=" + URLEncoder.encode("http://localhost:1/cb", StandardCharsets.UTF_8)
                    + "&state=s&scope=r_marketing_leadgen_automation%20r_ads")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("would like to access your LinkedIn account", "<style>", "name=\"viewport\"")
                    .contains("Read the leads people submit on your lead gen forms", "See your ad accounts, campaigns");
        }
    }

    /** The whitepaper form's multiple-choice question (fixtures/lead-form.json). */
    private static JsonNode choiceQuestion() {
        return JSON.createObjectNode().put("questionId", 707234246L);
    }

    private static JsonNode lead(String leadId) throws Exception {
        HttpResponse<String> answer = rest("/leadFormResponses/" + leadId);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> rest(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.restBaseUrl() + path)).header("Authorization", "Bearer " + token())
                .header("LinkedIn-Version", "202610").header("X-Restli-Protocol-Version", "2.0.0").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token;

    private static synchronized String token() {
        if (token == null) {
            token = sandbox.issueTokens().accessToken();
        }
        return token;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
