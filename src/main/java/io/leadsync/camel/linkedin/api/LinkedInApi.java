package io.leadsync.camel.linkedin.api;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.AdAccountUser;
import io.leadsync.camel.linkedin.model.BatchElementResult;
import io.leadsync.camel.linkedin.model.Campaign;
import io.leadsync.camel.linkedin.model.Creative;
import io.leadsync.camel.linkedin.model.DmpCompany;
import io.leadsync.camel.linkedin.model.DmpSegment;
import io.leadsync.camel.linkedin.model.DmpUser;
import io.leadsync.camel.linkedin.model.Event;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.Organization;
import io.leadsync.camel.linkedin.model.OrganizationAcl;
import io.leadsync.camel.linkedin.model.UserInfo;

/**
 * LinkedIn's Marketing API as the connector uses it: one method per call, named in LinkedIn's words. Thread-safe.
 * Collections come back lazily (one page in memory at a time); failures are {@link LinkedInApiException}s typed by
 * what the caller can do, or {@link LinkedInTransportException}.
 */
public final class LinkedInApi {

    /** The connector's page size when none is given. */
    public static final int DEFAULT_PAGE_SIZE = 500;
    /** LinkedIn's largest {@code count}/{@code pageSize} (it answers 400 above). */
    public static final int MAX_PAGE_SIZE = 1000;
    /** LinkedIn's largest DMP segment batch. */
    public static final int MAX_DMP_BATCH = 5000;
    /** How long after creating a DMP segment a 404 on it means "not ready yet" rather than "gone". */
    public static final Duration NEW_SEGMENT_WINDOW = Duration.ofSeconds(60);

    private static final int CACHE_LIMIT = 10_000;

    private final Transport transport;
    private final Clock clock;
    private final int pageSize;
    private final LeadFormResponseBatchGet batchGet;
    private final NewSegments newSegments;
    private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final Map<String, Creative> creatives = new ConcurrentHashMap<>();
    // "" remembers that LinkedIn gave no name, so a page without one costs one call, not one per log line
    private final Map<String, String> organizationNames = new ConcurrentHashMap<>();

    private LinkedInApi(Builder b) {
        LinkedInApiSettings settings = b.settings;
        this.clock = b.clock;
        this.pageSize = b.pageSize;
        HttpClient http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.transport = new Transport(http, settings, List.of(
                new AuthInterceptor(b.tokenProvider),
                new RetryInterceptor(settings.retryPolicy(), b.sleeper, clock, b.random),
                b.interceptor,
                new ErrorMappingInterceptor(settings.version(), clock)));
        this.batchGet = new LeadFormResponseBatchGet(transport,
                id -> LinkedInJson.readKeepingJson(transport.execute(leadFormResponseRequest(id)).body(), LeadFormResponse.class));
        this.newSegments = new NewSegments(clock, NEW_SEGMENT_WINDOW);
    }

    /** A builder; only {@link Builder#tokenProvider} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs any request through the same interceptors (for calls this facade does not cover). */
    public ApiResponse execute(ApiRequest request) {
        return transport.execute(request);
    }

    // ---- accounts and permissions (§6)

    /** {@code adAccounts?q=search&search=(status:(values:List(…)),test:false)}, cursor-paged. */
    public Stream<AdAccount> adAccounts(List<String> statuses) {
        Map<String, Object> search = new LinkedHashMap<>();
        if (statuses != null && !statuses.isEmpty()) {
            search.put("status", Map.of("values", List.copyOf(statuses)));
        }
        search.put("test", false);
        ApiRequest finder = finder("/adAccounts", "search").param("search", search).build();
        return PageIterator.elements(PageIterator.pageToken(token -> page(
                finder.toBuilder().param("pageSize", pageSize).paramIfPresent("pageToken", token).build(), AdAccount.class)));
    }

    /** {@code GET /rest/adAccounts/{id}}. */
    public AdAccount adAccount(long id) {
        return read(rest("/adAccounts/" + id).build(), AdAccount.class);
    }

    /** The member's roles on ad accounts ({@code adAccountUsers?q=authenticatedUser}). */
    public List<AdAccountUser> adAccountUsers() {
        return PageIterator.elements(startCount(finder("/adAccountUsers", "authenticatedUser").build(), pageSize, 0, AdAccountUser.class)).toList();
    }

