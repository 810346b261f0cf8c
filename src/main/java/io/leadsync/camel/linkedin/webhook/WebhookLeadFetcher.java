package io.leadsync.camel.linkedin.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.leadsync.camel.linkedin.api.ApiBase;
import io.leadsync.camel.linkedin.api.ApiRequest;
import io.leadsync.camel.linkedin.api.KeptJson;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiException;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.RestLi;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadNormalizer;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.logging.Untrusted;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the leads a webhook delivery names (a notification carries no answers) in one {@code BATCH_GET} per
 * delivery, with the enrichment projection so that the form version and metadata names come inline, exactly as the
 * poller gets them. Where LinkedIn refuses the projected batch get (it is UNSURE in the contract), the API client's
 * plain batch get (itself falling back to single gets) and the endpoint's cached lead context are used instead.
 */
public final class WebhookLeadFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookLeadFetcher.class);

    private final LinkedInApi api;
    private final LeadNormalizer normalizer;
    private final AtomicBoolean projectedBatchGet;
    private final CoalescingLeadFetch coalescing = new CoalescingLeadFetch(this::fetchNow);

    WebhookLeadFetcher(LinkedInApi api, LeadNormalizer normalizer, boolean enrich) {
        this.api = api;
        this.normalizer = normalizer;
        this.projectedBatchGet = new AtomicBoolean(enrich);
    }

    /**
     * The normalized CREATED leads of {@code ids}, keyed by id; ids LinkedIn does not return (not yet indexed, or
     * already withdrawn) are left out. Concurrent deliveries share one call (see {@link CoalescingLeadFetch}).
     *
     * @throws LinkedInApiException when LinkedIn fails (the delivery is then answered 500 so that LinkedIn retries)
     */
    Map<String, Lead> fetch(List<String> ids) {
        return ids.isEmpty() ? Map.of() : coalescing.fetch(ids);
    }

    private Map<String, Lead> fetchNow(List<String> ids) {
        if (projectedBatchGet.get()) {
            try {
                return projected(ids);
            } catch (LinkedInApiException e) {
                if (e.status() != 400 && e.status() != 404 && e.status() != 405) {
                    throw e;
                }
                if (projectedBatchGet.compareAndSet(true, false)) {
                    LOG.info("LinkedIn refused the projected BATCH_GET of leads (HTTP {}); webhook leads are now fetched without "
                             + "the enrichment projection", e.status());
                }
            }
        }
        Map<String, Lead> leads = new LinkedHashMap<>();
        api.batchGetLeadFormResponsesKeepingJson(ids).forEach((id, kept) -> leads.put(id,
                normalizer.normalize(kept.value(), kept.json(), LeadSource.WEBHOOK)));
        return leads;
    }

    private Map<String, Lead> projected(List<String> ids) {
        ApiRequest request = ApiRequest.builder().base(ApiBase.REST).path("/leadFormResponses").param("ids", List.copyOf(ids))
                .fields(LeadFormResponseQuery.ENRICHED_FIELDS).restLiMethod("BATCH_GET").build();
        Map<String, KeptJson<LeadFormResponse>> results = LinkedInJson.readResultsKeepingJson(api.execute(request).body(),
                LeadFormResponse.class);
        Map<String, Lead> leads = new LinkedHashMap<>();
        for (String id : ids) {
            // Rest.li may key the results by the encoded id
            KeptJson<LeadFormResponse> kept = results.containsKey(id) ? results.get(id) : results.get(RestLi.escape(id));
            if (kept == null) {
                LOG.debug("LinkedIn returned no lead {} for a webhook notification", Untrusted.text(id));
                continue;
            }
            leads.put(id, normalizer.normalize(kept.value(), kept.json(), LeadSource.WEBHOOK));
        }
        return leads;
    }
}
