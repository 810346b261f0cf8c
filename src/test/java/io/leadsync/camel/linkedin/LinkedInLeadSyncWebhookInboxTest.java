package io.leadsync.camel.linkedin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.leadsync.camel.linkedin.inbox.JdbcWebhookInbox;
import io.leadsync.camel.linkedin.inbox.WebhookInbox;
import io.leadsync.camel.linkedin.lead.Lead;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The durable webhook inbox: a delivery is answered 200 once its row is committed, and the endpoint's worker routes
 * the lead, however late LinkedIn makes it readable and across a stop of the app; no 200 without the row.
 */
class LinkedInLeadSyncWebhookInboxTest extends LinkedInLeadSyncWebhookTestSupport {

    private static final String PATH = "/linkedin/leads";
    private static final String INBOX_OPTIONS = "owners=" + ACCOUNT + "&leadTypes=SPONSORED&unregisterOnStop=true&webhookInbox=#inbox"
                                                + "&webhookInboxRetryDelay=200&webhookInboxMaxRetryDelay=1000";

    private JdbcDataSource database;
    private JdbcWebhookInbox inbox;
    private final List<Lead> routed = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private CamelContext second;

    @Override
    protected boolean useJmx() {
        return false;
    }

    @BeforeEach
    void freshInbox() {
        routed.clear();
    }

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.stop();
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        inbox = new JdbcWebhookInbox(database);
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("inbox", inbox);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return routes(port);
    }

    private RoutesBuilder routes(int onPort) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(onPort, PATH, INBOX_OPTIONS)).routeId("webhook")
                        .process(e -> {
                            if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                throw new IllegalStateException("database is down");
                            }
                            e.getMessage().getBody(List.class).forEach(l -> routed.add((Lead) l));
                        });
            }
        };
    }

    @Test
    void aLeadReadableSecondsAfterItsNotificationArrivesByPushOnceReadable() throws Exception {
        awaitRegistered(context);
        sandbox.resetStats();

        String id = submit("{\"count\":1,\"test\":true,\"visibleAfterSeconds\":3}");

        // LinkedIn's delivery is acknowledged at once and waits in the inbox while the lead cannot be read
        await().atMost(Duration.ofSeconds(3)).until(() -> rows(id) == 1);
        assertThat(routed).noneMatch(l -> l.id().equals(id));
        await().atMost(Duration.ofSeconds(20)).until(() -> routed.stream().anyMatch(l -> l.id().equals(id)));
        assertThat(routed).filteredOn(l -> l.id().equals(id)).singleElement().satisfies(l -> assertThat(l.answers()).isNotEmpty());
        assertThat(sandbox.stats().calls("BATCH_GET leadFormResponses")).as("asked again until readable").isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.status(Instant.now()).depth() == 0);
    }

    @Test
    void aStopBetweenTheAnswerAndTheProcessingLosesNothing() throws Exception {
        awaitRegistered(context);
        failuresToCome.set(Integer.MAX_VALUE);
        String id = sandbox.submitLeads(WHITEPAPER_FORM, 1, true).get(0);
        byte[] body = notification(id, "CREATED", WHITEPAPER_FORM, 3);

        HttpResponse<String> answer = post(webhookUrl(port, PATH), body, documentedSignature(body));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(rows(id)).isEqualTo(1);
        // the route fails (the app's database is down), then the app stops before the lead was processed
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(id) >= 1);
        context.stop();
        assertThat(routed).isEmpty();
        assertThat(rows(id)).as("the delivery waits in the inbox").isEqualTo(1);

        failuresToCome.set(0);
        int otherPort = AvailablePortFinder.getNextAvailable();
        second = new DefaultCamelContext();
        configure(second, otherPort);
        second.getRegistry().bind("inbox", inbox);
        second.addRoutes(routes(otherPort));
        second.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> routed.stream().anyMatch(l -> l.id().equals(id)));
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(id) == 0);
    }

    @Test
    void noAnswer200WhenTheDeliveryCannotBeRecordedAndTheChallengeNeedsNoDatabase() throws Exception {
        awaitRegistered(context);
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + JdbcWebhookInbox.TABLE);
        }
        String id = sandbox.submitLeads(WHITEPAPER_FORM, 1, true).get(0);
        byte[] body = notification(id, "CREATED", WHITEPAPER_FORM, 3);

        HttpResponse<String> answer = post(webhookUrl(port, PATH), body, documentedSignature(body));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("could not be recorded");
        String code = UUID.randomUUID().toString();
        assertThat(get(webhookUrl(port, PATH) + "?challengeCode=" + code).statusCode()).isEqualTo(200);
        assertThat(routed).isEmpty();
    }

    private String submit(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/forms/" + WHITEPAPER_FORM + "/leads"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("leadIds").get(0).asText();
    }

    private int rows(String leadId) throws Exception {
        return (int) query("SELECT COUNT(*) FROM " + JdbcWebhookInbox.TABLE + " WHERE lead_id = ?", leadId);
    }

    private int attempts(String leadId) throws Exception {
        return (int) query("SELECT COALESCE(MAX(attempts), 0) FROM " + JdbcWebhookInbox.TABLE + " WHERE lead_id = ? AND last_error IS NOT NULL", leadId);
    }

    private long query(String sql, String leadId) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, leadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static WebhookInbox.InboxStatus status(JdbcWebhookInbox inbox) throws Exception {
        return inbox.status(Instant.now());
    }
}
