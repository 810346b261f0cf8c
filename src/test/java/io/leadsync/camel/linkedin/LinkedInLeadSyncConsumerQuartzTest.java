package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.pollconsumer.quartz.QuartzScheduledPollConsumerScheduler;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/** {@code scheduler=quartz&scheduler.cron=…} (LGF-303): the poll runs on a Quartz cron trigger instead of a fixed delay. */
class LinkedInLeadSyncConsumerQuartzTest extends LinkedInTestSupport {

    private static final String CRON = "0/2 * * * * ?";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // no delay options: the cron alone decides when to poll
                from("linkedin-leadsync:leads?" + sandboxOptions() + "&accessToken=RAW(" + token + ")&owners=" + ACCOUNT
                     + "&leadTypes=SPONSORED&visibilityLag=0&windowSize=" + 100 * DAY + "&scheduler=quartz&scheduler.cron=" + CRON.replace(' ', '+'))
                        .routeId("leads").to("mock:leads");
            }
        };
    }

    @Test
    void pollsOnTheQuartzCronTrigger() throws Exception {
        QuartzScheduledPollConsumerScheduler scheduler = (QuartzScheduledPollConsumerScheduler) consumer("leads").getScheduler();
        assertThat(scheduler.getCron()).isEqualTo(CRON);
        Scheduler quartz = scheduler.getQuartzScheduler();
        List<Trigger> triggers = new ArrayList<>();
        for (TriggerKey key : quartz.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
            triggers.add(quartz.getTrigger(key));
        }
        // the route's only trigger is the cron, in the Quartz scheduler the context's quartz component runs
        assertThat(triggers).singleElement().isInstanceOfSatisfying(CronTrigger.class,
                t -> assertThat(t.getCronExpression()).isEqualTo(CRON));
        assertThat(quartz.isStarted()).isTrue();
    }

    @Test
    void backfillsOnTheFirstTickAndLaterLeadsOnALaterOne() {
        Set<String> backfill = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).stream().map(LeadFormResponse::id)
                .collect(Collectors.toSet());
        MockEndpoint mock = getMockEndpoint("mock:leads");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer("leads").lastPollAt() != null);
        assertThat(idsOf(leadsOf(mock))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(backfill);

        Instant backfilled = consumer("leads").lastPollAt();
        List<String> later = sandbox.submitLeads(WHITEPAPER_FORM, 3, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf(mock).size() >= backfill.size() + later.size());
        // the cron fired again after the back-fill: the new leads came from a later poll, once each
        assertThat(consumer("leads").lastPollAt()).isAfter(backfilled);
        assertThat(idsOf(leadsOf(mock))).doesNotHaveDuplicates().containsAll(later).hasSize(backfill.size() + later.size());
        assertThat(consumer("leads").lastPollError()).isNull();
    }
}
