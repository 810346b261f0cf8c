package io.leadsync.camel.linkedin;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Every option of a linkedin-leadsync endpoint; component-level values are copied into each endpoint. */
@UriParams
public class LinkedInLeadSyncConfiguration implements Cloneable {

    // common
    @UriParam(label = "common", defaultValue = "202610")
    private String apiVersion = "202610";
    @UriParam(label = "advanced", defaultValue = "https://api.linkedin.com/rest")
    private String restBaseUrl = "https://api.linkedin.com/rest";
    @UriParam(label = "advanced", defaultValue = "https://api.linkedin.com/v2")
    private String legacyBaseUrl = "https://api.linkedin.com/v2";
    @UriParam(label = "advanced", defaultValue = "https://www.linkedin.com/oauth/v2")
    private String oauthBaseUrl = "https://www.linkedin.com/oauth/v2";
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long readTimeout = 30_000;
    @UriParam(label = "advanced", defaultValue = "4")
    private int maxRetries = 4;

    // security
    @UriParam(label = "security")
    private String clientId;
    @UriParam(label = "security", secret = true)
    private String clientSecret;
    @UriParam(label = "security", secret = true)
    private String accessToken;
    @UriParam(label = "security", secret = true)
    private String refreshToken;
    @UriParam(label = "security")
    private String redirectUri;
    @UriParam(label = "security", defaultValue = "r_marketing_leadgen_automation r_ads r_organization_admin r_events rw_dmp_segments")
    private String scopes = "r_marketing_leadgen_automation r_ads r_organization_admin r_events rw_dmp_segments";
    @UriParam(label = "security", defaultValue = "300000", javaType = "java.time.Duration")
    private long refreshMargin = 300_000;

