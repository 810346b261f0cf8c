package io.leadsync.camel.linkedin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.leadsync.camel.linkedin.access.ProfileProbe;
import io.leadsync.camel.linkedin.access.ProfileStatus;
import io.leadsync.camel.linkedin.access.TokenIntrospector;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness check of the LinkedIn connection: UP while the access token is valid, with the days left on the access
 * and refresh tokens as details; DOWN when LinkedIn rejects the token or re-authorization is required, with the
 * reason and the {@code authorizationUrl} to send the member to.
 * <p>
 * Producers register one in Camel's {@code producers} health-check repository (camel-health must be on the class
 * path; it is enabled when the component's {@code healthCheckProducerEnabled} is true). An application can also bind
 * {@code new LinkedInLeadSyncProfileHealthCheck(id, endpoint)} in the registry as a bean, where Camel's health-check
 * registry picks up beans of type {@link HealthCheck}. Each call asks LinkedIn (introspection, or userinfo), at most
 * once per {@code minInterval}: probes in between get the last result.
 */
public class LinkedInLeadSyncProfileHealthCheck extends ReadinessCheck {

    /** Detail key: days left on the access token. */
    public static final String ACCESS_TOKEN_DAYS_LEFT = "linkedin.accessTokenDaysLeft";
    /** Detail key: days left on the refresh token. */
    public static final String REFRESH_TOKEN_DAYS_LEFT = "linkedin.refreshTokenDaysLeft";
    /** Detail key: where to send the member to authorize the app again. */
    public static final String AUTHORIZATION_URL = "linkedin.authorizationUrl";
    /** Detail key: LinkedIn's token status. */
    public static final String TOKEN_STATUS = "linkedin.tokenStatus";

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInLeadSyncProfileHealthCheck.class);

    private final LinkedInLeadSyncEndpoint endpoint;
    private final Duration minInterval;
    private final Clock clock = Clock.systemUTC();
    private volatile ProfileProbe probe;
    private volatile Instant lastAt;
    private volatile ProfileStatus last;

    /** A check of the endpoint's connection, asking LinkedIn at most once a minute. */
    public LinkedInLeadSyncProfileHealthCheck(String id, LinkedInLeadSyncEndpoint endpoint) {
        this(id, endpoint, Duration.ofMinutes(1));
    }

    /** A check of the endpoint's connection, asking LinkedIn at most once per {@code minInterval}. */
    public LinkedInLeadSyncProfileHealthCheck(String id, LinkedInLeadSyncEndpoint endpoint, Duration minInterval) {
        super("linkedin-leadsync", id);
        this.endpoint = endpoint;
        this.minInterval = minInterval;
    }

    LinkedInLeadSyncProfileHealthCheck(String id, AccessTokenProvider tokenProvider, TokenIntrospector introspector, LinkedInApi api) {
        this(id, null, Duration.ofMinutes(1));
        this.probe = new ProfileProbe(tokenProvider, introspector, api);
    }





    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        if (!isEnabled()) {
            return builder.unknown().message("Disabled").build();
        }
        ProfileStatus status;
        try {
            status = status();
        } catch (RuntimeException e) {
            LOG.debug("LinkedIn health check could not reach LinkedIn: {}", e.getMessage());
            return builder.down().message("LinkedIn could not be asked about the token: " + e.getMessage()).error(e).build();
        }
        builder.detail(TOKEN_STATUS, status.status());
        if (status.accessTokenDaysLeft() != null) {
            builder.detail(ACCESS_TOKEN_DAYS_LEFT, status.accessTokenDaysLeft());
        }
        if (status.refreshTokenDaysLeft() != null) {
            builder.detail(REFRESH_TOKEN_DAYS_LEFT, status.refreshTokenDaysLeft());
        }
        if (status.authorizationUrl() != null) {
            builder.detail(AUTHORIZATION_URL, status.authorizationUrl());
        }
        if (status.active() && !status.reauthorizationRequired()) {
            return builder.up().build();
        }
        return builder.down().message(status.reason() != null ? status.reason() : "LinkedIn does not accept the access token").build();
    }

    private ProfileStatus status() {
        Instant now = clock.instant();
        ProfileStatus cached = last;
        if (cached != null && lastAt != null && now.isBefore(lastAt.plus(minInterval))) {
            return cached;
        }
        ProfileStatus fresh = probe().check();
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private ProfileProbe probe() {
        ProfileProbe p = probe;
        if (p == null) {
            if (endpoint.getApi() == null) {
                throw new IllegalStateException("endpoint " + endpoint.getEndpointBaseUri() + " is not started");
            }
            p = new ProfileProbe(endpoint.getTokenProvider(), new TokenIntrospector(endpoint.getTokenProvider(), endpoint.getConfiguration()),
                    endpoint.getApi());
            probe = p;
        }
        return p;
    }
}
