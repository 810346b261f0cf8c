package io.leadsync.app.signoff;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.sandbox.SandboxStats;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * What the steps share: the running app, its log, the seeded world's ids, and what earlier steps produced that
 * later ones build on (the test lead of each lead type, the form created through the API).
 */
final class SignOffContext {

    static final String AD_ACCOUNT = "urn:li:sponsoredAccount:507857085";
    static final String CANCELED_ACCOUNT = "urn:li:sponsoredAccount:507857099";
    static final String COMPANY_PAGE = "urn:li:organization:2414183";
    static final String PRODUCT_PAGE = "urn:li:organization:2414190";

    final SignOffApp app;
    final LogCapture log;
    /** The published form of each lead type (SPONSORED, EVENT, COMPANY, ORGANIZATION_PRODUCT), from the sandbox's world. */
    final Map<String, Long> formOfType = new LinkedHashMap<>();
    /** The test lead submitted on each lead type by LGF-109. */
    final Map<String, String> testLeadOfType = new LinkedHashMap<>();
    /** The form created through the API (guide: manage forms), or null. */
    Long createdForm;

    SignOffContext(SignOffApp app, LogCapture log) {
        this.app = app;
        this.log = log;
        for (JsonNode form : app.world().withArray("forms")) {
            if ("PUBLISHED".equals(form.path("state").asText())) {
                formOfType.putIfAbsent(form.path("leadType").asText(), form.path("id").asLong());
            }
        }
    }

    ProducerTemplate producer() {
        return app.producer();
    }

    /** Sends {@code body} with {@code headers} to a {@code linkedin-leadsync:} endpoint; answers the exchange, failed or not. */
    Exchange call(String uri, Object body, Map<String, Object> headers) {
        return producer().send(uri, e -> {
            e.getMessage().setBody(body);
            headers.forEach(e.getMessage()::setHeader);
        });
    }

    /** Like {@link #call}, but a failure is rethrown; answers the body as {@code type}. */
    <T> T request(String uri, Object body, Map<String, Object> headers, Class<T> type) throws Exception {
        Exchange exchange = call(uri, body, headers);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange.getMessage().getBody(type);
    }

    SandboxStats stats() {
        return app.sandbox().stats();
    }

    /** Calls answered {@code status}, over every resource. */
    static long callsWithStatus(SandboxStats stats, int status) {
        return stats.calls().values().stream().mapToLong(byStatus -> byStatus.getOrDefault(status, 0L)).sum();
    }

    /** The keys whose calls answered {@code status} between two snapshots, with how many. */
    static Map<String, Long> keysWithStatus(SandboxStats before, SandboxStats after, int status) {
        Map<String, Long> keys = new java.util.TreeMap<>();
        after.calls().forEach((key, byStatus) -> {
            long delta = byStatus.getOrDefault(status, 0L) - before.calls(key, status);
            if (delta > 0) {
                keys.put(key, delta);
            }
        });
        return keys;
    }

    long form(String leadType) {
        Long id = formOfType.get(leadType);
        if (id == null) {
            throw new IllegalStateException("The sandbox has no published " + leadType + " form");
        }
        return id;
    }
}
