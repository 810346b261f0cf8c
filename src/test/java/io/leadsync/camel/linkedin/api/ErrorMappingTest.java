package io.leadsync.camel.linkedin.api;

import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LinkedIn's error bodies (fixtures/errors.json) become typed exceptions whose messages say what to do. */
class ErrorMappingTest extends ScriptedApiTestSupport {

    private static final Map<String, Class<? extends LinkedInApiException>> EXPECTED = Map.ofEntries(
            Map.entry("invalidToken", UnauthorizedException.class),
            Map.entry("revokedToken", UnauthorizedException.class),
            Map.entry("expiredToken", UnauthorizedException.class),
            Map.entry("emptyToken", UnauthorizedException.class),
            Map.entry("accessDenied", ForbiddenException.class),
            Map.entry("notFound", NotFoundException.class),
            Map.entry("illegalArgument", BadRequestException.class),
            Map.entry("versionSunset", VersionSunsetException.class),
            Map.entry("throttled", RateLimitedException.class),
            Map.entry("dailyQuota", DailyQuotaExceededException.class),
            Map.entry("serverError", ServerErrorException.class));

    private LinkedInApi noRetries;

    @BeforeEach
    void apiWithoutRetries() {
        noRetries = apiBuilder().settings(linkedIn.settings().toBuilder().retryPolicy(RetryPolicy.NONE).build()).build();
    }