    /** The member's approved roles on organization pages ({@code organizationAcls?q=roleAssignee&state=APPROVED}). */
    public List<OrganizationAcl> organizationAcls() {
        ApiRequest finder = finder("/organizationAcls", "roleAssignee").param("state", "APPROVED").build();
        return PageIterator.elements(startCount(finder, pageSize, 0, OrganizationAcl.class)).toList();
    }

    /**
     * The name of an organization page ({@code organizations/{id}}), cached for the life of this client; {@code null}
     * when LinkedIn does not say (no such page, or a token without an organization scope): a name is for people
     * reading logs and status pages, never a reason to fail a sync.
     */
    public String organizationName(String organizationUrn) {
        requireUrn(organizationUrn, LeadOwner.ORGANIZATION_PREFIX);
        String cached = organizationNames.get(organizationUrn);
        if (cached == null && !organizationNames.containsKey(organizationUrn)) {
            try {
                Organization page = read(rest("/organizations/" + organizationUrn.substring(LeadOwner.ORGANIZATION_PREFIX.length())).build(),
                        Organization.class);
                cached = page.localizedName();
            } catch (NotFoundException | ForbiddenException e) {
                cached = null;
            }
            organizationNames.put(organizationUrn, cached == null ? "" : cached);
        }
        return cached == null || cached.isEmpty() ? null : cached;
    }

    /** The events of a page ({@code events?q=eventsByOrganizer&organizer=urn:li:organization:…}). */
    public Stream<Event> eventsByOrganizer(String organizationUrn) {
        requireUrn(organizationUrn, LeadOwner.ORGANIZATION_PREFIX);
        ApiRequest finder = finder("/events", "eventsByOrganizer").param("organizer", organizationUrn).build();
        return PageIterator.elements(startCount(finder, pageSize, 0, Event.class));
    }

    /** A campaign of an ad account (cached for the life of this client: names are lead metadata). */
    public Campaign campaign(long accountId, long campaignId) {
        String key = accountId + "/" + campaignId;
        Campaign cached = campaigns.get(key);
        if (cached == null) {
            cached = read(rest("/adAccounts/" + accountId + "/adCampaigns/" + campaignId).build(), Campaign.class);
            remember(campaigns, key, cached);
        }
        return cached;
    }

    /** A creative of an ad account by its URN (cached for the life of this client). */
    public Creative creative(long accountId, String creativeUrn) {
        requireUrn(creativeUrn, "urn:li:sponsoredCreative:");
        String key = accountId + "/" + creativeUrn;
        Creative cached = creatives.get(key);
        if (cached == null) {
            cached = read(rest("/adAccounts/" + accountId + "/creatives/" + RestLi.encodePathKey(creativeUrn)).build(), Creative.class);
            remember(creatives, key, cached);
        }
        return cached;
    }

    // ---- lead forms (§7)

    /** {@code leadForms?q=owner&owner=(sponsoredAccount:…)} or {@code (organization:…)}. */
    public Stream<LeadForm> leadForms(LeadOwner owner) {
        ApiRequest finder = finder("/leadForms", "owner").param("owner", ownerRecord(owner)).build();
        return PageIterator.elements(startCount(finder, pageSize, 0, LeadForm.class));
    }

    /** {@code GET /rest/leadForms/{id}}: the form at its current version. */
    public LeadForm leadForm(long id) {
        return read(rest("/leadForms/" + id).build(), LeadForm.class);
    }

    /** Creates a form and returns its id (LinkedIn's {@code x-restli-id}). */
    public long createLeadForm(LeadForm form) {
        if (form.id() != null || form.versionId() != null) {
            throw new IllegalArgumentException("A lead form to create must not carry an id or versionId (LinkedIn assigns them)");
        }
        return createdId(transport.execute(rest("/leadForms").postJson(LinkedInJson.write(form)).build()), "leadForms");
    }

