package io.leadsync.sandbox;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The checks LinkedIn's gateway makes on every {@code /rest} call before a resource sees it. */
final class RestGate {

    private final Clock clock;
    private final SandboxFaults faults;
    private final TokenStore tokens;

    RestGate(Clock clock, SandboxFaults faults, TokenStore tokens) {
        this.clock = clock;
        this.faults = faults;
        this.tokens = tokens;
    }

    void check(RestCall call) {
        call.version = version(call.request.header("LinkedIn-Version"));
        String protocol = call.request.header("X-Restli-Protocol-Version");
        if (protocol == null || !"2.0.0".equals(protocol.trim())) {
            // Without it LinkedIn silently falls back to protocol 1.0 and misreads 2.0 syntax; the sandbox refuses.
            throw new SandboxApiError(400, 100, "ILLEGAL_ARGUMENT",
                    "Header X-Restli-Protocol-Version: 2.0.0 is required (got " + (protocol == null ? "none" : protocol) + ")");
        }
        call.token = authenticate(call.request);
    }

    private String version(String version) {
        if (version == null || version.isBlank()) {
            throw new SandboxApiError(400, null, "VERSION_MISSING",
                    "A version must be present. Please specify a version by adding the LinkedIn-Version header.");
        }
        String v = version.trim();
        if (!v.matches("\\d{6}") || faults.isRetired(v)) {
            throw inactive(v);
        }
        YearMonth requested;
        try {
            requested = YearMonth.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(4)));
        } catch (java.time.DateTimeException e) {
            throw inactive(v);
        }
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        if (requested.isAfter(now) || ChronoUnit.MONTHS.between(requested, now) > 12) {
            throw inactive(v);
        }
        return v;
    }

    private static SandboxApiError inactive(String version) {
        return new SandboxApiError(426, null, "NONEXISTENT_VERSION", "Requested version " + version + " is not active");
    }

    /** Checks the bearer token the way LinkedIn does (same codes for {@code /rest} and {@code /v2}). */
    TokenStore.Token authenticate(SandboxRequest request) {
        String header = request.header("Authorization");
        String value = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = header.substring(7).trim();
        }
        if (value == null || value.isEmpty()) {
            throw new SandboxApiError(401, 401, null, "Empty oauth2_access_token");
        }
        TokenStore.Token token = tokens.find(value);
        if (token == null || token.refresh) {
            throw new SandboxApiError(401, 65600, "INVALID_ACCESS_TOKEN", "Invalid access token");
        }
        return switch (token.status(tokens.now())) {
            case REVOKED -> throw new SandboxApiError(401, 65601, "REVOKED_ACCESS_TOKEN",
                    "The token used in the request has been revoked by the user");
            case EXPIRED -> throw new SandboxApiError(401, 65602, "EXPIRED_ACCESS_TOKEN",
                    "The token used in the request has expired");
            case ACTIVE -> token;
        };
    }
}
