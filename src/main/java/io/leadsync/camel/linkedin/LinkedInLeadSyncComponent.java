package io.leadsync.camel.linkedin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.audience.MinuteRateLimiter;
import io.leadsync.camel.linkedin.auth.AccessTokenProvider;
import io.leadsync.camel.linkedin.auth.InMemoryTokenStore;
import io.leadsync.camel.linkedin.auth.OAuthClient;
import io.leadsync.camel.linkedin.auth.OAuthToken;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.auth.TokenManager;
import io.leadsync.camel.linkedin.auth.TokenStore;
import io.leadsync.camel.linkedin.lead.CachingLeadContext;
import io.leadsync.camel.linkedin.lead.LinkedInLeadContext;
import io.leadsync.camel.linkedin.logging.Untrusted;
import io.leadsync.camel.linkedin.poll.DiscoveredOwners;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.PropertiesHelper;
import org.apache.camel.util.URISupport;

/** The {@code linkedin-leadsync} component: LinkedIn Lead Sync and Matched Audiences for Camel routes. */
@Component("linkedin-leadsync")
public class LinkedInLeadSyncComponent extends HealthCheckComponent {

    @Metadata(description = "Component-level defaults copied into every endpoint")
    private LinkedInLeadSyncConfiguration configuration = new LinkedInLeadSyncConfiguration();
    @Metadata(label = "security", autowired = true,
              description = "Supplies access tokens (for example the app's TokenManager, connected through the OAuth flow). "
                            + "When set, clientId/clientSecret/accessToken/tokenStore are not used to build one.")
    private AccessTokenProvider tokenProvider;
    @Metadata(label = "security", autowired = true,
              description = "Where the OAuth grant is kept (EncryptedFileTokenStore, JdbcTokenStore, …); with clientId and "
                            + "clientSecret the component refreshes tokens and writes them back here.")
    private TokenStore tokenStore;

