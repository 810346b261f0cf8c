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
    private final Function<String, KeptJson<LeadFormResponse>> singleGet;
    private final AtomicBoolean offered = new AtomicBoolean(true);

    /** @param singleGet one lead with its JSON as LinkedIn sent it, so that either way a lead's raw is LinkedIn's text */
    LeadFormResponseBatchGet(Transport transport, Function<String, KeptJson<LeadFormResponse>> singleGet) {
        this.transport = transport;
        this.singleGet = singleGet;
    }

    /** The leads of {@code ids} LinkedIn returns, in the order asked, each with its JSON as the answer carried it. */
    Map<String, KeptJson<LeadFormResponse>> leadFormResponses(List<String> ids) {
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
        Map<String, KeptJson<LeadFormResponse>> found = new LinkedHashMap<>();
        for (String id : wanted) {
            try {
                found.put(id, singleGet.apply(id));
            } catch (NotFoundException gone) {
                LOG.debug("Lead {} no longer exists", id);
            }
        }
        return found;
    }

    private Map<String, KeptJson<LeadFormResponse>> batchGet(List<String> ids) {
        ApiRequest request = LinkedInApi.rest("/leadFormResponses").param("ids", ids).restLiMethod("BATCH_GET").build();
        Map<String, KeptJson<LeadFormResponse>> results = LinkedInJson.readResultsKeepingJson(transport.execute(request).body(),
                LeadFormResponse.class);
        Map<String, KeptJson<LeadFormResponse>> found = new LinkedHashMap<>();
        for (String id : ids) {
            // Rest.li may key results by the encoded id
            KeptJson<LeadFormResponse> lead = results.containsKey(id) ? results.get(id) : results.get(RestLi.escape(id));
            if (lead != null) {
                found.put(id, lead);
            }
        }
        return found;
    }
}
