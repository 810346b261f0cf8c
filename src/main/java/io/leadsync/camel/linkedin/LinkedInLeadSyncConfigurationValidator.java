package io.leadsync.camel.linkedin;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.util.URISupport;

/** Checks an endpoint's options when it is created, so misconfiguration fails at start with the option's name. */
public final class LinkedInLeadSyncConfigurationValidator {

    private static final Pattern VERSION = Pattern.compile("\\d{6}(\\.\\d{2})?");

    private final String uri;
    private final LinkedInLeadSyncResource resource;
    private final LinkedInLeadSyncConfiguration config;
    private final boolean tokenProviderBound;

    LinkedInLeadSyncConfigurationValidator(String uri, LinkedInLeadSyncResource resource, LinkedInLeadSyncConfiguration config,
                                           boolean tokenProviderBound) {
        // Camel masks secret query parameters in sanitised URIs, so the message can name the endpoint safely
        this.uri = URISupport.sanitizeUri(uri);
        this.resource = resource;
        this.config = config;
        this.tokenProviderBound = tokenProviderBound;
    }

    void validate() {
        List<String> problems = new ArrayList<>();
        if (config.getApiVersion() == null || !VERSION.matcher(config.getApiVersion()).matches()) {
            problems.add("apiVersion=" + config.getApiVersion() + " is not a LinkedIn version (YYYYMM, e.g. 202610)");
        }
        checkUrl(problems, "restBaseUrl", config.getRestBaseUrl());
        checkUrl(problems, "legacyBaseUrl", config.getLegacyBaseUrl());
        checkUrl(problems, "oauthBaseUrl", config.getOauthBaseUrl());
        if (config.getPageSize() < 1 || config.getPageSize() > LinkedInApi.MAX_PAGE_SIZE) {
            problems.add("pageSize=" + config.getPageSize() + " must be between 1 and " + LinkedInApi.MAX_PAGE_SIZE);
        }
        if (config.getBackfillDays() < 1 || config.getBackfillDays() > 365) {
            problems.add("backfillDays=" + config.getBackfillDays() + " must be between 1 and 365 (LinkedIn keeps leads 365 days)");
        }
        if (config.getOverlap() < 0) {
            problems.add("overlap=" + config.getOverlap() + " must not be negative");
        }
        if (config.getWindowSize() < 1000) {
            problems.add("windowSize=" + config.getWindowSize() + " must be at least 1000 ms");
        }
        if (config.getVisibilityLag() < 0) {
            problems.add("visibilityLag=" + config.getVisibilityLag() + " must not be negative");
        }
        if (config.getMaxMessagesPerPoll() < 0) {
            problems.add("maxMessagesPerPoll=" + config.getMaxMessagesPerPoll() + " must not be negative (0: no limit)");
        }
        if (config.getStreamBackoffDelay() < 0) {
            problems.add("streamBackoffDelay=" + config.getStreamBackoffDelay() + " must not be negative");
        }
        if (config.getStreamBackoffMaxDelay() < config.getStreamBackoffDelay()) {
            problems.add("streamBackoffMaxDelay=" + config.getStreamBackoffMaxDelay() + " must not be less than streamBackoffDelay="
                         + config.getStreamBackoffDelay());
        }
        if (config.getMaxRetries() < 0) {
            problems.add("maxRetries=" + config.getMaxRetries() + " must not be negative");
        }
        if (config.getWebhookDedupCacheSize() < 1) {
            problems.add("webhookDedupCacheSize=" + config.getWebhookDedupCacheSize() + " must be at least 1");
        }
        if (config.getWebhookUnknownLeadCacheSize() < 0) {
            problems.add("webhookUnknownLeadCacheSize=" + config.getWebhookUnknownLeadCacheSize() + " must not be negative (0 turns it off)");
        }
        if (config.getWebhookUnknownLeadCacheTtl() < 0) {
            problems.add("webhookUnknownLeadCacheTtl=" + config.getWebhookUnknownLeadCacheTtl() + " must not be negative (0 turns it off)");
        }
        if (config.getWebhookInboxBatchSize() < 1 || config.getWebhookInboxBatchSize() > 1000) {
            problems.add("webhookInboxBatchSize=" + config.getWebhookInboxBatchSize() + " must be between 1 and 1000");
        }
        if (config.getWebhookInboxRetryDelay() < 1 || config.getWebhookInboxMaxRetryDelay() < config.getWebhookInboxRetryDelay()) {
            problems.add("webhookInboxRetryDelay must be positive and webhookInboxMaxRetryDelay at least as long");
        }
        if (config.getWebhookInboxPendingTime() < 0) {
            problems.add("webhookInboxPendingTime must not be negative");
        }
        if (config.getWebhookMaxBodySize() < 1024) {
            problems.add("webhookMaxBodySize=" + config.getWebhookMaxBodySize() + " must be at least 1024 bytes");
        }
        try {
            leadTypes(config);
        } catch (IllegalArgumentException e) {
            problems.add("leadTypes=" + config.getLeadTypes() + ": " + e.getMessage());
        }
        try {
            owners(config);
        } catch (IllegalArgumentException e) {
            problems.add("owners=" + config.getOwners() + ": " + e.getMessage());
        }
        try {
            formIds(config);
        } catch (NumberFormatException e) {
            problems.add("formIds=" + config.getFormIds() + " must be comma-separated numeric form ids");
        }
        if (config.getOperation() != null && config.getOperation().resource() != resource) {
            problems.add("operation=" + config.getOperation() + " belongs to resource '" + config.getOperation().resource()
                         + "', not '" + resource + "'");
        }
        boolean oauthApp = notBlank(config.getClientId()) && notBlank(config.getClientSecret());
        if (!tokenProviderBound && !oauthApp && !notBlank(config.getAccessToken())) {
            problems.add("no LinkedIn credentials: set clientId and clientSecret (the token comes from the tokenStore or the OAuth flow), "
                         + "or accessToken, or bind a tokenProvider");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid linkedin-leadsync endpoint " + uri + ": " + String.join("; ", problems));
        }
    }

    public static List<LeadType> leadTypes(LinkedInLeadSyncConfiguration config) {
        List<LeadType> types = new ArrayList<>();
        for (String name : split(config.getLeadTypes())) {
            try {
                types.add(LeadType.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown lead type " + name + " (use SPONSORED, EVENT, COMPANY, ORGANIZATION_PRODUCT)");
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("at least one lead type is needed");
        }
        return types;
    }

    public static List<LeadOwner> owners(LinkedInLeadSyncConfiguration config) {
        return split(config.getOwners()).stream().map(LeadOwner::of).toList();
    }

    public static List<Long> formIds(LinkedInLeadSyncConfiguration config) {
        return split(config.getFormIds()).stream().map(Long::valueOf).toList();
    }

    public static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void checkUrl(List<String> problems, String option, String value) {
        try {
            URI u = URI.create(value);
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                problems.add(option + "=" + value + " must be an absolute http(s) URL");
            }
        } catch (RuntimeException e) {
            problems.add(option + "=" + value + " must be an absolute http(s) URL");
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
