package io.leadsync.camel.linkedin.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transient failures with bounded exponential back-off and jitter: throttles (429, honouring
 * {@code Retry-After}), 500/502/503/504/408, 409 conflicts, connect failures (and other I/O failures of a GET), and a
 * 404 of a request marked {@link ApiRequest#notFoundRetryableUntil() retryable} while that window is open. A daily
 * quota 429, 400, 401, 403 and 426 are never retried. Sits inside the {@link AuthInterceptor} and outside the
 * {@link ErrorMappingInterceptor}, so it sees typed exceptions.
 */
public final class RetryInterceptor implements ApiInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;

    public RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.random = Objects.requireNonNull(random, "random == null");
    }

    @Override
    public ApiResponse intercept(Chain chain) {
        ApiRequest request = chain.request();
        for (int retry = 1; ; retry++) {
            try {
                return chain.proceed(request);
            } catch (LinkedInApiException | LinkedInTransportException failure) {
                Duration wait = retry > policy.maxRetries() ? null : delayBefore(retry, request, failure);
                if (wait == null) {
                    throw failure;
                }
                LOG.debug("{} failed ({}); retry {} of {} in {} ms", request.describe(), failure.getClass().getSimpleName(),
                        retry, policy.maxRetries(), wait.toMillis());
                pause(wait, failure);
            }
        }
    }

    /** How long to wait before retry number {@code retry}, or {@code null} when {@code failure} is final. */
    private Duration delayBefore(int retry, ApiRequest request, RuntimeException failure) {
        if (failure instanceof RateLimitedException throttled) {
            if (throttled.isDailyQuota()) {
                return null;
            }
            Duration retryAfter = throttled.retryAfter();
            if (retryAfter != null) {
                return retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? null : retryAfter;
            }
            return backoff(retry);
        }
        if (failure instanceof ServerErrorException || failure instanceof ConflictException) {
            return backoff(retry);
        }
        if (failure instanceof NotFoundException) {
            // a new DMP segment answers 404 for a few seconds after LinkedIn acknowledged its creation
            return request.notFoundRetryableUntil() != null && clock.instant().isBefore(request.notFoundRetryableUntil())
                    ? backoff(retry) : null;
        }
        if (failure instanceof LinkedInTransportException transport) {
            return transport.connectFailure() || "GET".equals(request.method()) ? backoff(retry) : null;
        }
        return null;
    }

    private Duration backoff(int retry) {
        return policy.backoff(retry, random.getAsDouble());
    }

    private void pause(Duration wait, RuntimeException failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
    }
}
