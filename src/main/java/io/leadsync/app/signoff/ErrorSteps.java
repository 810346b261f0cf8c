package io.leadsync.app.signoff;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadsync.camel.linkedin.api.ForbiddenException;
import io.leadsync.camel.linkedin.api.NotFoundException;
import io.leadsync.camel.linkedin.api.VersionSunsetException;
import io.leadsync.sandbox.SandboxStats;
import org.apache.camel.Exchange;

/**
 * The guide's error table (401, 403, 404, 426, 429) on the component's producers: each error is caused at the
 * sandbox for real (an expired token, a VIEWER account, an unknown form, a retired version, a throttle) and the
 * sandbox's counters show LinkedIn answered it.
 */
final class ErrorSteps {

    private static final String GET_FORM = "linkedin-leadsync:forms?operation=getForm";

    private final SignOffContext ctx;

    ErrorSteps(SignOffContext ctx) {
        this.ctx = ctx;
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("GUIDE-401", SignOffIds.title("GUIDE-401"), this::unauthorized),
                new SignOffStep("GUIDE-403", SignOffIds.title("GUIDE-403"), this::forbidden),
                new SignOffStep("GUIDE-404", SignOffIds.title("GUIDE-404"), this::notFound),
                new SignOffStep("GUIDE-426", SignOffIds.title("GUIDE-426"), this::sunset),
                new SignOffStep("GUIDE-429", SignOffIds.title("GUIDE-429"), this::throttled));
    }

    private Map<String, Object> whitepaper() {
        return Map.of("CamelLinkedInFormId", ctx.form("SPONSORED"));
    }

    private String unauthorized(Evidence e) throws Exception {
        ctx.app.sandbox().expireToken(ctx.app.tokens().accessToken());
        SandboxStats before = ctx.stats();
        Exchange answer = ctx.call(GET_FORM, null, whitepaper());
        SandboxStats after = ctx.stats();
        e.require(answer.getException() == null, "getForm succeeded for the route: %s", answer.getException());
        e.requireEqual(1L, after.calls("GET leadForms", 401) - before.calls("GET leadForms", 401), "GET leadForms answered 401");
        e.requireEqual(1L, after.calls("POST accessToken", 200) - before.calls("POST accessToken", 200), "refresh");
        e.require(after.calls("GET leadForms", 200) > before.calls("GET leadForms", 200), "GET leadForms replayed: 200");
        return "401 → one refresh → the call replayed once, 200";
    }

    private String forbidden(Evidence e) throws Exception {
        SandboxStats before = ctx.stats();
        Exchange answer = ctx.call("linkedin-leadsync:forms?operation=listForms&owners=" + SignOffContext.CANCELED_ACCOUNT, null, Map.of());
        SandboxStats after = ctx.stats();
        e.require(answer.getException() instanceof ForbiddenException, "listForms of the VIEWER account: %s", answer.getException());
        e.require(SignOffContext.callsWithStatus(after, 403) - SignOffContext.callsWithStatus(before, 403) == 1, "LinkedIn answered 403 once (no retry)");
        return "ForbiddenException, not retried: " + answer.getException().getMessage();
    }

    private String notFound(Evidence e) throws Exception {
        SandboxStats before = ctx.stats();
        Exchange answer = ctx.call(GET_FORM, null, Map.of("CamelLinkedInFormId", 999_999L));
        SandboxStats after = ctx.stats();
        e.require(answer.getException() instanceof NotFoundException, "getForm of form 999999: %s", answer.getException());
        e.requireEqual(1L, after.calls("GET leadForms", 404) - before.calls("GET leadForms", 404), "GET leadForms answered 404 (not retried)");
        return "NotFoundException: " + answer.getException().getMessage();
    }

    private String sunset(Evidence e) throws Exception {
        String version = ctx.app.camel().resolvePropertyPlaceholders("{{camel.component.linkedin-leadsync.api-version}}");
        SandboxStats before = ctx.stats();
        ctx.app.sandbox().faults().retiredVersions(Set.of(version));
        Exchange answer;
        try {
            answer = ctx.call(GET_FORM, null, whitepaper());
        } finally {
            ctx.app.sandbox().faults().retiredVersions(Set.of());
        }
        SandboxStats after = ctx.stats();
        e.require(answer.getException() instanceof VersionSunsetException, "getForm with LinkedIn-Version %s retired: %s", version, answer.getException());
        String message = answer.getException().getMessage();
        e.require(message.contains(version) && message.contains("apiVersion"), "the error names the version and the apiVersion option: %s", message);
        e.require(SignOffContext.callsWithStatus(after, 426) - SignOffContext.callsWithStatus(before, 426) == 1, "LinkedIn answered 426 once");
        return "VersionSunsetException naming " + version + " and option apiVersion";
    }

    private String throttled(Evidence e) throws Exception {
        SandboxStats before = ctx.stats();
        ctx.app.sandbox().faults().retryAfterSeconds(1).throttleCount(1);
        Exchange answer;
        long start = System.nanoTime();
        try {
            answer = ctx.call(GET_FORM, null, whitepaper());
        } finally {
            ctx.app.sandbox().faults().retryAfterSeconds(null).throttleCount(0);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        SandboxStats after = ctx.stats();
        e.require(answer.getException() == null, "getForm succeeded after the throttle: %s", answer.getException());
        e.requireEqual(1L, after.calls("GET leadForms", 429) - before.calls("GET leadForms", 429), "GET leadForms answered 429 (Retry-After: 1)");
        e.require(after.calls("GET leadForms", 200) > before.calls("GET leadForms", 200), "then 200 on the retry");
        e.require(millis >= 900, "the retry waited for Retry-After: %d ms", millis);
        return "429 with Retry-After 1 s: retried after " + millis + " ms, 200";
    }
}
