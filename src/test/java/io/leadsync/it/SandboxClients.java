package io.leadsync.it;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.api.RetryPolicy;
import io.leadsync.sandbox.LinkedInSandbox;

/** Points the connector's client at a running sandbox, and reads the sandbox's world for expected counts. */
final class SandboxClients {

    /** Retries without jitter, so that back-off sequences are exact. */
    static final RetryPolicy EXACT_RETRIES = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.0,
            Duration.ofMinutes(2));

    private SandboxClients() {
    }

    /**
     * Settings for the sandbox on all three bases. The version is the clock's current month: the sandbox, like
     * LinkedIn, only accepts the last 12 months, so a fixed version would make these tests expire.
     */
    static LinkedInApiSettings settings(LinkedInSandbox sandbox, Clock clock, RetryPolicy retries) {
        return LinkedInApiSettings.builder().baseUri(sandbox.baseUrl()).version(currentVersion(clock))
                .readTimeout(Duration.ofSeconds(20)).retryPolicy(retries).build();
    }

    static String currentVersion(Clock clock) {
        return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).format(DateTimeFormatter.ofPattern("yyyyMM"));
    }

    /** The seeded forms of the world ({@code GET /_sandbox/world}). */
    static List<JsonNode> worldForms(LinkedInSandbox sandbox) {
        List<JsonNode> forms = new ArrayList<>();
        sandbox.world().get("forms").forEach(forms::add);
        return forms;
    }

    /** Live leads the world holds for an owner URN and lead type. */
    static int worldLeadCount(LinkedInSandbox sandbox, String ownerUrn, String leadType, boolean testOnly) {
        int total = 0;
        for (JsonNode form : worldForms(sandbox)) {
            JsonNode owner = form.get("owner");
            String urn = owner.has("sponsoredAccount") ? owner.get("sponsoredAccount").asText() : owner.get("organization").asText();
            if (urn.equals(ownerUrn) && leadType.equals(form.get("leadType").asText())) {
                total += form.get(testOnly ? "testLeadCount" : "leadCount").asInt();
            }
        }
        return total;
    }

    /** The world's lead and test-lead count of one form version. */
    static JsonNode worldVersion(LinkedInSandbox sandbox, long formId, int versionId) {
        for (JsonNode form : worldForms(sandbox)) {
            if (form.get("id").asLong() == formId) {
                for (JsonNode version : form.get("versions")) {
                    if (version.get("versionId").asInt() == versionId) {
                        return version;
                    }
                }
            }
        }
        throw new IllegalArgumentException("The sandbox world has no form " + formId + " version " + versionId);
    }
}