    /** {@code PARTIAL_UPDATE} with {@code {"patch":{"$set":set}}}; editing a published form creates a new version. */
    public void updateLeadForm(long id, Map<String, Object> set) {
        if (set == null || set.isEmpty()) {
            throw new IllegalArgumentException("updateLeadForm needs at least one field to $set");
        }
        transport.execute(rest("/leadForms/" + id).restLiMethod("PARTIAL_UPDATE")
                .postJson(LinkedInJson.write(Map.of("patch", Map.of("$set", set)))).build());
    }

    /** Archives a form (sets {@code state} to {@code ARCHIVED}). */
    public void archiveLeadForm(long id) {
        updateLeadForm(id, Map.of("state", "ARCHIVED"));
    }

    // ---- leads (§8)

    /** The leads of {@code query}, page by page, from the first page. */
    public Iterator<Page<LeadFormResponse>> leadFormResponsePages(LeadFormResponseQuery query) {
        return leadFormResponsePages(query, 0);
    }

    /** The leads of {@code query}, page by page, from offset {@code start}. */
    public Iterator<Page<LeadFormResponse>> leadFormResponsePages(LeadFormResponseQuery query, int start) {
        ApiRequest.Builder finder = finder("/leadFormResponses", "owner")
                .param("owner", ownerRecord(query.owner()))
                .param("leadType", Map.of("leadType", query.leadType().name()))
                .paramIfPresent("versionedLeadGenFormUrn", query.versionedLeadGenFormUrn())
                .paramIfPresent("limitedToTestLeads", query.limitedToTestLeads())
                .fields(query.fields());
        if (query.associatedEntity() != null) {
            finder.param("associatedEntity", associatedEntityRecord(query));
        }
        if (query.submittedAtTimeRange() != null) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("start", query.submittedAtTimeRange().start());
            range.put("end", query.submittedAtTimeRange().end());
            finder.param("submittedAtTimeRange", range);
        }
        return startCount(finder.build(), query.pageSize(), start, LeadFormResponse.class);
    }

    /** The leads of {@code query} as one lazy stream. */
    public Stream<LeadFormResponse> leadFormResponses(LeadFormResponseQuery query) {
        return PageIterator.elements(leadFormResponsePages(query));
    }

    /** One lead by id (or {@code urn:li:leadGenFormResponse:} URN). */
    public LeadFormResponse leadFormResponse(String id) {
        return read(leadFormResponseRequest(id), LeadFormResponse.class);
    }

    private static ApiRequest leadFormResponseRequest(String id) {
        return rest("/leadFormResponses/" + RestLi.encodePathKey(id)).build();
    }

    /**
     * Several leads in one {@code BATCH_GET}, keyed by id in the order asked; ids LinkedIn does not return are left
     * out. LinkedIn may not offer batch get here: on 400, 404 or 405 this client switches to single gets for good.
     */
    public Map<String, LeadFormResponse> batchGetLeadFormResponses(Collection<String> ids) {
        Map<String, LeadFormResponse> leads = new LinkedHashMap<>();
        batchGet.leadFormResponses(List.copyOf(ids)).forEach((id, kept) -> leads.put(id, kept.value()));
        return leads;
    }

    /**
     * As {@link #batchGetLeadFormResponses}, each lead with its JSON as LinkedIn's answer carried it (a lead's
     * {@code raw}, fields this client does not model included), whether the batch get or the single gets answered.
     */
    public Map<String, KeptJson<LeadFormResponse>> batchGetLeadFormResponsesKeepingJson(Collection<String> ids) {
        return batchGet.leadFormResponses(List.copyOf(ids));
    }

    // ---- lead notifications (§9)

    /** Subscribes a webhook; returns the subscription id. */
    public long createLeadNotification(LeadNotification subscription) {
        return createdId(transport.execute(rest("/leadNotifications").postJson(LinkedInJson.write(subscription.withoutId())).build()),
                "leadNotifications");
    }

    /** {@code leadNotifications?q=criteria&owner=(value:(sponsoredAccount:…))&leadType=(leadType:…)}. */
    public List<LeadNotification> leadNotifications(LeadOwner owner, LeadType leadType) {
        ApiRequest finder = finder("/leadNotifications", "criteria")
                .param("owner", Map.of("value", ownerRecord(owner)))
                .param("leadType", Map.of("leadType", leadType.name())).build();
        return PageIterator.elements(startCount(finder, pageSize, 0, LeadNotification.class)).toList();
    }

    /** {@code GET /rest/leadNotifications/{id}}. */
    public LeadNotification leadNotification(long id) {
        return read(rest("/leadNotifications/" + id).build(), LeadNotification.class);
    }

    /** {@code DELETE /rest/leadNotifications/{id}}: unsubscribes the webhook. */
    public void deleteLeadNotification(long id) {
        transport.execute(rest("/leadNotifications/" + id).delete().restLiMethod("DELETE").build());
    }

    // ---- Matched Audiences (§10)

    /** Creates a segment; returns its id. Streaming to it is retried through LinkedIn's first-minute 404s. */
    public long createDmpSegment(DmpSegment segment) {
        if (segment.id() != null) {
            throw new IllegalArgumentException("A DMP segment to create must not carry an id (LinkedIn assigns it)");
        }
        long id = createdId(transport.execute(rest("/dmpSegments").postJson(LinkedInJson.write(segment)).build()), "dmpSegments");
        newSegments.created(id);
        return id;
    }

    /** {@code dmpSegments?q=account&account=…[&sourcePlatform=…]}. */
    public Stream<DmpSegment> dmpSegments(String accountUrn, String sourcePlatform) {
        requireUrn(accountUrn, LeadOwner.SPONSORED_ACCOUNT_PREFIX);
        ApiRequest finder = finder("/dmpSegments", "account").param("account", accountUrn)
                .paramIfPresent("sourcePlatform", sourcePlatform).build();
        return PageIterator.elements(startCount(finder, pageSize, 0, DmpSegment.class));
    }

    /**
     * {@code GET /rest/dmpSegments/{id}}: status, match rate and audience size. A segment this client created within
     * the last minute is retried through LinkedIn's first-seconds 404s, like streaming to it.
     */
    public DmpSegment dmpSegment(long id) {
        return read(rest("/dmpSegments/" + id).notFoundRetryableUntil(newSegments.notFoundRetryableUntil(id)).build(), DmpSegment.class);
    }

    /** Adds or removes users ({@code BATCH_CREATE}); one result per input, in order. At most 5000 per call. */
    public List<BatchElementResult> dmpSegmentUsers(long segmentId, List<DmpUser> users) {
        return dmpBatch(segmentId, "users", users);
    }

    /** Adds or removes companies ({@code BATCH_CREATE}); one result per input, in order. At most 5000 per call. */
    public List<BatchElementResult> dmpSegmentCompanies(long segmentId, List<DmpCompany> companies) {
        return dmpBatch(segmentId, "companies", companies);
    }

    private List<BatchElementResult> dmpBatch(long segmentId, String kind, List<?> elements) {
        if (elements.size() > MAX_DMP_BATCH) {
            throw new IllegalArgumentException("A dmpSegments " + kind + " batch holds at most " + MAX_DMP_BATCH
                    + " elements, got " + elements.size() + "; split it");
        }
        if (elements.isEmpty()) {
            return List.of();
        }
        ApiRequest request = rest("/dmpSegments/" + segmentId + "/" + kind).restLiMethod("BATCH_CREATE")
                .postJson(LinkedInJson.write(Map.of("elements", elements)))
                .notFoundRetryableUntil(newSegments.notFoundRetryableUntil(segmentId)).build();
        return LinkedInJson.readPage(transport.execute(request).body(), BatchElementResult.class).elements();
    }

    // ---- member (§5)

    /** {@code GET {legacy}/userinfo}: the connected member (needs {@code openid profile}). */
    public UserInfo userInfo() {
        return read(ApiRequest.builder().base(ApiBase.LEGACY).path("/userinfo").build(), UserInfo.class);
    }

    // ---- plumbing

    /** @throws IllegalArgumentException unless 1 <= size <= {@value #MAX_PAGE_SIZE} */
    public static int checkPageSize(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + " (LinkedIn's maximum): " + size);
        }
        return size;
    }

    static ApiRequest.Builder rest(String path) {
        return ApiRequest.builder().base(ApiBase.REST).path(path);
    }

    private static ApiRequest.Builder finder(String path, String q) {
        return rest(path).param("q", q).restLiMethod("FINDER");
    }

    private <T> T read(ApiRequest request, Class<T> type) {
        return LinkedInJson.read(transport.execute(request).body(), type);
    }

    private <T> Page<T> page(ApiRequest request, Class<T> type) {
        byte[] body = transport.execute(request).body();
        // a lead keeps its JSON as LinkedIn sent it (Lead#raw); other elements need no text
        return type == LeadFormResponse.class ? LinkedInJson.readPageKeepingJson(body, type) : LinkedInJson.readPage(body, type);
    }

    private <T> PageIterator<T> startCount(ApiRequest finder, int count, int start, Class<T> type) {
        checkPageSize(count);
        return PageIterator.startCount(start, s -> page(finder.toBuilder().param("start", s).param("count", count).build(), type));
    }

    private static Map<String, Object> ownerRecord(LeadOwner owner) {
        return Map.of(owner.isSponsoredAccount() ? "sponsoredAccount" : "organization", owner.urn());
    }

    private static Map<String, Object> associatedEntityRecord(LeadFormResponseQuery query) {
        return query.associatedEntity().event() != null ? Map.of("event", query.associatedEntity().event())
                : Map.of("associatedCreative", query.associatedEntity().associatedCreative());
    }

    /** The id of a created entity: {@code x-restli-id} (a number, or a URN ending in one). */
    private static long createdId(ApiResponse response, String resource) {
        String id = response.header("x-restli-id");
        if (id == null) {
            id = response.header("x-linkedin-id");
        }
        if (id == null) {
            throw new IllegalStateException("LinkedIn created a " + resource + " entity but sent no x-restli-id header (HTTP "
                    + response.status() + ")");
        }
        String digits = id.substring(Math.max(id.lastIndexOf(':'), id.lastIndexOf('/')) + 1).trim();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("LinkedIn's x-restli-id for the new " + resource + " entity is not numeric: " + id, e);
        }
    }

    private static void requireUrn(String urn, String prefix) {
        if (urn == null || !urn.startsWith(prefix)) {
            throw new IllegalArgumentException("Expected a " + prefix + "… URN, got: " + urn);
        }
    }

    private static <V> void remember(Map<String, V> cache, String key, V value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
    }

    /** Builds a {@link LinkedInApi}; only the token provider is required. */
    public static final class Builder {
        private LinkedInApiSettings settings = LinkedInApiSettings.defaults();
        private AccessTokenProvider tokenProvider;
        private HttpClient httpClient;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private int pageSize = DEFAULT_PAGE_SIZE;
        private ApiInterceptor interceptor = chain -> chain.proceed(chain.request());

        private Builder() {
        }

        /** Base URLs, version, timeouts and retries; default {@link LinkedInApiSettings#defaults()}. */
        public Builder settings(LinkedInApiSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Supplies and renews the bearer token (required). */
        public Builder tokenProvider(AccessTokenProvider tokenProvider) {
            this.tokenProvider = tokenProvider;
            return this;
        }

        /** An HTTP client to share (its own connect timeout and proxy apply); by default the API builds one. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** How retries wait; tests inject one that records instead of sleeping. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock of the new-segment window and of daily-quota resets. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Source of back-off jitter in [0, 1). */
        Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        /** The {@code count}/{@code pageSize} of finders, 1 to {@value #MAX_PAGE_SIZE}; default {@value #DEFAULT_PAGE_SIZE}. */
        public Builder pageSize(int pageSize) {
            this.pageSize = checkPageSize(pageSize);
            return this;
        }

        /**
         * An interceptor inside the retries and outside the error mapping: it sees each attempt, and failures as typed
         * {@link LinkedInApiException}s (the connector's meters use it); by default none.
         */
        public Builder interceptor(ApiInterceptor interceptor) {
            this.interceptor = Objects.requireNonNull(interceptor, "interceptor == null");
            return this;
        }

        /** @throws NullPointerException when the token provider (or an explicitly nulled setting) is missing */
        public LinkedInApi build() {
            Objects.requireNonNull(settings, "settings == null");
            Objects.requireNonNull(tokenProvider, "tokenProvider == null");
            Objects.requireNonNull(sleeper, "sleeper == null");
            Objects.requireNonNull(clock, "clock == null");
            return new LinkedInApi(this);
        }
    }
}
