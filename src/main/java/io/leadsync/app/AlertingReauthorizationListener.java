package io.leadsync.app;

import java.util.function.Supplier;

import io.leadsync.camel.linkedin.auth.ReauthorizationListener;
import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each re-authorization failure the {@code TokenManager} detects (a refresh refused during any API call, not
 * only during the heartbeat) to the alert route {@code direct:reauthorization-alert} of {@code routes/heartbeat.yaml}.
 * Sends asynchronously: the caller that hit the failure must not wait for the operator's alert endpoint.
 */
final class AlertingReauthorizationListener implements ReauthorizationListener {

    static final String ALERT_ROUTE = "reauthorization-alert";
    static final String ALERT_ENDPOINT = "direct:reauthorization-alert";

    private static final Logger LOG = LoggerFactory.getLogger(AlertingReauthorizationListener.class);

    private final Supplier<CamelContext> camel;
    private volatile ProducerTemplate template;

    AlertingReauthorizationListener(Supplier<CamelContext> camel) {
        this.camel = camel;
    }

    @Override
    public void reauthorizationRequired(ReauthorizationRequiredException event) {
        CamelContext context = camel.get();
        if (context == null || !context.isStarted() || context.getRoute(ALERT_ROUTE) == null) {
            LOG.debug("No alert route running: the re-authorization is only logged");
            return;
        }
        template(context).asyncSendBody(ALERT_ENDPOINT, event);
    }

    private ProducerTemplate template(CamelContext context) {
        ProducerTemplate t = template;
        if (t == null || t.getCamelContext() != context) {
            synchronized (this) {
                t = template;
                if (t == null || t.getCamelContext() != context) {
                    t = context.createProducerTemplate();
                    template = t;
                }
            }
        }
        return t;
    }
}
