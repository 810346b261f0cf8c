package io.leadsync.camel.linkedin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.sandbox.junit.LinkedInSandboxExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sink outside the database behind the {@code deliveryRepository} option: the poll reads every lead again after
 * a restart (no stored cursor), and the sink still receives each lead once; a delivery that fails is delivered again.
 */
class LinkedInLeadSyncDeliveryRepositoryTest {

    @RegisterExtension
    static LinkedInSandboxExtension linkedin = LinkedInSandboxExtension.builder().leads(0).perMethod().build();

    private final DataSource database = h2();
    private final List<CamelContext> contexts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    @Test
    void aRestartedPollDeliversNothingTwiceAndAFailedExchangeIsDeliveredAgain() throws Exception {
        List<String> submitted = linkedin.submitLeads(LinkedInSandboxExtension.WHITEPAPER_FORM, 25, false);

        Sink first = new Sink();
        Recording ledger = new Recording(new JdbcLeadDeliveryRepository(database, "crm"));
        AtomicBoolean failOnce = new AtomicBoolean(true);
        start(ledger, first, failOnce);
        await().atMost(Duration.ofSeconds(90)).until(() -> first.ids().containsAll(submitted));
        assertThat(ledger.removed).as("the failed exchange's leads were released for the next read").isNotEmpty();
        assertThat(first.received).as("each lead once, the failed page included").hasSameSizeAs(Set.copyOf(first.received))
                .hasSize(submitted.size());
        contexts.get(0).stop();

        // a second consumer with no cursor reads the whole window again, as after a teardown of its state
        Sink second = new Sink();
        Recording again = new Recording(new JdbcLeadDeliveryRepository(database, "crm"));
        start(again, second, new AtomicBoolean(false));
        await().atMost(Duration.ofSeconds(90)).until(() -> again.offeredIds().containsAll(submitted));
        assertThat(second.received).as("every lead was read again and none was delivered again").isEmpty();

        // a lead LinkedIn has now is delivered by the same consumer
        String late = linkedin.submitLeads(LinkedInSandboxExtension.WHITEPAPER_FORM, 1, false).get(0);
        await().atMost(Duration.ofSeconds(90)).until(() -> second.ids().contains(late));
        assertThat(second.received).containsExactly(late);
    }

    @Test
    void withoutTheOptionEveryReadIsRouted() throws Exception {
        List<String> submitted = linkedin.submitLeads(LinkedInSandboxExtension.WHITEPAPER_FORM, 5, false);
        Sink first = new Sink();
        start(null, first, new AtomicBoolean(false));
        await().atMost(Duration.ofSeconds(90)).until(() -> first.ids().containsAll(submitted));
        contexts.get(0).stop();

        Sink second = new Sink();
        start(null, second, new AtomicBoolean(false));
        await().atMost(Duration.ofSeconds(90)).until(() -> second.ids().containsAll(submitted));
    }

    private void start(IdempotentRepository ledger, Sink sink, AtomicBoolean failOnce) throws Exception {
        CamelContext context = new DefaultCamelContext();
        linkedin.configure(context);
        if (ledger != null) {
            context.getRegistry().bind("crmLedger", ledger);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("linkedin-leadsync:leads?formIds=" + LinkedInSandboxExtension.WHITEPAPER_FORM + "&pageSize=10&delay=200&initialDelay=0"
                        + (ledger != null ? "&deliveryRepository=#crmLedger" : ""))
                        .process(exchange -> {
                            if (!exchange.getMessage().getBody(List.class).isEmpty() && failOnce.compareAndSet(true, false)) {
                                throw new IllegalStateException("the CRM is down for this page");
                            }
                        })
                        .split(body()).process(exchange -> sink.received.add(exchange.getMessage().getBody(Lead.class).id()));
            }
        });
        context.start();
        contexts.add(context);
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:deliveries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static final class Sink {
        final List<String> received = new CopyOnWriteArrayList<>();

        Set<String> ids() {
            return Set.copyOf(received);
        }
    }

    /** The repository under test, with what the consumer asked of it. */
    private static final class Recording extends MemoryIdempotentRepository {
        private final JdbcLeadDeliveryRepository delegate;
        final Map<String, Boolean> offered = new ConcurrentHashMap<>();
        final List<String> removed = new CopyOnWriteArrayList<>();

        Recording(JdbcLeadDeliveryRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean add(String key) {
            boolean added = delegate.add(key);
            offered.put(key, added);
            return added;
        }

        @Override
        public boolean contains(String key) {
            return delegate.contains(key);
        }

        @Override
        public boolean remove(String key) {
            removed.add(key);
            return delegate.remove(key);
        }

        @Override
        public boolean confirm(String key) {
            return delegate.confirm(key);
        }

        Set<String> offeredIds() {
            return offered.keySet().stream().map(key -> DeliveryKey.parse(key).leadId()).collect(Collectors.toSet());
        }

        @Override
        protected void doStart() throws Exception {
            delegate.start();
        }

        @Override
        protected void doStop() throws Exception {
            delegate.stop();
        }
    }
}
