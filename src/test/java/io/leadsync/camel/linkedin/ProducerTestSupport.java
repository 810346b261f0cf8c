package io.leadsync.camel.linkedin;

import java.util.Map;

import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.junit5.CamelTestSupport;

/** A CamelTestSupport whose linkedin-leadsync component talks to a LinkedInSandbox (300 leads, seed 42). */
abstract class ProducerTestSupport extends CamelTestSupport {

    static final String CLIENT_ID = "sandbox-client";
    static final String CLIENT_SECRET = "sandbox-client-secret-0001";

    LinkedInSandbox sandbox;
    LinkedInSandbox.Tokens tokens;
    private ProducerTemplate producer;

    /** The sandbox of this test class; override to inject a clock. */
    LinkedInSandbox.Builder sandboxBuilder() {
        return LinkedInSandbox.builder().port(0).seed(42).leads(300);
    }

    /** The REST base URL the component calls (a recording proxy can stand in between). */
    String restBaseUrl() {
        return sandbox.restBaseUrl();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        sandbox = sandboxBuilder().build().start();
        tokens = sandbox.issueTokens();
        CamelContext camel = super.createCamelContext();
        LinkedInLeadSyncComponent component = new LinkedInLeadSyncComponent();
        LinkedInLeadSyncConfiguration config = component.getConfiguration();
        config.setRestBaseUrl(restBaseUrl());
        config.setLegacyBaseUrl(sandbox.legacyBaseUrl());
        config.setOauthBaseUrl(sandbox.oauthBaseUrl());
        config.setClientId(CLIENT_ID);
        config.setClientSecret(CLIENT_SECRET);
        config.setAccessToken(tokens.accessToken());
        config.setRefreshToken(tokens.refreshToken());
        config.setMaxRetries(6);
        camel.addComponent("linkedin-leadsync", component);
        return camel;
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    /** Sends {@code body} and {@code headers} to {@code uri} and answers the exchange (its exception is not rethrown). */
    Exchange call(String uri, Object body, Map<String, Object> headers) {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    /** Like {@link #call} but fails the test on an exception. */
    Exchange ok(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = call(uri, body, headers);
        if (exchange.getException() != null) {
            throw new AssertionError("exchange failed: " + exchange.getException(), exchange.getException());
        }
        return exchange;
    }

    long calls(String key) {
        return sandbox.stats().calls(key);
    }
}
