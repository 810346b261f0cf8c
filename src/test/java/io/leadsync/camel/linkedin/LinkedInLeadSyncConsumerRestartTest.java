package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.poll.JdbcStateRepository;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watermarks survive a restart of the whole application: a back-fill, then a new CamelContext with a new component,
 * endpoint and repository instance on the same stored state. Only the leads submitted while it was down arrive, even
 * though a burst of back-filled leads lies inside the overlap the new poller reads again.
 */
class LinkedInLeadSyncConsumerRestartTest extends LinkedInTestSupport {

    // over 100 lead ids in the overlap: the stored state is several KB of JSON
    private static final int BURST = 120;

    @TempDir
    Path dir;

    @Test
    void aJdbcStateRepositoryOnAnH2FileKeepsTheWatermarksAcrossARestart() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        // a file database closed between the two contexts: only what was written survives
        h2.setURL("jdbc:h2:file:" + dir.resolve("leadsync-state").toAbsolutePath());
        onlyTheLeadsSubmittedWhileDownArriveAfterARestart(() -> new JdbcStateRepository(h2));
    }

    @Test
    void camelsFileStateRepositoryKeepsTheWatermarksAcrossARestart() throws Exception {
        java.io.File file = dir.resolve("leadsync.state").toFile();
        onlyTheLeadsSubmittedWhileDownArriveAfterARestart(() -> FileStateRepository.fileStateRepository(file));
    }

    private void onlyTheLeadsSubmittedWhileDownArriveAfterARestart(Supplier<StateRepository<String, String>> repository)
            throws Exception {
        List<String> burst = sandbox.submitLeads(WHITEPAPER_FORM, BURST, false);
        Set<String> backfill = sandboxLeads(ACCOUNT, LeadType.SPONSORED, 365).stream().map(LeadFormResponse::id)
                .collect(Collectors.toSet());
        assertThat(backfill).containsAll(burst);

        List<Lead> first = new CopyOnWriteArrayList<>();
        CamelContext before = startContext(repository.get(), first);
        try {
            awaitTwoPolls(before);
        } finally {
            before.stop();
        }
        assertThat(idsOf(first)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(backfill);

        List<String> missed = sandbox.submitLeads(WHITEPAPER_FORM, 5, false);
        List<Lead> second = new CopyOnWriteArrayList<>();
        CamelContext after = startContext(repository.get(), second);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> second.size() >= missed.size());
            awaitTwoPolls(after);
        } finally {
            after.stop();
        }
        assertThat(idsOf(second)).containsExactlyInAnyOrderElementsOf(missed);
    }

    /** A context of its own, as after a JVM restart: new component, endpoint and state repository instance. */
    private CamelContext startContext(StateRepository<String, String> states, List<Lead> received) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("linkedin-leadsync", new LinkedInLeadSyncComponent());
        camel.getRegistry().bind("leadsState", states);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&stateRepository=#leadsState")).routeId("leads")
                        .process(e -> received.addAll(e.getMessage().getBody(List.class)));
            }
        });
        camel.start();
        return camel;
    }

    /** Waits for a complete poll and one more, so that a late duplicate would have shown. */
    private static void awaitTwoPolls(CamelContext camel) {
        LinkedInLeadSyncConsumer consumer = (LinkedInLeadSyncConsumer) camel.getRoute("leads").getConsumer();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.lastPollAt() != null);
        Instant firstPoll = consumer.lastPollAt();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.lastPollAt().isAfter(firstPoll));
        assertThat(consumer.lastPollError()).isNull();
    }
}
