package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.enc;
import static io.leadsync.sandbox.SandboxTestSupport.fieldNames;
import static io.leadsync.sandbox.SandboxTestSupport.fixture;
import static io.leadsync.sandbox.SandboxTestSupport.form;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static io.leadsync.sandbox.SandboxTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 3-legged OAuth flow: consent page, decision, code exchange, refresh, introspection, userinfo. */
class LinkedInSandboxOAuthTest {

    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private static LinkedInSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).leads(10).clock(CLOCK).build().start();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void consentPageNamesAppAndMemberAndListsScopesWithAllowAndCancel() {
        HttpResponse<String> page = authorize("r_ads r_marketing_leadgen_automation,r_events", "st-1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("sandbox-client", "Dana Reyes", "<code>r_ads</code>",
                "<code>r_marketing_leadgen_automation</code>", "<code>r_events</code>",
                "action=\"/oauth/v2/authorization/decision\"", "value=\"allow\">Allow", "value=\"cancel\">Cancel");
    }

    @Test
    void cancelRedirectsWithUserCancelledLoginAndState() {
        HttpResponse<String> redirect = decide(requestId(authorize("r_ads", "st-cancel")), "cancel");
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?error=user_cancelled_login&error_description=").endsWith("&state=st-cancel");
    }

    @Test
    void codeIsOneTimeAndTokensHaveLinkedInLifetimes() {
        String code = allow("r_ads r_marketing_leadgen_automation", "st-2");
        HttpResponse<String> first = form(sandbox.oauthBaseUrl() + "/accessToken", codeGrant(code, REDIRECT));
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode tokens = json(first);
        assertThat(fieldNames(tokens)).containsExactlyInAnyOrderElementsOf(fieldNames(fixture("token-response.json")));
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(5_184_000L);
        assertThat(tokens.get("refresh_token_expires_in").asLong()).isEqualTo(31_536_000L);
        assertThat(tokens.get("scope").asText()).isEqualTo("r_ads,r_marketing_leadgen_automation");

        HttpResponse<String> again = form(sandbox.oauthBaseUrl() + "/accessToken", codeGrant(code, REDIRECT));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again)).isEqualTo(fixture("token-error-invalid-grant.json"));
    }

    @Test
    void codeNeedsTheSameRedirectUriAndClientCredentials() {
        String code = allow("r_ads", "st-3");
        assertThat(json(form(sandbox.oauthBaseUrl() + "/accessToken", codeGrant(code, "http://127.0.0.1:9/other")))
                .get("error").asText()).isEqualTo("invalid_grant");
        HttpResponse<String> badClient = form(sandbox.oauthBaseUrl() + "/accessToken", "grant_type=authorization_code&code="
                + enc(allow("r_ads", "st-4")) + "&redirect_uri=" + enc(REDIRECT) + "&client_id=sandbox-client&client_secret=wrong");
        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(json(badClient).get("error").asText()).isEqualTo("invalid_client");
        assertThat(badClient.body()).doesNotContain("wrong");
    }

    @Test
    void refreshGivesNewAccessTokenSameRefreshTokenAndRefreshExpiryFromFirstGrant() {
        JsonNode first = json(form(sandbox.oauthBaseUrl() + "/accessToken", codeGrant(allow("r_ads", "st-5"), REDIRECT)));
        CLOCK.advance(Duration.ofDays(10));
        HttpResponse<String> refreshed = form(sandbox.oauthBaseUrl() + "/accessToken", "grant_type=refresh_token&refresh_token="
                + enc(first.get("refresh_token").asText()) + "&client_id=sandbox-client&client_secret=sandbox-client-secret-0001");
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonNode second = json(refreshed);
        assertThat(second.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
        assertThat(second.get("refresh_token").asText()).isEqualTo(first.get("refresh_token").asText());
        assertThat(second.get("expires_in").asLong()).isEqualTo(5_184_000L);
        assertThat(second.get("refresh_token_expires_in").asLong()).isEqualTo(31_536_000L - Duration.ofDays(10).toSeconds());

        sandbox.revokeToken(first.get("refresh_token").asText());
        HttpResponse<String> revoked = form(sandbox.oauthBaseUrl() + "/accessToken", "grant_type=refresh_token&refresh_token="
                + enc(first.get("refresh_token").asText()) + "&client_id=sandbox-client&client_secret=sandbox-client-secret-0001");
        assertThat(revoked.statusCode()).isEqualTo(400);
        assertThat(json(revoked).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void introspectionReportsActiveExpiredAndRevoked() {
        LinkedInSandbox.Tokens tokens = sandbox.issueTokens();
        JsonNode active = introspect(tokens.accessToken());
        assertThat(fieldNames(active)).containsExactlyInAnyOrderElementsOf(fieldNames(fixture("introspect-active.json")));
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("expires_at").asLong() - active.get("created_at").asLong()).isEqualTo(5_184_000L);

        sandbox.expireToken(tokens.accessToken());
        JsonNode expired = introspect(tokens.accessToken());
        assertThat(fieldNames(expired)).containsExactlyInAnyOrderElementsOf(fieldNames(fixture("introspect-expired.json")));
        assertThat(expired.get("active").asBoolean()).isFalse();
        assertThat(expired.get("status").asText()).isEqualTo("expired");

        String other = sandbox.issueTokens().accessToken();
        sandbox.revokeToken(other);
        assertThat(introspect(other).get("status").asText()).isEqualTo("revoked");
    }

    @Test
    void userinfoHasTheFixtureShapeAndNeedsAValidToken() {
        String token = sandbox.issueTokens().accessToken();
        HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(sandbox.legacyBaseUrl() + "/userinfo"))
                .header("Authorization", "Bearer " + token));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok)).isEqualTo(fixture("userinfo.json"));
        HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(sandbox.legacyBaseUrl() + "/userinfo"))
                .header("Authorization", "Bearer nope"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(bad).get("serviceErrorCode").asInt()).isEqualTo(65600);
    }

    @Test
    void autoApproveRedirectsWithACodeAtOnce() {
        try (LinkedInSandbox auto = LinkedInSandbox.builder().port(0).leads(0).autoApproveConsent(true).build().start()) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(auto.oauthBaseUrl()
                    + "/authorization?response_type=code&client_id=sandbox-client&redirect_uri=" + enc(REDIRECT)
                    + "&scope=r_ads&state=xyz")));
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).matches(Pattern.quote(REDIRECT) + "\\?code=[^&]+&state=xyz");
        }
    }

    @Test
    void wrongClientIdIsRefusedWithoutRedirect() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox.oauthBaseUrl()
                + "/authorization?response_type=code&client_id=someone-else&redirect_uri=" + enc(REDIRECT) + "&scope=r_ads")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    private static HttpResponse<String> authorize(String scope, String state) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.oauthBaseUrl() + "/authorization?response_type=code"
                + "&client_id=sandbox-client&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc(scope) + "&state=" + enc(state))));
    }

    private static String requestId(HttpResponse<String> page) {
        Matcher m = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("consent page carries a request id").isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> decide(String requestId, String decision) {
        return form(sandbox.oauthBaseUrl() + "/authorization/decision", "request_id=" + enc(requestId) + "&decision=" + decision);
    }

    private static String allow(String scope, String state) {
        HttpResponse<String> redirect = decide(requestId(authorize(scope, state)), "allow");
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        Map<String, String> query = SandboxRequest.formDecode(URI.create(location).getRawQuery());
        assertThat(query.get("state")).isEqualTo(state);
        return query.get("code");
    }

    private static String codeGrant(String code, String redirectUri) {
        return "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
                + "&client_id=sandbox-client&client_secret=sandbox-client-secret-0001";
    }

    private static JsonNode introspect(String token) {
        return json(form(sandbox.oauthBaseUrl() + "/introspectToken",
                "client_id=sandbox-client&client_secret=sandbox-client-secret-0001&token=" + enc(token)));
    }
}
