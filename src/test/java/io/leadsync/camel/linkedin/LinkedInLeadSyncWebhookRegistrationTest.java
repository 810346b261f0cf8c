package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.webhook.LeadNotificationRegistrar;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions through restarts: one per owner and type, reused when identical, deleted on teardown, replaced when
 * the options change; readiness stays DOWN until LinkedIn accepted them.
 */
class LinkedInLeadSyncWebhookRegistrationTest extends LinkedInLeadSyncWebhookTestSupport {

    @Test
    void discoveredOwnersAreSubscribedOnceAndReusedOnRestartThenTornDown() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        String url = webhookUrl(port, "/hooks/all");
        sandbox.resetStats();

        CamelContext first = startContext(port, route(webhookUri(port, "/hooks/all", "")));
        awaitRegistered(first);
        // the member: CAMPAIGN_MANAGER on one account (VIEWER on the other), lead roles on two pages
        assertThat(sandbox.stats().calls("CREATE leadNotifications", 201)).isEqualTo(7);
        List<Long> ids = registrar(first).subscriptionIds();
        assertThat(ids).hasSize(7).doesNotHaveDuplicates();
        assertThat(subscriptions(first, ACCOUNT, LeadType.SPONSORED, url)).hasSize(1);
        assertThat(subscriptions(first, "urn:li:sponsoredAccount:507857099", LeadType.SPONSORED, url)).isEmpty();
        for (LeadType type : List.of(LeadType.EVENT, LeadType.COMPANY, LeadType.ORGANIZATION_PRODUCT)) {
            assertThat(subscriptions(first, ORGANIZATION, type, url)).hasSize(1);
            assertThat(subscriptions(first, "urn:li:organization:2414190", type, url)).hasSize(1);
        }
        LeadNotificationRegistrar firstRegistrar = registrar(first);
        first.stop();
        assertThat(firstRegistrar.subscriptionIds()).as("kept without unregisterOnStop").hasSize(7);

        // every create of the first run, refused ones included (on a loaded machine a challenge can time out and the
        // registrar tries again): the second run must add none
        long createsOfTheFirstRun = sandbox.stats().calls("CREATE leadNotifications");
        CamelContext second = startContext(port, route(webhookUri(port, "/hooks/all", "unregisterOnStop=true")));
        awaitRegistered(second);
        LeadNotificationRegistrar secondRegistrar = registrar(second);
        assertThat(sandbox.stats().calls("CREATE leadNotifications")).as("identical subscriptions are reused")
                .isEqualTo(createsOfTheFirstRun);
        assertThat(secondRegistrar.subscriptionIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(secondRegistrar.healthCheck().call().getMessage()).hasValue("webhook registered (7 subscriptions)");

        second.stop();
        assertThat(sandbox.stats().calls("DELETE leadNotifications", 204)).as("teardown deletes them").isEqualTo(7);
        assertThat(secondRegistrar.subscriptionIds()).isEmpty();
        CamelContext check = startContext(AvailablePortFinder.getNextAvailable(), route(webhookUri(port, "/hooks/none",
                "owners=" + ACCOUNT + "&webhookAutoRegister=false")));
        assertThat(subscriptions(check, ACCOUNT, LeadType.SPONSORED, url)).isEmpty();
        assertThat(subscriptions(check, ORGANIZATION, LeadType.EVENT, url)).isEmpty();
        check.stop();
    }

    @Test
    void thePollerAndTheRegistrarShareOneDiscovery() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        sandbox.resetStats();
        CamelContext context = startContext(port, new RouteBuilder() {
            @Override
            public void configure() {
                from(webhookUri(port, "/hooks/shared", "unregisterOnStop=true")).routeId("webhook").to("log:leads?level=DEBUG");
                from("linkedin-leadsync:leads?initialDelay=0&delay=600000&backfillDays=1&visibilityLag=0").routeId("pull")
                        .to("log:pull?level=DEBUG");
            }
        });
        try {
            awaitRegistered(context);
            LinkedInLeadSyncConsumer pull = (LinkedInLeadSyncConsumer) context.getRoute("pull").getConsumer();
            await().atMost(Duration.ofSeconds(60)).until(() -> pull.lastPollAt() != null);
            assertThat(pull.streams()).hasSize(7);
            assertThat(sandbox.stats().calls("CREATE leadNotifications", 201)).isEqualTo(7);
            // both endpoints asked which accounts and pages the member can read: LinkedIn answered once
            assertThat(sandbox.stats().calls("FINDER adAccountUsers")).isEqualTo(1);
            assertThat(sandbox.stats().calls("FINDER organizationAcls")).isEqualTo(1);
        } finally {
            context.stop();
        }
    }

    @Test
    void changedOptionsReplaceTheOldSubscription() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        String url = webhookUrl(port, "/hooks/change");
        CamelContext whole = startContext(port, route(webhookUri(port, "/hooks/change", "owners=" + ACCOUNT + "&leadTypes=SPONSORED")));
        awaitRegistered(whole);
        List<LeadNotification> before = subscriptions(whole, ACCOUNT, LeadType.SPONSORED, url);
        assertThat(before).singleElement().satisfies(n -> assertThat(n.versionedForm()).isNull());
        whole.stop();

        String form = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + WHITEPAPER_FORM + ",3)";
        CamelContext narrowed = startContext(port, route(webhookUri(port, "/hooks/change",
                "owners=" + ACCOUNT + "&leadTypes=SPONSORED&unregisterOnStop=true&notificationForms=" + form)));
        awaitRegistered(narrowed);
        List<LeadNotification> after = subscriptions(narrowed, ACCOUNT, LeadType.SPONSORED, url);
        assertThat(after).singleElement().satisfies(n -> {
            assertThat(n.versionedForm()).isEqualTo(form);
            assertThat(n.id()).isNotEqualTo(before.get(0).id());
        });
        assertThat(registrar(narrowed).subscriptionIds()).containsExactly(after.get(0).id());
        narrowed.stop();
    }

    @Test
    void readinessIsDownWithTheReasonUntilLinkedInAcceptsTheWebhook() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        int nobody = AvailablePortFinder.getNextAvailable();
        // the external URL points where nothing listens: LinkedIn's challenge cannot succeed
        String uri = "webhook:linkedin-leadsync:leads?webhookComponentName=platform-http&webhookExternalUrl=http://127.0.0.1:" + nobody
                     + "&webhookPath=/hooks/unreachable&owners=" + ACCOUNT + "&leadTypes=SPONSORED";
        CamelContext context = startContext(port, route(uri));
        try {
            LinkedInLeadSyncWebhookHealthCheck health = registrar(context).healthCheck();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HealthCheck.Result result = health.call();
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m)
                        .startsWith("webhook not registered yet: ").contains("Webhook validation failed"));
                assertThat((Integer) result.getDetails().get("failedAttempts")).isGreaterThanOrEqualTo(2);
            });
            assertThat(health.isLiveness()).isFalse();
            assertThat(registrar(context).subscriptionIds()).isEmpty();
        } finally {
            context.stop();
        }
    }

    private static RoutesBuilder route(String uri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("webhook").to("log:leads?level=DEBUG");
            }
        };
    }
}
