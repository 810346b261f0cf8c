package io.leadsync.camel.linkedin.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.leadsync.camel.linkedin.access.ProfileStatus;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiException;
import io.leadsync.camel.linkedin.api.UnauthorizedException;
import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import io.leadsync.camel.linkedin.auth.TokenIntrospection;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStatus;
import io.leadsync.camel.linkedin.model.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the LinkedIn connection is usable (LGF-002), for the heartbeat operation and the health check. With a
 * {@link TokenManager} it runs {@link TokenManager#heartbeat()} (introspection, refresh when LinkedIn reports the token
 * inactive, re-authorization when that fails); else it introspects the token when clientId and clientSecret are
 * configured; else it reads {@code /v2/userinfo} (which needs the {@code openid profile} scopes).
 */
public final class ProfileProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileProbe.class);

    private final AccessTokenProvider tokenProvider;
    private final TokenIntrospector introspector;
    private final LinkedInApi api;
    private final Clock clock;

    public ProfileProbe(AccessTokenProvider tokenProvider, TokenIntrospector introspector, LinkedInApi api) {
        this.tokenProvider = tokenProvider;
        this.introspector = introspector;
        this.api = api;
        this.clock = Clock.systemUTC();
    }

    public ProfileStatus check() {
        if (tokenProvider instanceof TokenManager manager) {
            return withManager(manager);
        }
        if (introspector.available()) {
            return withIntrospection();
        }
        return withUserInfo();
    }

    private ProfileStatus withManager(TokenManager manager) {
        TokenStatus status;
        try {
            status = manager.heartbeat();
        } catch (ReauthorizationRequiredException e) {
            TokenStatus after = manager.status();
            return new ProfileStatus(false, after.lastHeartbeatStatus(), null, null, after.accessTokenDaysLeft(), after.refreshTokenDaysLeft(),
                    after.scopes(), true, after.reason() != null ? after.reason() : e.getMessage(),
                    e.authorizationUrl() != null ? e.authorizationUrl() : after.authorizationUrl(), "introspection");
        }
        UserInfo member = status.connected() ? memberQuietly() : null;
        return new ProfileStatus(status.connected(), status.lastHeartbeatStatus(), member == null ? null : member.personUrn(),
                member == null ? null : member.name(), status.accessTokenDaysLeft(), status.refreshTokenDaysLeft(), status.scopes(),
                status.reauthorizationRequired(), status.reason(), status.authorizationUrl(), "introspection");
    }

    private ProfileStatus withIntrospection() {
        TokenIntrospection introspection;
        try {
            introspection = introspector.introspect();
        } catch (ReauthorizationRequiredException e) {
            return reauthorization(e, "introspection");
        }
        Long daysLeft = introspection.expiresAt() == null ? null
                : Math.max(0, Duration.between(clock.instant(), introspection.expiresAt()).toDays());
        UserInfo member = introspection.active() ? memberQuietly() : null;
        return new ProfileStatus(introspection.active(), introspection.status(), member == null ? null : member.personUrn(),
                member == null ? null : member.name(), daysLeft, null, introspection.scopes(), false,
                introspection.active() ? null : "LinkedIn reports the access token as " + introspection.status(), null, "introspection");
    }

    private ProfileStatus withUserInfo() {
        try {
            UserInfo member = api.userInfo();
            return new ProfileStatus(true, TokenIntrospection.STATUS_ACTIVE, member.personUrn(), member.name(), null, null, Set.of(), false,
                    null, null, "userinfo");
        } catch (ReauthorizationRequiredException e) {
            return reauthorization(e, "userinfo");
        } catch (UnauthorizedException e) {
            return new ProfileStatus(false, null, null, null, null, null, Set.of(), true, "LinkedIn rejected the access token (HTTP 401)",
                    null, "userinfo");
        }
    }

    private static ProfileStatus reauthorization(ReauthorizationRequiredException e, String how) {
        return new ProfileStatus(false, null, null, null, null, null, Set.of(), true, e.getMessage(), e.authorizationUrl(), how);
    }

    // the member's name is a nicety: a token without openid/profile is still a working connection
    private UserInfo memberQuietly() {
        try {
            return api.userInfo();
        } catch (LinkedInApiException e) {
            LOG.debug("No userinfo for the heartbeat (HTTP {}): the token may lack openid/profile", e.status());
            return null;
        }
    }
}
