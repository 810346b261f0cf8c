package io.leadsync.camel.linkedin.api;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns every non-2xx answer into the typed {@link LinkedInApiException} that says what the caller can do. Reads
 * only LinkedIn's error fields from the body ({@code status, serviceErrorCode, code, message, errorDetails}).
 */
public final class ErrorMappingInterceptor implements ApiInterceptor {

    private static final Pattern PERMISSION = Pattern.compile("access:\\s*([A-Za-z]+)(?:\\.([A-Za-z_-]+))?");
    private static final Pattern DAY = Pattern.compile("\\bDAY\\b");

    private final String version;
    private final Clock clock;

    /**
     * @param version the {@code LinkedIn-Version} this client sends, named by {@link VersionSunsetException}
     * @param clock   the time a daily quota's reset is computed from
     */
    public ErrorMappingInterceptor(String version, Clock clock) {
        this.version = Objects.requireNonNull(version, "version == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public ApiResponse intercept(Chain chain) {
        ApiRequest request = chain.request();
        ApiResponse response = chain.proceed(request);
        if (response.isSuccessful()) {
            return response;
        }
        throw map(request, response);
    }

    /** The exception for a non-2xx {@code response} to {@code request}. */
    public LinkedInApiException map(ApiRequest request, ApiResponse response) {
        JsonNode body = errorBody(response);
        ApiError error = new ApiError(response.status(), intOrNull(body.path("serviceErrorCode")), ErrorDetails.textOrNull(body.path("code")),
                ErrorDetails.textOrNull(body.path("message")), response.requestId(), request.method(), pathOf(request));
        int status = response.status();
        return switch (status) {
            case 400 -> new BadRequestException(error, ErrorDetails.parameterOf(body, error.message(), request));
            case 401 -> new UnauthorizedException(error);
            case 403 -> forbidden(request, error);
            case 404 -> new NotFoundException(error);
            case 409 -> new ConflictException(error);
            case 426 -> new VersionSunsetException(error, version);
            case 429 -> error.message() != null && DAY.matcher(error.message()).find()
                    ? new DailyQuotaExceededException(error, clock.instant())
                    : new RateLimitedException(error, ErrorDetails.retryAfter(response.header("Retry-After"), clock));
            case 408, 500, 502, 503, 504 -> new ServerErrorException(error);
            default -> status >= 500 ? new ServerErrorException(error) : new LinkedInApiException(error);
        };
    }

    private static ForbiddenException forbidden(ApiRequest request, ApiError error) {
        String resource = null;
        String access = null;
        Matcher m = error.message() == null ? null : PERMISSION.matcher(error.message());
        if (m != null && m.find()) {
            resource = m.group(1);
            access = m.group(2);
        }
        if (resource == null) {
            resource = ErrorDetails.resourceOf(request.path());
        }
        boolean write = !"GET".equals(request.method()) && !"BATCH_GET".equalsIgnoreCase(request.restLiMethod())
                && !"FINDER".equalsIgnoreCase(request.restLiMethod());
        return new ForbiddenException(error, resource, access, Permissions.scopesFor(resource, write), Permissions.roleHintFor(resource));
    }

    private static JsonNode errorBody(ApiResponse response) {
        if (response.body().length == 0) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return LinkedInJson.readTree(response.body());
        } catch (UncheckedIOException notJson) {
            // a proxy or load balancer answered with HTML; the status alone must do
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String pathOf(ApiRequest request) {
        return switch (request.base()) {
            case REST -> "/rest";
            case LEGACY -> "/v2";
            case OAUTH -> "/oauth/v2";
        } + request.path();
    }

    private static Integer intOrNull(JsonNode node) {
        return node.canConvertToInt() ? node.intValue() : null;
    }
}
