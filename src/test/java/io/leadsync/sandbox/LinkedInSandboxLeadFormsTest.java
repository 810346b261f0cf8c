package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static io.leadsync.sandbox.SandboxTestSupport.rest;
import static io.leadsync.sandbox.SandboxTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating and editing lead forms: 201 + x-restli-id, new versions on published content changes, archiving. */
class LinkedInSandboxLeadFormsTest {

    private static final String NEW_FORM = """
            {"name":"Webinar sign-up","state":"PUBLISHED","owner":{"sponsoredAccount":"urn:li:sponsoredAccount:507857085"},
             "creationLocale":{"country":"US","language":"en"},"hiddenFields":[{"name":"utm_source","value":"linkedin"}],
             "content":{"headline":{"localized":{"en_US":"Join us"}},"questions":[
               {"name":"First name","question":{"localized":{"en_US":"First name"}},"predefinedField":"FIRST_NAME",
                "responseRequired":true,"questionDetails":{"textQuestionDetails":{"maxResponseLength":300}}},
               {"name":"Email","question":{"localized":{"en_US":"Email"}},"predefinedField":"EMAIL",
                "responseRequired":true,"questionDetails":{"textQuestionDetails":{"maxResponseLength":300}}}],
              "legalInfo":{"privacyPolicyUrl":"https://northwind.example.com/privacy","consents":[]}}}
            """;
    private static LinkedInSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).leads(100).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void createAnswers201WithIdAndTheFormIsServed() {
        HttpResponse<String> created = send(rest(sandbox, "/leadForms", token).POST(HttpRequest.BodyPublishers.ofString(NEW_FORM)));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.headers().firstValue("x-restli-id").orElseThrow();
        JsonNode form = json(get(sandbox, "/leadForms/" + id, token));
        assertThat(form.get("name").asText()).isEqualTo("Webinar sign-up");
        assertThat(form.get("versionId").asInt()).isEqualTo(1);
        assertThat(form.get("content").get("questions")).allSatisfy(q -> assertThat(q.get("questionId").asLong()).isPositive());
    }

    @Test
    void editingPublishedContentCreatesAVersionAndKeepsTheOldOne() {
        String id = send(rest(sandbox, "/leadForms", token).POST(HttpRequest.BodyPublishers.ofString(NEW_FORM)))
                .headers().firstValue("x-restli-id").orElseThrow();
        JsonNode v1 = json(get(sandbox, "/leadForms/" + id, token));
        var content = (com.fasterxml.jackson.databind.node.ObjectNode) v1.get("content").deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) content.get("questions")).addObject()
                .put("name", "Company").put("predefinedField", "COMPANY_NAME").put("responseRequired", false)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("question", SeededForms.localized("en_US", "Company"))
                .putObject("questionDetails").putObject("textQuestionDetails").put("maxResponseLength", 300);
        assertThat(partialUpdate(id, "{\"patch\":{\"$set\":{\"content\":" + content + "}}}", "partial_update").statusCode()).isEqualTo(204);
        JsonNode v2 = json(get(sandbox, "/leadForms/" + id, token));
        assertThat(v2.get("versionId").asInt()).isEqualTo(2);
        assertThat(v2.get("content").get("questions")).hasSize(3);

        assertThat(partialUpdate(id, "{\"patch\":{\"$set\":{\"name\":\"Renamed\"}}}", "PARTIAL_UPDATE").statusCode()).isEqualTo(204);
        assertThat(json(get(sandbox, "/leadForms/" + id, token)).get("versionId").asInt()).as("a rename is not a new version").isEqualTo(2);

        String leadId = sandbox.submitLeads(Long.parseLong(id), 1, true).get(0);
        JsonNode lead = json(get(sandbox, "/leadFormResponses/" + leadId + "?fields=id,versionedLeadGenFormUrn,form:(versionId,content)", token));
        assertThat(lead.get("versionedLeadGenFormUrn").asText()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + id + ",2)");
        assertThat(lead.get("form").get("content").get("questions")).hasSize(3);
        JsonNode world = json(SandboxTestSupport.admin(sandbox, "GET", "world", null));
        for (JsonNode f : world.get("forms")) {
            if (f.get("id").asText().equals(id)) {
                assertThat(f.get("versions")).hasSize(2);
            }
        }
    }

    @Test
    void archiveSetsStateAndBlocksContentEdits() {
        String id = send(rest(sandbox, "/leadForms", token).POST(HttpRequest.BodyPublishers.ofString(NEW_FORM)))
                .headers().firstValue("x-restli-id").orElseThrow();
        assertThat(partialUpdate(id, "{\"patch\":{\"$set\":{\"state\":\"ARCHIVED\"}}}", "PARTIAL_UPDATE").statusCode()).isEqualTo(204);
        JsonNode form = json(get(sandbox, "/leadForms/" + id, token));
        assertThat(form.get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(form.get("versionId").asInt()).isEqualTo(1);
        HttpResponse<String> edit = partialUpdate(id, "{\"patch\":{\"content\":{\"$set\":{\"headline\":{\"localized\":{\"en_US\":\"x\"}}}}}}",
                "PARTIAL_UPDATE");
        assertThat(edit.statusCode()).isEqualTo(400);
    }

    @Test
    void writesNeedRwAdsAndValidBodies() {
        String readOnly = json(SandboxTestSupport.admin(sandbox, "POST", "tokens",
                "{\"scope\":\"r_marketing_leadgen_automation r_ads\"}")).get("access_token").asText();
        HttpResponse<String> denied = send(rest(sandbox, "/leadForms", readOnly).POST(HttpRequest.BodyPublishers.ofString(NEW_FORM)));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("message").asText()).startsWith("Not enough permissions to access: leadForms.CREATE.");
        HttpResponse<String> noQuestions = send(rest(sandbox, "/leadForms", token).POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"x\",\"owner\":{\"sponsoredAccount\":\"urn:li:sponsoredAccount:507857085\"},\"content\":{}}")));
        assertThat(noQuestions.statusCode()).isEqualTo(400);
        assertThat(json(noQuestions).get("message").asText()).contains("questions");
        HttpResponse<String> readOnlyField = partialUpdate("7234246", "{\"patch\":{\"$set\":{\"versionId\":9}}}", "PARTIAL_UPDATE");
        assertThat(readOnlyField.statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> partialUpdate(String id, String patch, String methodHeader) {
        return send(rest(sandbox, "/leadForms/" + id, token).header("X-RestLi-Method", methodHeader)
                .POST(HttpRequest.BodyPublishers.ofString(patch)));
    }
}
