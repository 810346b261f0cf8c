package io.leadsync.app.edge;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.webhook.WebhookEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One summary of the app's HTTP endpoints, logged once when the context has started, with who may call each.
 * camel-main's own summary is logged again each time a supervised route starts, says {@code 0.0.0.0} whatever the
 * bind address, and shows the webhook as GET only (the webhook component restricts its delegate to the first method).
 */
final class HttpEndpointsSummary {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpointsSummary.class);

    private HttpEndpointsSummary() {
    }

    static void log(CamelContext context, String host, int port, Set<String> publicPaths) {
        Map<String, String> endpoints = new TreeMap<>();
        for (Route route : context.getRoutes()) {
            Endpoint endpoint = route.getEndpoint();
            if (endpoint instanceof WebhookEndpoint webhook) {
                endpoints.put(webhook.getConfiguration().getWebhookPath(), String.join(",", webhook.getEndpoint().getWebhookMethods()));
            } else if (endpoint instanceof PlatformHttpEndpoint http) {
                endpoints.put(http.getPath(), http.getHttpMethodRestrict() == null ? "any" : http.getHttpMethodRestrict());
            }
        }
        if (endpoints.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder("HTTP endpoints on http://" + host + ":" + port
                + " (public: anyone; operator: LEADSYNC_ADMIN_PASSWORD or LEADSYNC_ADMIN_TOKEN)");
        endpoints.forEach((path, methods) -> lines.append(String.format("%n    %-9s %-9s %s", publicPaths.contains(path) ? "public" : "operator",
                methods, path)));
        LOG.info("{}", lines);
    }
}
