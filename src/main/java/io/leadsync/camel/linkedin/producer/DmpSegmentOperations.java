package io.leadsync.camel.linkedin.producer;

import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.createSegment;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.getSegment;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.listSegments;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.LinkedInLeadSyncOperations;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.Sleeper;
import io.leadsync.camel.linkedin.audience.AudienceElements.Prepared;
import io.leadsync.camel.linkedin.audience.AudienceElements;
import io.leadsync.camel.linkedin.audience.ElementResult;
import io.leadsync.camel.linkedin.audience.MinuteRateLimiter;
import io.leadsync.camel.linkedin.audience.SegmentBatchResult;
import io.leadsync.camel.linkedin.audience.SegmentSummary;
import io.leadsync.camel.linkedin.model.BatchElementResult;
import io.leadsync.camel.linkedin.model.DmpDestination;
import io.leadsync.camel.linkedin.model.DmpSegment;
import io.leadsync.camel.linkedin.model.LeadOwner;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code linkedin-leadsync:segments} producer operations: Matched Audiences (MA-102 … MA-107). Uploads are split into
 * batches of 5,000 and paced client-side under LinkedIn's per-member limits (500 requests/min on users, 300 on
 * companies), shared by every endpoint that calls with the same token provider; a 429 that still happens is retried
 * by the API client after LinkedIn's Retry-After, and the 404s of a segment this client just created are retried too.
 */
public final class DmpSegmentOperations {

    /** LinkedIn's per-member request limit on {@code dmpSegments/{id}/users}. */
    static final int USERS_PER_MINUTE = 500;
    /** LinkedIn's per-member request limit on {@code dmpSegments/{id}/companies}. */
    static final int COMPANIES_PER_MINUTE = 300;

    private static final Logger LOG = LoggerFactory.getLogger(DmpSegmentOperations.class);

    private final LinkedInLeadSyncEndpoint endpoint;

