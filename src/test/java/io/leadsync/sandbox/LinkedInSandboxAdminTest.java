package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.admin;
import static io.leadsync.sandbox.SandboxTestSupport.fieldNames;
import static io.leadsync.sandbox.SandboxTestSupport.fixture;
import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API: tokens, world, and lead submission now or at a rate. */
class LinkedInSandboxAdminTest {

    private static LinkedInSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).leads(40).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void tokensHaveTheTokenResponseShapeAndEveryScope() {
        JsonNode tokens = json(admin(sandbox, "POST", "tokens", null));
        assertThat(fieldNames(tokens)).containsExactlyInAnyOrderElementsOf(fieldNames(fixture("token-response.json")));
        assertThat(tokens.get("scope").asText().split(",")).contains("r_ads", "rw_ads", "r_marketing_leadgen_automation",
                "r_organization_admin", "r_events", "rw_dmp_segments", "openid", "profile");
        assertThat(get(sandbox, "/adAccounts/507857085", tokens.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void worldShowsMemberAccountsPagesEventsAndFormVersions() {
        JsonNode world = json(admin(sandbox, "GET", "world", null));
        assertThat(world.get("member").get("urn").asText()).isEqualTo("urn:li:person:aB3dE5fG7h");
        assertThat(world.get("member").get("name").asText()).isEqualTo("Dana Reyes");
        assertThat(world.get("adAccounts")).hasSize(2);
        assertThat(world.get("organizations")).extracting(o -> o.get("id").asLong()).containsExactly(2414183L, 2414190L);
        assertThat(world.get("organizationAcls")).extracting(a -> a.get("role").asText())
                .containsExactly("LEAD_GEN_FORMS_MANAGER", "ADMINISTRATOR");
        assertThat(world.get("events").get(0).get("name").get("localized").get("en_US").asText()).isEqualTo("Northwind Data Summit");
        List<String> types = new ArrayList<>();
        world.get("forms").forEach(f -> types.add(f.get("id").asLong() + ":" + f.get("leadType").asText() + ":" + f.get("state").asText()));
        assertThat(types).containsExactly("7234246:SPONSORED:PUBLISHED", "7234255:SPONSORED:ARCHIVED", "7234300:EVENT:PUBLISHED",
                "7234310:COMPANY:PUBLISHED", "7234320:ORGANIZATION_PRODUCT:PUBLISHED");
        assertThat(world.has("dmpSegments")).isTrue();
    }

    @Test
    void leadsAtARateAreListedUpFrontAndArriveOverTime() {
        HttpResponse<String> response = admin(sandbox, "POST", "forms/7234320/leads", "{\"count\":3,\"test\":false,\"perSecond\":20}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ids = json(response).get("leadIds");
        assertThat(ids).hasSize(3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ids.forEach(id ->
                assertThat(get(sandbox, "/leadFormResponses/" + id.asText(), token).statusCode()).isEqualTo(200)));
        JsonNode lead = json(get(sandbox, "/leadFormResponses/" + ids.get(2).asText(), token));
        assertThat(lead.get("leadType").asText()).isEqualTo("ORGANIZATION_PRODUCT");
        assertThat(lead.get("testLead").asBoolean()).isFalse();
        assertThat(lead.get("owner").get("organization").asText()).isEqualTo("urn:li:organization:2414190");
    }

    @Test
    void corruptAnswersBreakTheFirstKLeadsAndListTheirIds() {
        HttpResponse<String> response = admin(sandbox, "POST", "forms/7234246/leads", "{\"count\":3,\"corruptAnswers\":1}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ids = json(response).get("leadIds");
        assertThat(json(response).get("corruptLeadIds")).containsExactly(ids.get(0));
        JsonNode form = json(get(sandbox, "/leadForms/7234246", token));
        JsonNode broken = json(get(sandbox, "/leadFormResponses/" + ids.get(0).asText(), token)).get("formResponse").get("answers");
        JsonNode good = json(get(sandbox, "/leadFormResponses/" + ids.get(1).asText(), token)).get("formResponse").get("answers");

        // 707234246 is the form's multiple-choice question (options 0-2), 307234246 its first text question (max 300)
        assertThat(answer(broken, 707234246L).at("/answerDetails/multipleChoiceAnswer/options/0").asInt()).isGreaterThan(1000);
        assertThat(answer(good, 707234246L).at("/answerDetails/multipleChoiceAnswer/options/0").asInt()).isBetween(0, 2);
        assertThat(answer(broken, 307234246L).at("/answerDetails/textQuestionAnswer/answer").asText()).hasSizeGreaterThan(300);
        List<Long> questionIds = new ArrayList<>();
        form.get("content").get("questions").forEach(q -> questionIds.add(q.get("questionId").asLong()));
        List<Long> brokenIds = new ArrayList<>();
        broken.forEach(a -> brokenIds.add(a.get("questionId").asLong()));
        assertThat(brokenIds).filteredOn(id -> !questionIds.contains(id)).hasSize(1);
        assertThat(admin(sandbox, "POST", "forms/7234246/leads", "{\"count\":1,\"corruptAnswers\":2}").statusCode()).isEqualTo(400);
    }

    private static JsonNode answer(JsonNode answers, long questionId) {
        for (JsonNode answer : answers) {
            if (answer.get("questionId").asLong() == questionId) {
                return answer;
            }
        }
        throw new AssertionError("no answer to question " + questionId);
    }

    @Test
    void unknownFormsLeadsAndEndpointsAre404() {
        assertThat(admin(sandbox, "POST", "forms/1/leads", "{\"count\":1}").statusCode()).isEqualTo(404);
        assertThat(admin(sandbox, "DELETE", "leads/nope", null).statusCode()).isEqualTo(404);
        assertThat(admin(sandbox, "GET", "nothing", null).statusCode()).isEqualTo(404);
        assertThat(admin(sandbox, "POST", "tokens/revoke", "{\"token\":\"unknown\"}").statusCode()).isEqualTo(404);
    }
}
