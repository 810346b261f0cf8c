package io.leadsync.sandbox.junit;

import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.LinkedInLeadSyncComponent;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.sandbox.SandboxFaults;
import io.leadsync.sandbox.SandboxStats;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The offline LinkedIn sandbox for a route author's JUnit 5 tests: a sandbox on a free port per test class (or per
 * test method), with a member's token issued, and the {@code linkedin-leadsync} component pointed at it.
 *
 * <pre>{@code
 * class MyLeadRouteTest extends CamelTestSupport {
 *     @RegisterExtension
 *     static LinkedInSandboxExtension linkedin = LinkedInSandboxExtension.builder().leads(100).build();
 *
 *     @Override
 *     protected void postProcessTest() throws Exception {
 *         super.postProcessTest();
 *         linkedin.configure(context);   // base URLs, client and token on the component
 *     }
 *
 *     @Test
 *     void aSubmittedLeadReachesTheRoute() {
 *         String id = linkedin.submitLeads(LinkedInSandboxExtension.WHITEPAPER_FORM, 1, true).get(0);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Between the tests of a class the sandbox's faults and stats are cleared; its leads stay. JUnit is an optional
 * dependency of this jar: a test that uses the extension has JUnit 5 on its classpath anyway.
 */
public final class LinkedInSandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The seeded world's sponsored lead form ("Northwind whitepaper Q1"). */
    public static final long WHITEPAPER_FORM = 7234246L;
    /** The seeded world's event registration form ("Northwind Data Summit registration"). */
    public static final long EVENT_FORM = 7234300L;

    private final LinkedInSandbox.Builder builder;
    private final boolean perMethod;
    private LinkedInSandbox sandbox;
    private LinkedInSandbox.Tokens tokens;

    private LinkedInSandboxExtension(Builder b) {
        this.builder = LinkedInSandbox.builder().port(0).seed(b.seed).leads(b.leads).autoApproveConsent(true);
        this.perMethod = b.perMethod;
    }

    /** A builder: 200 leads, seed 42, one sandbox per test class. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perMethod) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perMethod) {
            start();
        } else {
            sandbox.faults().clear();
            sandbox.resetStats();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perMethod) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Points {@code context}'s {@code linkedin-leadsync} component at this sandbox, with its client and the issued token. */
    public void configure(CamelContext context) {
        LinkedInLeadSyncConfiguration configuration = context.getComponent("linkedin-leadsync", LinkedInLeadSyncComponent.class).getConfiguration();
        configuration.setRestBaseUrl(sandbox().restBaseUrl());
        configuration.setLegacyBaseUrl(sandbox().legacyBaseUrl());
        configuration.setOauthBaseUrl(sandbox().oauthBaseUrl());
        configuration.setClientId(sandbox().clientId());
        configuration.setClientSecret(LinkedInSandbox.DEFAULT_CLIENT_SECRET);
        configuration.setAccessToken(tokens.accessToken());
        configuration.setRefreshToken(tokens.refreshToken());
        // the sandbox makes a lead readable when it is submitted: a test's poll need not trail the clock
        configuration.setVisibilityLag(0);
    }

    /** The same settings as camel-main properties ({@code camel.component.linkedin-leadsync.*}), e.g. for {@code @CamelMainTest}. */
    public Map<String, String> properties() {
        String prefix = "camel.component.linkedin-leadsync.";
        return Map.of(prefix + "rest-base-url", sandbox().restBaseUrl(), prefix + "legacy-base-url", sandbox().legacyBaseUrl(),
                prefix + "oauth-base-url", sandbox().oauthBaseUrl(), prefix + "client-id", sandbox().clientId(),
                prefix + "client-secret", LinkedInSandbox.DEFAULT_CLIENT_SECRET, prefix + "access-token", tokens.accessToken(),
                prefix + "refresh-token", tokens.refreshToken(), prefix + "visibility-lag", "0");
    }

    /** The running sandbox, for every admin call the shortcuts below do not cover. */
    public LinkedInSandbox sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("The LinkedIn sandbox runs only during the tests: register the extension with @RegisterExtension");
        }
        return sandbox;
    }

    /** Submits {@code count} leads on a form, as Campaign Manager (test leads) or members would; LinkedIn pushes CREATED. */
    public List<String> submitLeads(long formId, int count, boolean test) {
        return sandbox().submitLeads(formId, count, test);
    }

    /** The member withdraws a lead; LinkedIn pushes DELETED. */
    public void withdraw(String leadId) {
        sandbox().deleteLead(leadId);
    }

    /** The sandbox's faults (server errors, throttling, quota, dropped webhooks …), cleared before each test. */
    public SandboxFaults faults() {
        return sandbox().faults();
    }

    /** The calls the sandbox received, reset before each test. */
    public SandboxStats stats() {
        return sandbox().stats();
    }

    private void start() {
        sandbox = builder.build().start();
        tokens = sandbox.issueTokens();
    }

    private void stop() {
        if (sandbox != null) {
            sandbox.stop();
            sandbox = null;
        }
    }

    /** How the extension's sandbox is made. */
    public static final class Builder {
        private int leads = 200;
        private long seed = 42L;
        private boolean perMethod;

        private Builder() {
        }

        /** Seeded leads spread over the last 400 days (default 200). */
        public Builder leads(int leads) {
            this.leads = leads;
            return this;
        }

        /** The seed of the world (default 42: the same seed gives the same world). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A new sandbox for each test method instead of one per class. */
        public Builder perMethod() {
            this.perMethod = true;
            return this;
        }

        public LinkedInSandboxExtension build() {
            return new LinkedInSandboxExtension(this);
        }
    }
}
