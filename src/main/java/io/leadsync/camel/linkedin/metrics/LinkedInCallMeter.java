package io.leadsync.camel.linkedin.metrics;

import java.util.function.Supplier;

import io.leadsync.camel.linkedin.api.ApiInterceptor;
import io.leadsync.camel.linkedin.api.ApiRequest;
import io.leadsync.camel.linkedin.api.ApiResponse;
import io.leadsync.camel.linkedin.api.LinkedInApiException;
import io.leadsync.camel.linkedin.api.LinkedInTransportException;
import io.leadsync.camel.linkedin.api.RateLimitedException;

/**
 * Times each HTTP exchange with LinkedIn. It sits inside the retries and outside the error mapping, so every attempt
 * is one call and a failure arrives typed (a daily-quota 429 told apart from a throttle).
 */
final class LinkedInCallMeter implements ApiInterceptor {

    /** The status tag of a call that got no HTTP answer (connect failure, timeout, reset). */
    static final String IO_ERROR = "io_error";

    private final Supplier<LeadSyncMetrics> metrics;

    LinkedInCallMeter(Supplier<LeadSyncMetrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public ApiResponse intercept(Chain chain) {
        ApiRequest request = chain.request();
        long start = System.nanoTime();
        try {
            ApiResponse response = chain.proceed(request);
            metrics.get().linkedInCall(request, Integer.toString(response.status()), System.nanoTime() - start);
            return response;
        } catch (LinkedInApiException e) {
            LeadSyncMetrics m = metrics.get();
            m.linkedInCall(request, Integer.toString(e.status()), System.nanoTime() - start);
            if (e instanceof RateLimitedException throttled) {
                m.throttled(request, throttled.isDailyQuota());
            }
            throw e;
        } catch (LinkedInTransportException e) {
            metrics.get().linkedInCall(request, IO_ERROR, System.nanoTime() - start);
            throw e;
        }
    }

    /**
     * The resource tag: the path's plain-name segments joined by {@code /} ({@code /adAccounts/5/adCampaigns/7} is
     * {@code adAccounts/adCampaigns}); ids, URNs and Rest.li keys hold digits or escapes and are left out, so the tag
     * names LinkedIn's resources, never a record.
     */
    static String resource(ApiRequest request) {
        StringBuilder resource = new StringBuilder();
        for (String segment : request.path().split("/")) {
            if (!segment.isEmpty() && segment.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                if (resource.length() > 0) {
                    resource.append('/');
                }
                resource.append(segment);
            }
        }
        return resource.length() == 0 ? "other" : resource.toString();
    }
}
