package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.fixtureText;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static io.leadsync.sandbox.SandboxTestSupport.rest;
import static io.leadsync.sandbox.SandboxTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP side of dmpSegments: methods, scope, status codes and envelopes (the segment logic is DmpSegments'). */
class LinkedInSandboxDmpRoutesTest {

    private static LinkedInSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).leads(0).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void createAnswers201WithRestliId() {
        HttpResponse<String> created = send(rest(sandbox, "/dmpSegments", token)
                .POST(HttpRequest.BodyPublishers.ofString(fixtureText("dmp-segment-create.json"))));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("x-restli-id")).isPresent();
        assertThat(sandbox.stats().calls("CREATE dmpSegments", 201)).isEqualTo(1);
    }

    @Test
    void accountFinderAnswersAPage() {
        HttpResponse<String> page = SandboxTestSupport.get(sandbox,
                "/dmpSegments?q=account&account=urn%3Ali%3AsponsoredAccount%3A507857085&sourcePlatform=LEADSYNC", token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json(page).get("elements").isArray()).isTrue();
        assertThat(json(page).get("paging").has("total")).isTrue();
        assertThat(SandboxTestSupport.get(sandbox, "/dmpSegments?q=account&account=urn:li:sponsoredAccount:507857085", token)
                .statusCode()).as("unencoded URN").isEqualTo(400);
    }

    @Test
    void batchNeedsBatchCreateAndTheScope() {
        String body = SandboxTestSupport.fixture("dmp-users-batch.json").get("request").toString();
        HttpResponse<String> plainPost = send(rest(sandbox, "/dmpSegments/9821736/users", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(plainPost.statusCode()).isEqualTo(400);
        assertThat(json(plainPost).get("message").asText()).contains("X-RestLi-Method");

        String noDmp = json(SandboxTestSupport.admin(sandbox, "POST", "tokens", "{\"scope\":\"r_ads\"}")).get("access_token").asText();
        HttpResponse<String> denied = send(rest(sandbox, "/dmpSegments/9821736/users", noDmp).header("X-RestLi-Method", "BATCH_CREATE")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("message").asText()).startsWith("Not enough permissions to access: dmpSegments.users.BATCH_CREATE.");
    }
}
