package io.leadsync.camel.linkedin.api;

import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.error;
import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.model.LeadForm;
import org.junit.jupiter.api.Test;

/** A 401 renews the token and replays exactly once; never a loop, never a token in a message. */
class TransportAuthTest extends ScriptedApiTestSupport {

    @Test
    void unauthorizedRenewsTheRejectedTokenAndReplaysOnce() {
        linkedIn.enqueue(error(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired"),
                json(200, "{\"id\":7234246,\"name\":\"Northwind whitepaper Q1\"}"));

        LeadForm form = api.leadForm(7234246);

        assertThat(form.name()).isEqualTo("Northwind whitepaper Q1");
        assertThat(tokens.rejected).containsExactly(TestTokens.FIRST);
        assertThat(linkedIn.requests()).hasSize(2);
        assertThat(linkedIn.requests().get(0).header("Authorization")).isEqualTo("Bearer " + TestTokens.FIRST);
        assertThat(linkedIn.requests().get(1).header("Authorization")).isEqualTo("Bearer " + TestTokens.RENEWED);
        assertThat(linkedIn.requests().get(1).path()).isEqualTo("/rest/leadForms/7234246");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void secondUnauthorizedSurfacesWithoutLooping() {
        linkedIn.enqueue(error(401, "INVALID_ACCESS_TOKEN", "Invalid access token"),
                error(401, "REVOKED_ACCESS_TOKEN", "The token used in the request has been revoked by the user"),
                json(200, "{\"id\":1}"));

        UnauthorizedException failure = catchThrowableOfType(() -> api.leadForm(1), UnauthorizedException.class);

        assertThat(linkedIn.requests()).hasSize(2);
        assertThat(tokens.rejected).hasSize(1);
        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.code()).isEqualTo("REVOKED_ACCESS_TOKEN");
        assertThat(failure.getMessage()).contains("revoked by the user").contains("GET /rest/leadForms/1");
        assertNoTokenIn(failure);
    }

    @Test
    void impossibleRenewalSurfacesAsReauthorizationRequired() {
        AccessTokenProvider noRefresh = new AccessTokenProvider() {
            @Override
            public String accessToken() {
                return TestTokens.FIRST;
            }

            @Override
            public String renewAfterUnauthorized(String rejectedToken) {
                throw new ReauthorizationRequiredException("no refresh token", "https://www.linkedin.com/oauth/v2/authorization?state=x");
            }
        };
        linkedIn.enqueue(error(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired"));
        LinkedInApi withoutRefresh = apiBuilder().tokenProvider(noRefresh).build();

        ReauthorizationRequiredException failure = catchThrowableOfType(withoutRefresh::userInfo, ReauthorizationRequiredException.class);

        assertThat(failure.authorizationUrl()).startsWith("https://www.linkedin.com/oauth/v2/authorization");
        assertThat(linkedIn.requests()).hasSize(1);
        assertNoTokenIn(failure);
    }

    @Test
    void requestToStringNeverShowsTheBearer() {
        ApiRequest request = ApiRequest.builder().path("/leadForms/1").header("Authorization", "Bearer " + TestTokens.FIRST).build();

        assertThat(request.toString()).contains("GET /rest/leadForms/1").contains("Authorization").doesNotContain(TestTokens.FIRST);
    }
}
