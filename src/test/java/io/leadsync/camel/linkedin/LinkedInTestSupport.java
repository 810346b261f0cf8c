package io.leadsync.camel.linkedin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInApiSettings;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * Shared setup of the component tests: a fresh seeded LinkedIn sandbox per test on a free port, endpoint URIs pointed
 * at it, and a direct API client to tell what the sandbox holds.
 */
public abstract class LinkedInTestSupport extends CamelTestSupport {

    static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    static final String TRADERS = "urn:li:organization:2414183";
    static final String PRODUCTS = "urn:li:organization:2414190";
    static final long WHITEPAPER_FORM = 7234246L;
    static final long NEWSLETTER_FORM = 7234310L;
    static final long DAY = Duration.ofDays(1).toMillis();

    // a field, not @BeforeEach: CamelTestSupport starts the routes before subclass set-up methods run
    protected final LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).seed(42L).leads(300).clock(sandboxClock()).build().start();
    protected final String token = sandbox.issueTokens().accessToken();

    /**
     * The sandbox's clock (lead times, visibility, tokens), the system's unless a test moves time by hand; called while
     * the base class is built, so an override returns a static field.
     */
    protected Clock sandboxClock() {
        return Clock.systemUTC();
    }

    /** Calls the sandbox's admin API ({@code POST /_sandbox/…}) and answers its JSON. */
    protected JsonNode sandboxAdmin(String path, String json) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doPostTearDown() throws Exception {
        sandbox.stop();
        super.doPostTearDown();
    }

    /** The base URLs of the sandbox as endpoint options. */
    protected String sandboxOptions() {
        return "restBaseUrl=" + sandbox.restBaseUrl() + "&legacyBaseUrl=" + sandbox.legacyBaseUrl() + "&oauthBaseUrl="
               + sandbox.oauthBaseUrl();
    }

    /**
     * A fast-polling {@code linkedin-leadsync:leads} URI on the sandbox with the sandbox's token, no visibility lag
     * unless {@code options} set one, plus {@code options}. The window is the component's default (one cursor over the
     * whole back-fill); tests of slices set {@code windowSize}.
     */
    protected String leadsUri(String options) {
        String opts = options == null ? "" : options;
        // leads submitted by a test are readable at once in the sandbox: read up to now unless a test asks for a lag
        String lag = opts.contains("visibilityLag=") ? "" : "&visibilityLag=0";
        return "linkedin-leadsync:leads?" + sandboxOptions() + "&accessToken=RAW(" + token + ")&initialDelay=0&delay=300" + lag
               + (opts.isEmpty() ? "" : "&" + opts);
    }

    /** A LinkedIn client of its own on the sandbox (its calls count in the sandbox's stats). */
    protected LinkedInApi directApi() {
        LinkedInApiSettings settings = LinkedInApiSettings.builder().restBaseUrl(sandbox.restBaseUrl())
                .legacyBaseUrl(sandbox.legacyBaseUrl()).oauthBaseUrl(sandbox.oauthBaseUrl()).build();
        return LinkedInApi.builder().settings(settings).tokenProvider(new StaticTokenProvider(token)).pageSize(1000).build();
    }

    /** The leads the sandbox holds for one owner and type, submitted in the last {@code days} days. */
    protected List<LeadFormResponse> sandboxLeads(String owner, LeadType type, int days) {
        long now = System.currentTimeMillis();
        LeadFormResponseQuery query = LeadFormResponseQuery.of(LeadOwner.of(owner), type).withPageSize(1000)
                .withSubmittedAtTimeRange(now - days * DAY, now);
        return directApi().leadFormResponses(query).toList();
    }

    /** Ids of every lead the member can read (the discovered streams), submitted in the last {@code days} days. */
    protected Set<String> allSandboxLeadIds(int days) {
        Set<String> ids = new LinkedHashSet<>();
        sandboxLeads(ACCOUNT, LeadType.SPONSORED, days).forEach(l -> ids.add(l.id()));
        for (String page : List.of(TRADERS, PRODUCTS)) {
            for (LeadType type : List.of(LeadType.EVENT, LeadType.COMPANY, LeadType.ORGANIZATION_PRODUCT)) {
                sandboxLeads(page, type, days).forEach(l -> ids.add(l.id()));
            }
        }
        return ids;
    }

    /** Every lead the mock received, in order, across all its exchanges. */
    @SuppressWarnings("unchecked")
    protected static List<Lead> leadsOf(MockEndpoint mock) {
        List<Lead> leads = new ArrayList<>();
        for (Exchange exchange : mock.getExchanges()) {
            leads.addAll(exchange.getMessage().getBody(List.class));
        }
        return leads;
    }

    protected static List<String> idsOf(List<Lead> leads) {
        return leads.stream().map(Lead::id).collect(Collectors.toList());
    }

    /** The consumer of a started route. */
    protected LinkedInLeadSyncConsumer consumer(String routeId) {
        return (LinkedInLeadSyncConsumer) context.getRoute(routeId).getConsumer();
    }
}