    @Test
    void everyFixtureErrorMapsToItsTypeWithLinkedInsFieldsAndNoToken() throws IOException {
        JsonNode errors;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("fixtures/errors.json")) {
            errors = LinkedInJson.readTree(in.readAllBytes());
        }
        assertThat(errors.size()).isEqualTo(EXPECTED.size());
        errors.fields().forEachRemaining(entry -> {
            JsonNode body = entry.getValue();
            int status = body.get("status").asInt();
            // every 401 is answered twice: once for the call, once for its single replay
            int answers = status == 401 ? 2 : 1;
            for (int i = 0; i < answers; i++) {
                linkedIn.enqueue(json(status, body.toString()).withHeader("x-li-uuid", "req-" + entry.getKey()));
            }

            LinkedInApiException failure = catchThrowableOfType(() -> noRetries.leadForm(7234246), LinkedInApiException.class);

            assertThat(failure).as(entry.getKey()).isExactlyInstanceOf(EXPECTED.get(entry.getKey()));
            assertThat(failure.status()).isEqualTo(status);
            assertThat(failure.requestId()).isEqualTo("req-" + entry.getKey());
            assertThat(failure.method()).isEqualTo("GET");
            assertThat(failure.path()).isEqualTo("/rest/leadForms/7234246");
            assertThat(failure.linkedInMessage()).isEqualTo(body.get("message").asText());
            assertThat(failure.getMessage()).contains(body.get("message").asText()).contains("HTTP " + status)
                    .contains("GET /rest/leadForms/7234246").contains("request id req-" + entry.getKey());
            if (body.has("serviceErrorCode")) {
                assertThat(failure.serviceErrorCode()).isEqualTo(body.get("serviceErrorCode").asInt());
            }
            if (body.has("code")) {
                assertThat(failure.code()).isEqualTo(body.get("code").asText());
            }
            assertNoTokenIn(failure);
        });
    }

    @Test
    void versionSunsetNamesTheVersionAndTheSettingThatChangesIt() {
        LinkedInApi old = apiBuilder().settings(linkedIn.settings().toBuilder().version("202401").build()).build();
        linkedIn.enqueue(json(426, "{\"status\":426,\"code\":\"NONEXISTENT_VERSION\",\"message\":\"Requested version 20240101 is not active\"}"));

        VersionSunsetException failure = catchThrowableOfType(() -> old.leadForm(1), VersionSunsetException.class);

        assertThat(failure.version()).isEqualTo("202401");
        assertThat(failure.getMessage()).startsWith("LinkedIn API version 202401 is not active; set the `apiVersion` option"
                + " (camel.component.linkedin-leadsync.api-version) to a current YYYYMM version");
        assertThat(linkedIn.requests()).hasSize(1);
    }

    @Test
    void forbiddenNamesTheResourceAndTheMissingScopesAndRoles() {
        linkedIn.enqueue(json(403, "{\"status\":403,\"serviceErrorCode\":100,\"code\":\"ACCESS_DENIED\","
                + "\"message\":\"Not enough permissions to access: leadFormResponses.FINDER-owner.20260101\"}"));

        ForbiddenException failure = catchThrowableOfType(() -> noRetries.leadFormResponses(
                LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(1), LeadType.SPONSORED)).toList(), ForbiddenException.class);

        assertThat(failure.resource()).isEqualTo("leadFormResponses");
        assertThat(failure.requiredScopes()).containsExactly("r_marketing_leadgen_automation", "r_ads", "r_organization_admin");
        assertThat(failure.getMessage()).contains("leadFormResponses (FINDER-owner)")
                .contains("needs scope r_marketing_leadgen_automation r_ads r_organization_admin")
                .contains("LEAD_GEN_FORMS_MANAGER");
    }

    @Test
    void forbiddenWithoutLinkedInsHintNamesTheResourceOfThePath() {
        linkedIn.enqueue(json(403, "{\"status\":403,\"code\":\"ACCESS_DENIED\",\"message\":\"Access denied\"}"));

        ForbiddenException failure = catchThrowableOfType(() -> noRetries.dmpSegment(9821736), ForbiddenException.class);

        assertThat(failure.resource()).isEqualTo("dmpSegments");
        assertThat(failure.getMessage()).contains("dmpSegments").contains("rw_dmp_segments");
    }

    @Test
    void badRequestNamesTheParameterFromErrorDetails() {
        linkedIn.enqueue(json(400, "{\"status\":400,\"serviceErrorCode\":100,\"code\":\"ILLEGAL_ARGUMENT\","
                + "\"message\":\"Invalid param. Please see errorDetails for more information.\","
                + "\"errorDetails\":{\"inputErrors\":[{\"description\":\"Invalid value\",\"input\":{\"inputPath\":{\"fieldPath\":\"/submittedAtTimeRange\"}},\"code\":\"INVALID_VALUE\"}]}}"));

        BadRequestException failure = catchThrowableOfType(() -> noRetries.leadFormResponses(
                LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(1), LeadType.SPONSORED)).toList(), BadRequestException.class);

        assertThat(failure.parameter()).isEqualTo("submittedAtTimeRange");
        assertThat(failure.getMessage()).startsWith("LinkedIn rejected parameter `submittedAtTimeRange`: Invalid param.");
    }

    @Test
    void badRequestNamesTheParameterFromLinkedInsMessage() {
        linkedIn.enqueue(json(400, "{\"status\":400,\"code\":\"ILLEGAL_ARGUMENT\",\"message\":\"Invalid value for param: leadType\"}"),
                json(400, "{\"status\":400,\"message\":\"Unpermitted fields present in PARAMETER: Data Processing Exception while processing fields [/owner]\"}"),
                json(400, "{\"status\":400,\"code\":\"ILLEGAL_ARGUMENT\",\"message\":\"count must be at most 1000\"}"),
                json(400, "{\"status\":400,\"code\":\"VERSION_MISSING\",\"message\":\"A version must be present\"}"));
        LeadFormResponseQuery query = LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(1), LeadType.SPONSORED);

        assertThat(catchThrowableOfType(() -> noRetries.leadFormResponses(query).toList(), BadRequestException.class).parameter())
                .isEqualTo("leadType");
        assertThat(catchThrowableOfType(() -> noRetries.leadFormResponses(query).toList(), BadRequestException.class).parameter())
                .isEqualTo("owner");
        BadRequestException count = catchThrowableOfType(() -> noRetries.leadFormResponses(query).toList(), BadRequestException.class);
        assertThat(count.parameter()).isEqualTo("count");
        assertThat(count.getMessage()).contains("parameter `count`");
        BadRequestException none = catchThrowableOfType(() -> noRetries.leadFormResponses(query).toList(), BadRequestException.class);
        assertThat(none.parameter()).isNull();
        assertThat(none.getMessage()).startsWith("LinkedIn rejected the request: A version must be present");
    }

    @Test
    void aNonJsonErrorBodyStillMapsByStatusWithoutQuotingTheBody() {
        linkedIn.enqueue(json(502, "<html><body>upstream secret-ish page</body></html>"));

        ServerErrorException failure = catchThrowableOfType(() -> noRetries.leadForm(1), ServerErrorException.class);

        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.getMessage()).doesNotContain("html").contains("HTTP 502");
    }

    @Test
    void anUnlistedStatusIsAPlainLinkedInApiException() {
        linkedIn.enqueue(json(422, "{\"status\":422,\"code\":\"UNPROCESSABLE\",\"message\":\"Form has no questions\"}"));

        LinkedInApiException failure = catchThrowableOfType(() -> noRetries.leadForm(1), LinkedInApiException.class);

        assertThat(failure).isExactlyInstanceOf(LinkedInApiException.class);
        assertThat(failure.getMessage()).contains("Form has no questions").contains("HTTP 422 UNPROCESSABLE");
    }
}
