package io.leadsync.camel.linkedin.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadsync.camel.linkedin.inbox.WebhookInbox.InboxEntry;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import io.leadsync.testing.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Several inbox workers, each with its own connection pool like replicas, drain one inbox table concurrently:
 * every row is claimed once and by one worker (FOR UPDATE SKIP LOCKED on PostgreSQL, the conditional update on H2).
 */
class JdbcWebhookInboxWorkersTest {

    private static final int ROWS = 3000;
    private static final int WORKERS = 4;
    private static final Instant RECEIVED = Instant.parse("2026-03-01T09:00:00Z");

    abstract static class Contract {
        private final List<HikariDataSource> pools = new ArrayList<>();
        private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS);

        abstract String jdbcUrl();

        abstract String user();

        @AfterEach
        void close() {
            workers.shutdownNow();
            pools.forEach(HikariDataSource::close);
        }

        @Test
        void concurrentWorkersClaimEveryRowExactlyOnce() throws Exception {
            JdbcWebhookInbox receiver = inbox("receiver");
            List<LeadActionNotification> burst = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                burst.add(new LeadActionNotification("LEAD_ACTION", "urn:li:leadGenFormResponse:lead-" + i,
                        "urn:li:leadGenForm:7", null, null, "SPONSORED", i % 50 == 0 ? "DELETED" : "CREATED",
                        RECEIVED.toEpochMilli()));
            }
            for (int from = 0; from < ROWS; from += 500) {
                receiver.add(burst.subList(from, from + 500), RECEIVED);
            }

            Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
            Map<String, String> claimedBy = new ConcurrentHashMap<>();
            Map<String, Integer> perWorker = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            Instant now = RECEIVED.plusSeconds(1);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                String name = "worker-" + w;
                JdbcWebhookInbox inbox = inbox(name);
                running.add(workers.submit(() -> {
                    start.await();
                    List<InboxEntry> batch;
                    while (!(batch = inbox.claimDue(25, now, Duration.ofMinutes(5))).isEmpty()) {
                        for (InboxEntry entry : batch) {
                            String key = entry.leadId() + "/" + entry.action();
                            claims.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                            claimedBy.put(key, name);
                            assertThat(entry.attempts()).isEqualTo(1);
                            assertThat(entry.notification().leadId()).isEqualTo(entry.leadId());
                        }
                        perWorker.merge(name, batch.size(), Integer::sum);
                        inbox.complete(batch);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }

            assertThat(claims).hasSize(ROWS);
            assertThat(claims.values()).allMatch(c -> c.get() == 1);
            assertThat(perWorker.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ROWS);
            assertThat(receiver.status(now).depth()).isZero();
        }

        private JdbcWebhookInbox inbox(String name) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl());
            config.setUsername(user());
            config.setMaximumPoolSize(2);
            config.setPoolName(name);
            HikariDataSource pool = new HikariDataSource(config);
            pools.add(pool);
            return new JdbcWebhookInbox(pool);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        private final SharedPostgres.Database database = SharedPostgres.newDatabase("inbox_workers");

        @Override
        String jdbcUrl() {
            return database.jdbcUrl();
        }

        @Override
        String user() {
            return "postgres";
        }
    }

    @Nested
    class OnH2 extends Contract {
        private final String url = "jdbc:h2:mem:inbox-workers-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

        @Override
        String jdbcUrl() {
            return url;
        }

        @Override
        String user() {
            return "sa";
        }
    }
}