    // consumer
    // common: searchLeads, listForms and listEvents read it too
    @UriParam(label = "common")
    private String owners;
    @UriParam(label = "consumer", defaultValue = "SPONSORED,EVENT,COMPANY,ORGANIZATION_PRODUCT")
    private String leadTypes = "SPONSORED,EVENT,COMPANY,ORGANIZATION_PRODUCT";
    @UriParam(label = "consumer")
    private String formIds;
    // common: searchLeads filters by it too
    @UriParam(label = "common", defaultValue = "include")
    private TestLeadsMode testLeads = TestLeadsMode.include;
    @UriParam(label = "consumer", defaultValue = "365")
    private int backfillDays = 365;
    @UriParam(label = "consumer", defaultValue = "600000", javaType = "java.time.Duration")
    private long overlap = 600_000;
    @UriParam(label = "common", defaultValue = "1000")
    private int pageSize = 1000;
    @UriParam(label = "consumer,advanced")
    @Metadata(autowired = false)
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer,advanced")
    @Metadata(autowired = false)
    private IdempotentRepository deliveryRepository;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean enrich = true;
    @UriParam(label = "consumer,advanced", defaultValue = "31536000000", javaType = "java.time.Duration")
    private long windowSize = 31_536_000_000L;
    @UriParam(label = "consumer", defaultValue = "180000", javaType = "java.time.Duration")
    private long visibilityLag = 180_000;
    @UriParam(label = "consumer", defaultValue = "0")
    private int maxMessagesPerPoll;
    @UriParam(label = "consumer,advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long streamBackoffDelay = 60_000;
    @UriParam(label = "consumer,advanced", defaultValue = "3600000", javaType = "java.time.Duration")
    private long streamBackoffMaxDelay = 3_600_000;

    // webhook (push)
    @UriParam(label = "consumer,webhook")
    private String notificationForms;
    @UriParam(label = "consumer,webhook")
    private String notificationCreatives;
    @UriParam(label = "consumer,webhook")
    private String notificationEvents;
    @UriParam(label = "consumer,webhook", defaultValue = "false")
    private boolean unregisterOnStop;
    @UriParam(label = "consumer,webhook", defaultValue = "10000")
    private int webhookDedupCacheSize = 10_000;
    @UriParam(label = "consumer,webhook", defaultValue = "10000")
    private int webhookUnknownLeadCacheSize = 10_000;
    @UriParam(label = "consumer,webhook", defaultValue = "3600000", javaType = "java.time.Duration")
    private long webhookUnknownLeadCacheTtl = 3_600_000;
    @UriParam(label = "consumer,webhook", defaultValue = "1048576")
    private int webhookMaxBodySize = 1_048_576;
    @UriParam(label = "consumer,webhook")
    @Metadata(autowired = false)
    private io.leadsync.camel.linkedin.inbox.WebhookInbox webhookInbox;
    @UriParam(label = "consumer,webhook", defaultValue = "600000", javaType = "java.time.Duration")
    private long webhookInboxPendingTime = 600_000;
    @UriParam(label = "consumer,webhook,advanced", defaultValue = "1000", javaType = "java.time.Duration")
    private long webhookInboxRetryDelay = 1_000;
    @UriParam(label = "consumer,webhook,advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long webhookInboxMaxRetryDelay = 60_000;
    @UriParam(label = "consumer,webhook,advanced", defaultValue = "100")
    private int webhookInboxBatchSize = 100;

    // producer
    @UriParam(label = "producer")
    private LinkedInLeadSyncOperations operation;
    @UriParam(label = "producer")
    private Long segmentId;
    @UriParam(label = "producer", defaultValue = "LEADSYNC")
    private String sourcePlatform = "LEADSYNC";
    @UriParam(label = "producer", defaultValue = "1000")
    private int maxResults = 1000;
    @UriParam(label = "producer", defaultValue = "H2", enums = "H2,POSTGRESQL")
    private String sqlDialect = "H2";

    public String getApiVersion() {
        return apiVersion;
    }

    /**
     * The LinkedIn Marketing API version sent as LinkedIn-Version (YYYYMM). LinkedIn keeps a version for about
     * 12 months and answers 426 after that: move this option to a current version then.
     */
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getRestBaseUrl() {
        return restBaseUrl;
    }

    /** Base URL of LinkedIn's versioned REST API; point it at the LinkedIn sandbox or a proxy for tests. */
    public void setRestBaseUrl(String restBaseUrl) {
        this.restBaseUrl = restBaseUrl;
    }

    public String getLegacyBaseUrl() {
        return legacyBaseUrl;
    }

    /** Base URL of LinkedIn's unversioned /v2 API (used only for userinfo). */
    public void setLegacyBaseUrl(String legacyBaseUrl) {
        this.legacyBaseUrl = legacyBaseUrl;
    }

    public String getOauthBaseUrl() {
        return oauthBaseUrl;
    }

    /** Base URL of LinkedIn's OAuth 2.0 server (authorization page, token, introspection). */
    public void setOauthBaseUrl(String oauthBaseUrl) {
        this.oauthBaseUrl = oauthBaseUrl;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for a connection to LinkedIn. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    /** How long to wait for LinkedIn's answer to one request. */
    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * How many times a throttled (429), timed-out or failed (5xx) call is retried, with exponential backoff and jitter
     * or LinkedIn's Retry-After. A daily-quota 429 is never retried: the poll stops and resumes after 00:00 UTC.
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public String getClientId() {
        return clientId;
    }

    /** The LinkedIn app's client id (Developer Portal, Auth tab). */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** The LinkedIn app's client secret; also the key of webhook signatures and challenge responses. */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getAccessToken() {
        return accessToken;
    }

    /**
     * A member access token to start with. With a refresh token it is refreshed before it expires; without one, its
     * expiry means re-authorization through the OAuth flow. Leave empty to use the token store.
     */
    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    /** The refresh token that goes with accessToken (LinkedIn grants them to approved partners only). */
    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    /** The OAuth redirect URI registered for the app; used in authorization URLs and the code exchange. */
    public void setRedirectUri(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    public String getScopes() {
        return scopes;
    }

    /**
     * The OAuth scopes to request, space- or comma-separated. Leads need r_marketing_leadgen_automation, r_ads and
     * r_organization_admin (r_events for event leads, rw_ads to create forms); audiences need rw_dmp_segments.
     */
    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public long getRefreshMargin() {
        return refreshMargin;
    }

    /** How long before its expiry an access token is refreshed. */
    public void setRefreshMargin(long refreshMargin) {
        this.refreshMargin = refreshMargin;
    }

    public String getOwners() {
        return owners;
    }

    /**
     * Comma-separated owner URNs to sync (urn:li:sponsoredAccount:… for sponsored leads,
     * urn:li:organization:… for event, company and product-page leads). Empty: every ad account and page the
     * member can read leads of, discovered through the accounts API at start.
     */
    public void setOwners(String owners) {
        this.owners = owners;
    }

    public String getLeadTypes() {
        return leadTypes;
    }

    /** Comma-separated lead types to sync: SPONSORED, EVENT, COMPANY, ORGANIZATION_PRODUCT. */
    public void setLeadTypes(String leadTypes) {
        this.leadTypes = leadTypes;
    }

    public String getFormIds() {
        return formIds;
    }

    /** Comma-separated lead form ids: only leads of these forms are emitted. Empty: every form. */
    public void setFormIds(String formIds) {
        this.formIds = formIds;
    }

    public TestLeadsMode getTestLeads() {
        return testLeads;
    }

    /** Whether test leads (generated in Campaign Manager) are included, excluded, or the only ones fetched. */
    public void setTestLeads(TestLeadsMode testLeads) {
        this.testLeads = testLeads;
    }

    public int getBackfillDays() {
        return backfillDays;
    }

    /** How far back the first poll reaches when no watermark is stored. LinkedIn keeps leads for 365 days. */
    public void setBackfillDays(int backfillDays) {
        this.backfillDays = backfillDays;
    }

    public long getOverlap() {
        return overlap;
    }

    /**
     * Each poll starts this long before the stored watermark, so that leads LinkedIn indexes late are not missed;
     * leads seen in the overlap are deduplicated by lead id inside the consumer.
     */
    public void setOverlap(long overlap) {
        this.overlap = overlap;
    }

    public int getPageSize() {
        return pageSize;
    }

    /**
     * Elements per LinkedIn page (count), 1 to 1000 (LinkedIn's maximum, the default: the fewest calls). Each page
     * becomes one exchange on the consumer.
     */
    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    /**
     * Where the poll watermark is kept, one entry per owner and lead type. Use a FileStateRepository or the
     * JDBC one of this component to survive restarts; the default keeps it in memory.
     */
    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public IdempotentRepository getDeliveryRepository() {
        return deliveryRepository;
    }

    /**
     * The delivery ledger of a sink outside this component's database (Salesforce, an HTTP API, a queue), so that
     * it gets the same rules as the database: each lead once, and never again once withdrawn. Keys are
     * leadId:CREATED and leadId:DELETED; each is added before the exchange is routed (leads already delivered, in
     * flight or withdrawn are left out of the body), confirmed when the exchange completes, and removed when it
     * fails. Use JdbcLeadDeliveryRepository on the app's database, one per sink; without it every lead read is routed.
     */
    public void setDeliveryRepository(IdempotentRepository deliveryRepository) {
        this.deliveryRepository = deliveryRepository;
    }

    public boolean isEnrich() {
        return enrich;
    }

    /**
     * Ask LinkedIn to inline each lead's form version and the names of its account, campaign, creative and event (the
     * enrichment projection), so that a page costs one call however many forms it spans.
     */
    public void setEnrich(boolean enrich) {
        this.enrich = enrich;
    }

    public long getWindowSize() {
        return windowSize;
    }

    /**
     * The longest submittedAt range one cursor reads; a longer range is cut into slices of this length, read oldest
     * first. The default, 365 days (LinkedIn's retention), reads a whole back-fill with one cursor, so its pages are
     * all full but the last. The watermark moves to a slice's end once every page of it was delivered, while the
     * cursor inside it is saved after every page, so a failure or a restart loses no progress either way. Each slice
     * ends on a partial page and costs at least one call: a shorter slice only adds calls (a 365-day back-fill in
     * 30-day slices costs at least 13 calls per owner and lead type).
     */
    public void setWindowSize(long windowSize) {
        this.windowSize = windowSize;
    }

    public long getVisibilityLag() {
        return visibilityLag;
    }

    /**
     * How far behind the clock a poll stops reading: each poll reads leads submitted up to now minus visibilityLag
     * and its watermark never passes that. LinkedIn may make a lead readable some time after it notified it (and after
     * its submittedAt), and this host's clock may run ahead of LinkedIn's; a lead that becomes readable within the lag
     * is still read, while the overlap only re-reads what lies behind the watermark. A lead missed by the webhook then
     * arrives through the poll this much later. 0 reads up to the host's now.
     */
    public void setVisibilityLag(long visibilityLag) {
        this.visibilityLag = visibilityLag;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /**
     * The most page exchanges one poll emits, over all streams (0: no limit), e.g. to spread a large back-fill over
     * several polls. The next poll goes on where this one stopped: in the same stream, from the cursor saved after the
     * last delivered page, so no page is read twice. With Camel's greedy=true the next poll runs at once while
     * pages are left: a back-fill goes on at full speed in polls of this many pages, and Camel's consumer health check
     * (which waits for a first poll) is UP after the first of them instead of after the whole back-fill. A stream read
     * to its end during such a run of greedy polls is read again at the next scheduled poll, so a caught-up stream
     * costs no call per greedy poll.
     */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public long getStreamBackoffDelay() {
        return streamBackoffDelay;
    }

    /**
     * Each owner and lead type is a stream that fails alone: when reading one fails (a 403 on EVENT leads, 5xx after
     * the client's retries, an unreadable stored state), the other streams go on in the same poll and the failing
     * one is tried again no sooner than this after its failure, doubling with each failure in a row up to
     * streamBackoffMaxDelay. The failure and the time of the next try show in the consumer's readiness
     * details. Errors of the whole connection (re-authorization required, a throttle or the daily quota) end the poll
     * as before.
     */
    public void setStreamBackoffDelay(long streamBackoffDelay) {
        this.streamBackoffDelay = streamBackoffDelay;
    }

    public long getStreamBackoffMaxDelay() {
        return streamBackoffMaxDelay;
    }

    /** The longest a failing stream waits between two tries (see streamBackoffDelay). */
    public void setStreamBackoffMaxDelay(long streamBackoffMaxDelay) {
        this.streamBackoffMaxDelay = streamBackoffMaxDelay;
    }

    public String getNotificationForms() {
        return notificationForms;
    }

    /** Webhook only: comma-separated versioned form URNs; subscribe to these forms instead of the whole owner. */
    public void setNotificationForms(String notificationForms) {
        this.notificationForms = notificationForms;
    }

    public String getNotificationCreatives() {
        return notificationCreatives;
    }

    /** Webhook only: comma-separated sponsored creative URNs; subscribe to leads of these creatives only. */
    public void setNotificationCreatives(String notificationCreatives) {
        this.notificationCreatives = notificationCreatives;
    }

    public String getNotificationEvents() {
        return notificationEvents;
    }

    /** Webhook only: comma-separated event URNs; subscribe to registrations of these events only. */
    public void setNotificationEvents(String notificationEvents) {
        this.notificationEvents = notificationEvents;
    }

    public boolean isUnregisterOnStop() {
        return unregisterOnStop;
    }

    /** Webhook only: delete the lead-notification subscriptions this endpoint registered when the route stops (teardown). */
    public void setUnregisterOnStop(boolean unregisterOnStop) {
        this.unregisterOnStop = unregisterOnStop;
    }

    public int getWebhookDedupCacheSize() {
        return webhookDedupCacheSize;
    }

    /** Webhook only: how many recent (lead id, action) pairs are remembered to drop repeated deliveries. */
    public void setWebhookDedupCacheSize(int webhookDedupCacheSize) {
        this.webhookDedupCacheSize = webhookDedupCacheSize;
    }

    public int getWebhookUnknownLeadCacheSize() {
        return webhookUnknownLeadCacheSize;
    }

    /**
     * Webhook only: how many lead ids LinkedIn answered "not found" for are remembered, so that a replayed or repeated
     * notification naming one is acknowledged without another BATCH_GET against LinkedIn's quota. The least recently
     * noted ids are forgotten first; 0 turns the memory off. It is a cache: a restart only costs one look-up per id.
     */
    public void setWebhookUnknownLeadCacheSize(int webhookUnknownLeadCacheSize) {
        this.webhookUnknownLeadCacheSize = webhookUnknownLeadCacheSize;
    }

    public long getWebhookUnknownLeadCacheTtl() {
        return webhookUnknownLeadCacheTtl;
    }

    /**
     * Webhook only: how long a lead id LinkedIn answered "not found" for is not asked again (default 1 hour). A lead
     * LinkedIn indexes late is not lost meanwhile: the poll (pull backup) brings it in. 0 turns the memory off.
     */
    public void setWebhookUnknownLeadCacheTtl(long webhookUnknownLeadCacheTtl) {
        this.webhookUnknownLeadCacheTtl = webhookUnknownLeadCacheTtl;
    }

    public int getWebhookMaxBodySize() {
        return webhookMaxBodySize;
    }

    /**
     * Webhook only: the largest notification POST accepted, in bytes (default 1 MiB; LinkedIn's notifications are
     * well under 2 KB). A larger body is answered 413 before its signature is computed. The HTTP server buffers the
     * body first: also cap it there (for camel-platform-http-main, camel.server.maxBodySize).
     */
    public void setWebhookMaxBodySize(int webhookMaxBodySize) {
        this.webhookMaxBodySize = webhookMaxBodySize;
    }

    public io.leadsync.camel.linkedin.inbox.WebhookInbox getWebhookInbox() {
        return webhookInbox;
    }

    /**
     * Webhook only: a durable inbox for deliveries (a bean, e.g. {@code JdbcWebhookInbox} on the application's
     * DataSource). With it, a verified delivery is committed to the inbox and only then answered 200; a worker on the
     * endpoint drains it: it fetches the CREATED leads in coalesced batches, routes them and retries with backoff what
     * fails, and keeps asking for a CREATED lead LinkedIn cannot return yet for webhookInboxPendingTime before leaving
     * it to the poll. A crash or stop between the answer and the processing loses nothing: the next start drains the
     * row. Without it, the route runs inside the request and its outcome is the answer (200 or 500).
     */
    public void setWebhookInbox(io.leadsync.camel.linkedin.inbox.WebhookInbox webhookInbox) {
        this.webhookInbox = webhookInbox;
    }

    public long getWebhookInboxPendingTime() {
        return webhookInboxPendingTime;
    }

    /**
     * Webhook inbox only: how long a CREATED lead that LinkedIn does not return yet (not indexed, or withdrawn) is
     * asked for again, with backoff, before it is left to the poll, with one log line (default 10 minutes).
     */
    public void setWebhookInboxPendingTime(long webhookInboxPendingTime) {
        this.webhookInboxPendingTime = webhookInboxPendingTime;
    }

    public long getWebhookInboxRetryDelay() {
        return webhookInboxRetryDelay;
    }

    /**
     * Webhook inbox only: the wait before an entry is tried again after its first failed attempt (default 1 s); it
     * doubles with each attempt up to webhookInboxMaxRetryDelay. Also how often the worker looks for due entries.
     */
    public void setWebhookInboxRetryDelay(long webhookInboxRetryDelay) {
        this.webhookInboxRetryDelay = webhookInboxRetryDelay;
    }

    public long getWebhookInboxMaxRetryDelay() {
        return webhookInboxMaxRetryDelay;
    }

    /** Webhook inbox only: the longest wait between two attempts of an entry (default 1 minute). */
    public void setWebhookInboxMaxRetryDelay(long webhookInboxMaxRetryDelay) {
        this.webhookInboxMaxRetryDelay = webhookInboxMaxRetryDelay;
    }

    public int getWebhookInboxBatchSize() {
        return webhookInboxBatchSize;
    }

    /** Webhook inbox only: the most entries the worker claims, fetches in one BATCH_GET and routes in one exchange (default 100). */
    public void setWebhookInboxBatchSize(int webhookInboxBatchSize) {
        this.webhookInboxBatchSize = webhookInboxBatchSize;
    }

    public LinkedInLeadSyncOperations getOperation() {
        return operation;
    }

    /**
     * The producer operation; it must belong to the endpoint's resource. Overridden per message by the
     * CamelLinkedInOperation header. Default: the resource's list operation (profile: heartbeat).
     */
    public void setOperation(LinkedInLeadSyncOperations operation) {
        this.operation = operation;
    }

    public Long getSegmentId() {
        return segmentId;
    }

    /** Segments producer: the DMP segment to read or change, unless the CamelLinkedInSegmentId header names one. */
    public void setSegmentId(Long segmentId) {
        this.segmentId = segmentId;
    }

    public String getSourcePlatform() {
        return sourcePlatform;
    }

    /** Segments producer: the sourcePlatform of segments this integration creates and lists. */
    public void setSourcePlatform(String sourcePlatform) {
        this.sourcePlatform = sourcePlatform;
    }

    public int getMaxResults() {
        return maxResults;
    }

    /**
     * searchLeads: the most leads one exchange carries (default 1000). A search stops fetching pages once it has this
     * many and sets the CamelLinkedInResultTruncated header; narrow the search with the CamelLinkedInSubmittedAfter and
     * CamelLinkedInSubmittedBefore headers, or use the polling consumer for bulk reads.
     */
    public void setMaxResults(int maxResults) {
        this.maxResults = maxResults;
    }

    public String getSqlDialect() {
        return sqlDialect;
    }

    /** formDdl: the SQL dialect of the DDL, H2 or POSTGRESQL, unless the CamelLinkedInSqlDialect header names one. */
    public void setSqlDialect(String sqlDialect) {
        this.sqlDialect = sqlDialect;
    }

    /** A copy for one endpoint, so that endpoint options never change the component's defaults. */
    public LinkedInLeadSyncConfiguration copy() {
        try {
            return (LinkedInLeadSyncConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // never print the secret options
        return "LinkedInLeadSyncConfiguration[apiVersion=" + apiVersion + ", restBaseUrl=" + restBaseUrl + ", clientId=" + clientId
                + ", owners=" + owners + ", leadTypes=" + leadTypes + ", operation=" + operation + "]";
    }
}
