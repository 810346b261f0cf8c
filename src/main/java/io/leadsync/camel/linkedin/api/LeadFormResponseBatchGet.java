package io.leadsync.camel.linkedin.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.leadsync.camel.linkedin.model.LeadFormResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code BATCH_GET} of leads, which LinkedIn may not offer on {@code leadFormResponses} (linkedin-api.md §8, UNSURE):
 * the first 400, 404 or 405 switches this client to single gets for the rest of its life.
 */
final class LeadFormResponseBatchGet {

    private static final Logger LOG = LoggerFactory.getLogger(LeadFormResponseBatchGet.class);

    private final Transport transport;
    private final Function<String, LeadFormResponse> singleGet;
    private final AtomicBoolean offered = new AtomicBoolean(true);

    LeadFormResponseBatchGet(Transport transport, Function<String, LeadFormResponse> singleGet) {
        this.transport = transport;
        this.singleGet = singleGet;
    }

    Map<String, LeadFormResponse> leadFormResponses(List<String> ids) {
        List<String> wanted = ids.stream().distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        if (offered.get()) {
            try {
                return batchGet(wanted);
            } catch (LinkedInApiException e) {
                if (e.status() != 400 && e.status() != 404 && e.status() != 405) {
                    throw e;
                }
                if (offered.compareAndSet(true, false)) {
                    LOG.info("LinkedIn does not offer BATCH_GET on leadFormResponses (HTTP {}); using single gets from now on", e.status());
                }
            }
        }
        Map<String, LeadFormResponse> found = new LinkedHashMap<>();
        for (String id : wanted) {
            try {
                found.put(id, singleGet.apply(id));
            } catch (NotFoundException gone) {
                LOG.debug("Lead {} no longer exists", id);
            }
        }
        return found;
    }

    private Map<String, LeadFormResponse> batchGet(List<String> ids) {
        ApiRequest request = LinkedInApi.rest("/leadFormResponses").param("ids", ids).restLiMethod("BATCH_GET").build();
        Map<String, KeptJson<LeadFormResponse>> results = LinkedInJson.readResultsKeepingJson(transport.execute(request).body(),
                LeadFormResponse.class);
        Map<String, LeadFormResponse> found = new LinkedHashMap<>();
        for (String id : ids) {
            // Rest.li may key results by the encoded id
            KeptJson<LeadFormResponse> lead = results.containsKey(id) ? results.get(id) : results.get(RestLi.escape(id));
            if (lead != null) {
                found.put(id, lead.value());
            }
        }
        return found;
    }
}