    public DmpSegmentOperations(LinkedInLeadSyncEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Creates a segment from the body (a Map with name, type USER|COMPANY, account and optionally sourceSegmentId, or a
     * DmpSegment); sourcePlatform is this integration's (option sourcePlatform). Answers the segment with its id.
     */
    @SuppressWarnings("unchecked")
    public void createSegment(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof DmpSegment given) {
            exchange.getMessage().setBody(io.leadsync.camel.linkedin.api.LinkedInJson.convert(given, Map.class));
        }
        Map<String, Object> body = ProducerInputs.body(exchange, Map.class, createSegment,
                "a Map with name, type (USER or COMPANY) and account (urn:li:sponsoredAccount:…)");
        String name = string(body, "name");
        String type = string(body, "type");
        String account = string(body, "account");
        if (name == null || type == null || account == null) {
            throw new IllegalArgumentException(createSegment + " needs name, type (USER or COMPANY) and account in the body");
        }
        if (!"USER".equals(type) && !"COMPANY".equals(type)) {
            throw new IllegalArgumentException(createSegment + ": type must be USER or COMPANY, got " + type);
        }
        if (!account.startsWith(LeadOwner.SPONSORED_ACCOUNT_PREFIX)) {
            throw new IllegalArgumentException(createSegment + ": account must be an urn:li:sponsoredAccount:… URN, got " + account);
        }
        DmpSegment segment = new DmpSegment(null, name, type, endpoint.getConfiguration().getSourcePlatform(),
                string(body, "sourceSegmentId"), "PRIVATE", account, null, null, null,
                List.of(new DmpDestination("LINKEDIN", null, null, null, null, null, null)));
        long id = endpoint.getApi().createDmpSegment(segment);
        DmpSegment created = new DmpSegment(id, segment.name(), segment.type(), segment.sourcePlatform(), segment.sourceSegmentId(),
                segment.accessPolicy(), segment.account(), null, null, null, segment.destinations());
        ProducerInputs.result(exchange, created, 201);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.SEGMENT_ID, id);
    }

    /** The segments this integration (option sourcePlatform) uploaded to each account of header CamelLinkedInOwner or option owners. */
    public void listSegments(Exchange exchange) {
        List<SegmentSummary> found = new ArrayList<>();
        for (LeadOwner owner : ProducerInputs.owners(exchange, endpoint.getConfiguration(), listSegments)) {
            if (!owner.isSponsoredAccount()) {
                throw new IllegalArgumentException(listSegments + ": segments belong to ad accounts; " + owner.urn()
                        + " in header " + LinkedInLeadSyncConstants.OWNER + " or option owners is not one");
            }
            endpoint.getApi().dmpSegments(owner.urn(), endpoint.getConfiguration().getSourcePlatform()).map(SegmentSummary::of)
                    .forEach(found::add);
        }
        ProducerInputs.result(exchange, List.copyOf(found), 200);
    }

    /** The segment of header CamelLinkedInSegmentId (or option segmentId) with status, match rate, audience size and readiness. */
    public void getSegment(Exchange exchange) {
        long id = segmentId(exchange, getSegment);
        ProducerInputs.result(exchange, SegmentSummary.of(endpoint.getApi().dmpSegment(id)), 200);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.SEGMENT_ID, id);
    }

    public void addUsers(Exchange exchange) {
        upload(exchange, LinkedInLeadSyncOperations.addUsers, "ADD", "users", AudienceElements::user,
                (id, batch) -> endpoint.getApi().dmpSegmentUsers(id, batch));
    }

    public void removeUsers(Exchange exchange) {
        upload(exchange, LinkedInLeadSyncOperations.removeUsers, "REMOVE", "users", AudienceElements::user,
                (id, batch) -> endpoint.getApi().dmpSegmentUsers(id, batch));
    }

    public void addCompanies(Exchange exchange) {
        upload(exchange, LinkedInLeadSyncOperations.addCompanies, "ADD", "companies", AudienceElements::company,
                (id, batch) -> endpoint.getApi().dmpSegmentCompanies(id, batch));
    }

    public void removeCompanies(Exchange exchange) {
        upload(exchange, LinkedInLeadSyncOperations.removeCompanies, "REMOVE", "companies", AudienceElements::company,
                (id, batch) -> endpoint.getApi().dmpSegmentCompanies(id, batch));
    }

    private <T> void upload(Exchange exchange, LinkedInLeadSyncOperations operation, String action, String kind,
                            BiFunction<Object, String, Prepared<T>> prepare, BiFunction<Long, List<T>, List<BatchElementResult>> send) {
        long id = segmentId(exchange, operation);
        Object single = exchange.getMessage().getBody();
        // one user or company (a Map, a record, or a JSON object) is a batch of one
        Collection<?> rows = single instanceof Map<?, ?> || single instanceof Record || isJsonObject(single) ? List.of(asRow(exchange))
                : ProducerInputs.body(exchange, Collection.class, operation, "a List of " + kind + " (Maps or records), or one of them");
        ElementResult[] results = new ElementResult[rows.size()];
        List<T> pending = new ArrayList<>();
        List<Integer> pendingIndexes = new ArrayList<>();
        int index = 0;
        for (Object row : rows) {
            Prepared<T> prepared = prepare.apply(row, action);
            if (prepared.problem() != null) {
                results[index] = new ElementResult(index, 400, false, prepared.problem(), false);
            } else {
                pending.add(prepared.element());
                pendingIndexes.add(index);
            }
            index++;
        }
        MinuteRateLimiter limiter = limiter(kind);
        int requests = 0;
        for (int from = 0; from < pending.size(); from += LinkedInApi.MAX_DMP_BATCH) {
            int to = Math.min(pending.size(), from + LinkedInApi.MAX_DMP_BATCH);
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(operation + " was interrupted while pacing under LinkedIn's per-minute limit", e);
            }
            List<BatchElementResult> answers = send.apply(id, pending.subList(from, to));
            requests++;
            if (answers.size() != to - from) {
                throw new IllegalStateException("LinkedIn answered " + answers.size() + " results for a batch of " + (to - from)
                        + " " + kind + " on segment " + id + "; per-element results cannot be matched to the input");
            }
            for (int i = 0; i < answers.size(); i++) {
                BatchElementResult answer = answers.get(i);
                int at = pendingIndexes.get(from + i);
                results[at] = new ElementResult(at, answer.status() == null ? 0 : answer.status(), answer.succeeded(),
                        answer.error() == null ? null : answer.error().message(), true);
            }
        }
        List<ElementResult> ordered = List.of(results);
        int accepted = (int) ordered.stream().filter(ElementResult::accepted).count();
        SegmentBatchResult result = new SegmentBatchResult(id, action, accepted, ordered.size() - accepted, requests, ordered);
        LOG.debug("{} on segment {}: {} accepted, {} rejected in {} requests", operation, id, accepted, ordered.size() - accepted, requests);
        ProducerInputs.result(exchange, result, 200);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.SEGMENT_ID, id);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.ACCEPTED_COUNT, accepted);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.REJECTED_COUNT, ordered.size() - accepted);
    }

    private long segmentId(Exchange exchange, LinkedInLeadSyncOperations operation) {
        return ProducerInputs.requiredNumber(exchange, LinkedInLeadSyncConstants.SEGMENT_ID, endpoint.getConfiguration().getSegmentId(),
                "segmentId", operation);
    }

    private static boolean isJsonObject(Object body) {
        String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : body instanceof String string ? string : null;
        return text != null && text.stripLeading().startsWith("{");
    }

    private static Object asRow(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof Map<?, ?> || body instanceof Record ? body : io.leadsync.camel.linkedin.api.LinkedInJson.read(
                exchange.getMessage().getBody(byte[].class), Map.class);
    }

    private MinuteRateLimiter limiter(String kind) {
        // one budget per member: endpoints with the same credentials share the component's token provider and limiter
        return endpoint.getComponent().uploadLimiter(endpoint.getTokenProvider(), kind,
                () -> new MinuteRateLimiter("users".equals(kind) ? USERS_PER_MINUTE : COMPANIES_PER_MINUTE, Clock.systemUTC(), Sleeper.SYSTEM));
    }

    private static String string(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
