package io.leadsync.camel.linkedin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.api.RetryPolicy;
import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.lead.CachingLeadContext;
import io.leadsync.camel.linkedin.lead.LeadNormalizer;
import io.leadsync.camel.linkedin.metrics.LeadSyncMetrics;
import io.leadsync.camel.linkedin.poll.LeadPollMemory;
import io.leadsync.camel.linkedin.webhook.LeadNotificationRegistrar;
import io.leadsync.camel.linkedin.webhook.LinkedInLeadSyncWebhookProcessor;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.webhook.WebhookCapableEndpoint;
import org.apache.camel.component.webhook.WebhookConfiguration;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Sync LinkedIn Lead Gen Form leads (poll, or push under webhook:) and manage forms, accounts, events,
 * webhook subscriptions and Matched Audiences segments.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "linkedin-leadsync", title = "LinkedIn Lead Sync", syntax = "linkedin-leadsync:resource",
             category = { Category.SAAS, Category.SOCIAL }, headersClass = LinkedInLeadSyncConstants.class)
public class LinkedInLeadSyncEndpoint extends ScheduledPollEndpoint implements WebhookCapableEndpoint, EndpointServiceLocation {

    @UriPath(description = "The LinkedIn resource: leads (consumer and producer), forms, accounts, events, notifications, segments, profile")
    @Metadata(required = true)
    private final LinkedInLeadSyncResource resource;
    @UriParam
    private final LinkedInLeadSyncConfiguration configuration;

    private WebhookConfiguration webhookConfiguration;
    private volatile LinkedInApi api;
    private volatile AccessTokenProvider tokenProvider;
    private volatile CachingLeadContext leadContext;
    /** How often the poll runs unless the route says otherwise: every 5 minutes. */
    static final long DEFAULT_DELAY_MS = 300_000;

    private volatile LeadNormalizer leadNormalizer;
    private final LeadPollMemory pollMemory = new LeadPollMemory();
    private volatile Clock clock = Clock.systemUTC();
    private volatile LinkedInLeadSyncWebhookProcessor webhookHandler;

    // declared here as camel-mail does, so that the catalog states the default this endpoint runs with, not
    // ScheduledPollEndpoint's 500 ms: LinkedIn leads are not urgent to the second, and push brings them at once
    @UriParam(defaultValue = "300000", javaType = "java.time.Duration", label = "consumer,scheduler",
              description = "Milliseconds before the next poll.")
    private long delay = DEFAULT_DELAY_MS;

    public LinkedInLeadSyncEndpoint(String uri, LinkedInLeadSyncComponent component, LinkedInLeadSyncResource resource,
                                    LinkedInLeadSyncConfiguration configuration) {
        super(uri, component);
        this.resource = resource;
        this.configuration = configuration;
        super.setDelay(DEFAULT_DELAY_MS);
    }

    @Override
    public long getDelay() {
        return delay;
    }

    @Override
    public void setDelay(long delay) {
        this.delay = delay;
        super.setDelay(delay);
    }

    @Override
    public LinkedInLeadSyncComponent getComponent() {
        return (LinkedInLeadSyncComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new LinkedInLeadSyncProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (resource != LinkedInLeadSyncResource.leads) {
            throw new IllegalArgumentException("Only linkedin-leadsync:leads can be consumed; '" + resource + "' is a producer resource");
        }
        LinkedInLeadSyncConsumer consumer = new LinkedInLeadSyncConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        tokenProvider = getComponent().tokenProviderFor(configuration);
        LinkedInApiSettings settings = LinkedInApiSettings.builder().restBaseUrl(configuration.getRestBaseUrl())
                .legacyBaseUrl(configuration.getLegacyBaseUrl()).oauthBaseUrl(configuration.getOauthBaseUrl())
                .version(configuration.getApiVersion()).connectTimeout(Duration.ofMillis(configuration.getConnectTimeout()))
                .readTimeout(Duration.ofMillis(configuration.getReadTimeout()))
                .retryPolicy(RetryPolicy.DEFAULT.withMaxRetries(configuration.getMaxRetries())).build();
        api = LinkedInApi.builder().settings(settings).tokenProvider(tokenProvider).pageSize(configuration.getPageSize())
                .interceptor(LeadSyncMetrics.linkedInCalls(getCamelContext())).build();
        leadContext = getComponent().leadContextFor(configuration, api);
        leadNormalizer = new LeadNormalizer(leadContext);
        // started here, as Camel's Idempotent Consumer starts its repository; not stopped here, because a bound
        // ledger may serve several endpoints, and its owner (the registry, the app) stops it
        CamelContextAware.trySetCamelContext(configuration.getDeliveryRepository(), getCamelContext());
        ServiceHelper.startService(configuration.getDeliveryRepository());
    }

    @Override
    protected void doStop() throws Exception {
        LinkedInLeadSyncWebhookProcessor handler = webhookHandler;
        if (handler != null) {
            handler.flushLogs();
        }
        super.doStop();
    }

    /** The clock of the webhook's memories and log summaries, and of the poll consumer's windows and backoff. */
    public Clock clock() {
        return clock;
    }

    /** Test seam: the clock of the webhook's memories and log summaries, and of the poll consumer. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The LinkedIn API client of this endpoint (built at start). */
    public LinkedInApi getApi() {
        return api;
    }

    /** The token provider this endpoint calls LinkedIn with. */
    public AccessTokenProvider getTokenProvider() {
        return tokenProvider;
    }

    /** Form versions and metadata names, cached for the endpoint's life. */
    public CachingLeadContext getLeadContext() {
        return leadContext;
    }

    /** Turns LinkedIn's leads into normalized leads. */
    public LeadNormalizer getLeadNormalizer() {
        return leadNormalizer;
    }

    /** What the poll consumer remembers across route restarts (a new consumer is created at each start). */
    LeadPollMemory getPollMemory() {
        return pollMemory;
    }

    public LinkedInLeadSyncResource getResource() {
        return resource;
    }

    public LinkedInLeadSyncConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Processor createWebhookHandler(Processor next) {
        LinkedInLeadSyncWebhookProcessor handler = new LinkedInLeadSyncWebhookProcessor(this, next);
        webhookHandler = handler;
        return handler;
    }

    @Override
    public void registerWebhook() throws Exception {
        webhookRegistrar().register();
    }

    @Override
    public void unregisterWebhook() throws Exception {
        webhookRegistrar().unregister();
    }

    private LeadNotificationRegistrar registrar;

    synchronized LeadNotificationRegistrar webhookRegistrar() {
        if (registrar == null) {
            registrar = new LeadNotificationRegistrar(this);
        }
        return registrar;
    }

    @Override
    public void setWebhookConfiguration(WebhookConfiguration webhookConfiguration) {
        this.webhookConfiguration = webhookConfiguration;
    }

    public WebhookConfiguration getWebhookConfiguration() {
        return webhookConfiguration;
    }

    @Override
    public List<String> getWebhookMethods() {
        // GET answers LinkedIn's challenge, POST carries the notifications
        return List.of("GET", "POST");
    }

    @Override
    public String getServiceUrl() {
        return configuration.getRestBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "https";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return configuration.getClientId() == null ? null : Map.of("clientId", configuration.getClientId());
    }
}