    // endpoints with the same credentials share one token provider, so a refresh happens once for all of them
    private final Map<String, AccessTokenProvider> tokenProviders = new ConcurrentHashMap<>();
    // and one cache of form versions and names, so a form version is loaded once per application, not per endpoint
    private final Map<String, CachingLeadContext> leadContexts = new ConcurrentHashMap<>();
    // and one discovery of the member's accounts and pages, asked by the poller and the webhook's registrar alike
    private final Map<String, DiscoveredOwners> discoveredOwners = new ConcurrentHashMap<>();
    // and one Matched Audiences upload budget per member and kind (LinkedIn limits requests per member and minute)
    private final Map<String, MinuteRateLimiter> uploadLimiters = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LinkedInLeadSyncResource resource = parseResource(uri, remaining);
        LinkedInLeadSyncConfiguration config = configuration.copy();
        LinkedInLeadSyncEndpoint endpoint = new LinkedInLeadSyncEndpoint(uri, this, resource, config);
        setProperties(endpoint, parameters);
        new LinkedInLeadSyncConfigurationValidator(uri, resource, config, tokenProvider != null).validate();
        return endpoint;
    }

    private static LinkedInLeadSyncResource parseResource(String uri, String remaining) {
        try {
            return LinkedInLeadSyncResource.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            // the URI carries the secret options: masked as Camel masks them; the enum's own message adds nothing
            throw new IllegalArgumentException("Unknown resource '" + Untrusted.text(remaining) + "' in " + URISupport.sanitizeUri(uri)
                                               + "; use one of " + java.util.Arrays.toString(LinkedInLeadSyncResource.values()));
        }
    }

    /**
     * As Camel's check, but the message names the unknown parameters without their values: a misspelt secret option
     * ({@code clientSecrett=…}) would otherwise print the secret.
     */
    @Override
    protected void validateParameters(String uri, Map<String, Object> parameters, String optionPrefix) {
        if (parameters == null || parameters.isEmpty()) {
            return;
        }
        Map<String, Object> unknown = optionPrefix == null ? parameters : PropertiesHelper.extractProperties(parameters, optionPrefix);
        if (!unknown.isEmpty()) {
            throw new ResolveEndpointFailedException(URISupport.sanitizeUri(uri), "There are " + unknown.size()
                    + " parameters that couldn't be set on the endpoint. Check the uri if the parameters are spelt correctly and that "
                    + "they are properties of the endpoint. Unknown parameters (values not shown)="
                    + Untrusted.text(new java.util.TreeSet<>(unknown.keySet())));
        }
    }

    /** The token provider for an endpoint's configuration: the configured bean, else one built and shared per credentials. */
    AccessTokenProvider tokenProviderFor(LinkedInLeadSyncConfiguration config) {
        if (tokenProvider != null) {
            return tokenProvider;
        }
        return tokenProviders.computeIfAbsent(credentialsKey(config), k -> buildTokenProvider(config));
    }

    /** The form-version and name cache shared by endpoints with the same credentials and API base URL. */
    CachingLeadContext leadContextFor(LinkedInLeadSyncConfiguration config, LinkedInApi api) {
        return leadContexts.computeIfAbsent(credentialsKey(config) + "|" + config.getRestBaseUrl(),
                k -> new CachingLeadContext(new LinkedInLeadContext(api)));
    }

    /** The member's accounts and pages, discovered once for the endpoints with the same credentials and API base URL. */
    public DiscoveredOwners discoveredOwnersFor(LinkedInLeadSyncConfiguration config) {
        return discoveredOwners.computeIfAbsent(credentialsKey(config) + "|" + config.getRestBaseUrl(), k -> new DiscoveredOwners());
    }

    /** The per-minute upload limiter of one member ({@code tokenProvider}) for {@code kind} (users or companies). */
    public MinuteRateLimiter uploadLimiter(AccessTokenProvider member, String kind, java.util.function.Supplier<MinuteRateLimiter> factory) {
        return uploadLimiters.computeIfAbsent(System.identityHashCode(member) + "|" + kind, k -> factory.get());
    }

    /**
     * The cache of form versions seen by the endpoints that use the component-level configuration, or {@code null}
     * before one of them started. Sinks that build per-form tables read form versions from it instead of calling
     * LinkedIn again.
     */
    public CachingLeadContext getSharedLeadContext() {
        return leadContexts.get(credentialsKey(configuration) + "|" + configuration.getRestBaseUrl());
    }

    private String credentialsKey(LinkedInLeadSyncConfiguration config) {
        return tokenProvider != null ? "bound" : Integer.toHexString(Objects.hash(config.getClientId(), config.getClientSecret(),
                config.getAccessToken(), config.getRefreshToken(), config.getOauthBaseUrl(), config.getRedirectUri()));
    }

    private AccessTokenProvider buildTokenProvider(LinkedInLeadSyncConfiguration config) {
        if (config.getClientId() == null || config.getClientSecret() == null) {
            // a token from the developer portal: usable until it expires, then LinkedIn's 401 asks for a new one
            return new StaticTokenProvider(config.getAccessToken());
        }
        OAuthClient oauth = OAuthClient.builder().clientId(config.getClientId()).clientSecret(config.getClientSecret())
                .redirectUri(config.getRedirectUri() != null ? config.getRedirectUri() : "http://localhost/oauth/callback")
                .scopes(config.getScopes().trim().split("[,\\s]+")).oauthBaseUrl(config.getOauthBaseUrl()).build();
        TokenStore store = tokenStore;
        if (store == null) {
            store = new InMemoryTokenStore();
        }
        if (config.getAccessToken() != null && store.load().isEmpty()) {
            // LinkedIn gives no expiry with a pasted token: assume a fresh one; a 401 refreshes earlier if it is not
            Instant now = Clock.systemUTC().instant();
            store.save(new OAuthToken(config.getAccessToken(), now.plus(Duration.ofDays(60)), config.getRefreshToken(), null,
                    OAuthToken.parseScopes(config.getScopes()), now));
        }
        return TokenManager.builder().oauthClient(oauth).tokenStore(store).refreshMargin(Duration.ofMillis(config.getRefreshMargin()))
                .build();
    }

    public LinkedInLeadSyncConfiguration getConfiguration() {
        return configuration;
    }

    /** Component-level defaults (client id and secret, token store, API version, base URLs …) for every endpoint. */
    public void setConfiguration(LinkedInLeadSyncConfiguration configuration) {
        this.configuration = configuration;
    }

    public AccessTokenProvider getTokenProvider() {
        return tokenProvider;
    }

    /** Supplies access tokens to every endpoint (for example the app's TokenManager). */
    public void setTokenProvider(AccessTokenProvider tokenProvider) {
        this.tokenProvider = tokenProvider;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    /** Where the OAuth grant is kept when the component builds its own token manager from clientId and clientSecret. */
    public void setTokenStore(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }
}
