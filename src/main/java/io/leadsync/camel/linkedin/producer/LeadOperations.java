package io.leadsync.camel.linkedin.producer;

import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.getLead;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.searchLeads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfigurationValidator;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.TestLeadsMode;
import io.leadsync.camel.linkedin.api.ApiBase;
import io.leadsync.camel.linkedin.api.ApiRequest;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.Page;
import io.leadsync.camel.linkedin.api.RestLi;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadNormalizer;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.Exchange;

/** {@code linkedin-leadsync:leads} producer operations: one lead by id, and a bounded search. */
public final class LeadOperations {

    private final LinkedInLeadSyncEndpoint endpoint;
    private final Clock clock;

    public LeadOperations(LinkedInLeadSyncEndpoint endpoint) {
        this(endpoint, Clock.systemUTC());
    }

    LeadOperations(LinkedInLeadSyncEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Header CamelLinkedInLeadId (or a text body): the lead id or urn:li:leadGenFormResponse URN → one normalized {@link Lead}. */
    public void getLead(Exchange exchange) {
        String id = ProducerInputs.text(exchange, LinkedInLeadSyncConstants.LEAD_ID, null);
        if (id == null && exchange.getMessage().getBody() instanceof String body && !body.isBlank()) {
            id = body.trim();
        }
        if (id == null) {
            throw new IllegalArgumentException(getLead + " needs header " + LinkedInLeadSyncConstants.LEAD_ID
                    + " or a body holding the lead id");
        }
        ApiRequest request = ApiRequest.builder().base(ApiBase.REST).path("/leadFormResponses/" + RestLi.encodePathKey(id))
                .fields(LeadFormResponseQuery.ENRICHED_FIELDS).build();
        LeadFormResponse raw = LinkedInJson.read(endpoint.getApi().execute(request).body(), LeadFormResponse.class);
        Lead lead = normalize(raw);
        ProducerInputs.result(exchange, lead, 200);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.LEAD_ID, lead.id());
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.FORM_ID, lead.formId());
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.OWNER, lead.ownerUrn());
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.LEAD_TYPE, lead.leadType());
    }

    /**
     * The leads of each owner (header CamelLinkedInOwner or option owners) and each lead type it can own (header
     * CamelLinkedInLeadType or option leadTypes), optionally of one form (header CamelLinkedInFormId or a single
     * formIds value) and submitted between CamelLinkedInSubmittedAfter and CamelLinkedInSubmittedBefore, newest
     * first as LinkedIn sends them. At most {@code maxResults} leads: pages stop being fetched once that many are
     * held, and header CamelLinkedInResultTruncated tells the route the list was cut.
     */
    public void searchLeads(Exchange exchange) {
        LinkedInLeadSyncConfiguration config = endpoint.getConfiguration();
        List<LeadOwner> owners = ProducerInputs.owners(exchange, config, searchLeads);
        List<LeadType> types = ProducerInputs.leadTypes(exchange, config, searchLeads);
        Long formId = ProducerInputs.number(exchange, LinkedInLeadSyncConstants.FORM_ID,
                LinkedInLeadSyncConfigurationValidator.formIds(config).size() == 1 ? LinkedInLeadSyncConfigurationValidator.formIds(config).get(0)
                        : null, searchLeads);
        Long after = ProducerInputs.number(exchange, LinkedInLeadSyncConstants.SUBMITTED_AFTER, null, searchLeads);
        Long before = ProducerInputs.number(exchange, LinkedInLeadSyncConstants.SUBMITTED_BEFORE, null, searchLeads);
        int maxResults = config.getMaxResults();
        if (maxResults < 1) {
            throw new IllegalArgumentException(searchLeads + ": option maxResults must be at least 1, was " + maxResults);
        }
        List<Lead> found = new ArrayList<>();
        boolean truncated = false;
        for (LeadOwner owner : owners) {
            for (LeadType type : ProducerInputs.typesOf(owner, types)) {
                LeadFormResponseQuery query = LeadFormResponseQuery.of(owner, type).withFields(LeadFormResponseQuery.ENRICHED_FIELDS)
                        .withPageSize(Math.min(config.getPageSize(), LinkedInApi.MAX_PAGE_SIZE));
                if (after != null || before != null) {
                    query = query.withSubmittedAtTimeRange(after == null ? 0 : after, before == null ? clock.millis() : before);
                }
                if (config.getTestLeads() == TestLeadsMode.only) {
                    query = query.withLimitedToTestLeads(true);
                }
                truncated |= collect(endpoint.getApi().leadFormResponsePages(query), formId, maxResults, found);
                if (truncated) {
                    break;
                }
            }
            if (truncated) {
                break;
            }
        }
        ProducerInputs.result(exchange, List.copyOf(found), 200);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.LEAD_COUNT, found.size());
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.RESULT_TRUNCATED, truncated);
    }

    /** Adds matching leads of the pages to {@code found}; true when {@code maxResults} was reached with more to read. */
    private boolean collect(Iterator<Page<LeadFormResponse>> pages, Long formId, int maxResults, List<Lead> found) {
        while (pages.hasNext()) {
            for (LeadFormResponse raw : pages.next().elements()) {
                if (formId != null && (raw.versionedLeadGenFormUrn() == null || raw.versionedForm().formId() != formId)) {
                    continue;
                }
                if (endpoint.getConfiguration().getTestLeads() == TestLeadsMode.exclude && raw.isTestLead()) {
                    continue;
                }
                if (found.size() == maxResults) {
                    return true;
                }
                found.add(normalize(raw));
            }
        }
        return false;
    }

    private Lead normalize(LeadFormResponse raw) {
        LeadNormalizer normalizer = endpoint.getLeadNormalizer();
        return normalizer.normalize(raw, new String(LinkedInJson.write(raw), java.nio.charset.StandardCharsets.UTF_8), LeadSource.POLL);
    }
}
