package io.leadsync.camel.linkedin.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAction;
import io.leadsync.camel.linkedin.lead.LeadSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent webhook deliveries share one BATCH_GET; a lone delivery is fetched at once. */
class CoalescingLeadFetchTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aLoneDeliveryIsFetchedAtOnceWithItsOwnIds() {
        CoalescingLeadFetch fetch = new CoalescingLeadFetch(this::linkedIn);

        assertThat(fetch.fetch(List.of("a")).keySet()).containsExactly("a");
        assertThat(fetch.fetch(List.of("b", "c")).keySet()).containsExactly("b", "c");
        assertThat(calls).containsExactly(List.of("a"), List.of("b", "c"));
    }

    @Test
    void deliveriesArrivingWhileAFetchIsInFlightShareTheNextCallAndEachGetsItsOwnLeads() throws Exception {
        CountDownLatch firstCallStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCall = new CountDownLatch(1);
        CoalescingLeadFetch fetch = new CoalescingLeadFetch(ids -> {
            if (calls.isEmpty()) {
                firstCallStarted.countDown();
                block(releaseFirstCall);
            }
            return linkedIn(ids);
        });

        Future<Map<String, Lead>> first = pool.submit(() -> fetch.fetch(List.of("lead-0")));
        assertThat(firstCallStarted.await(60, TimeUnit.SECONDS)).isTrue();
        List<Future<Map<String, Lead>>> burst = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "lead-" + i;
            burst.add(pool.submit(() -> fetch.fetch(List.of(id))));
        }
        // all five are queued behind the call in flight before it returns
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> fetch.queuedIds() == 5);
        releaseFirstCall.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS).keySet()).containsExactly("lead-0");
        for (int i = 1; i <= 5; i++) {
            assertThat(burst.get(i - 1).get(60, TimeUnit.SECONDS).keySet()).containsExactly("lead-" + i);
        }
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).containsExactlyInAnyOrder("lead-1", "lead-2", "lead-3", "lead-4", "lead-5");
    }

    @Test
    void aFailedCallFailsEveryDeliveryOfItsBatchAndTheNextCallStillHappens() {
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        CoalescingLeadFetch fetch = new CoalescingLeadFetch(ids -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("LinkedIn answered 503");
            }
            return linkedIn(ids);
        });

        assertThatThrownBy(() -> fetch.fetch(List.of("x"))).isInstanceOf(IllegalStateException.class).hasMessage("LinkedIn answered 503");
        assertThat(fetch.fetch(List.of("y")).keySet()).containsExactly("y");
    }

    private Map<String, Lead> linkedIn(List<String> ids) {
        calls.add(ids);
        Map<String, Lead> leads = new LinkedHashMap<>();
        for (String id : ids) {
            leads.put(id, new Lead(id, LeadAction.CREATED, "SPONSORED", null, 1L, 1L, null, 0L, false, null, null, null, null, null, null,
                    null, null, null, null, Map.of(), Map.of(), List.of(), List.of(), null, LeadSource.WEBHOOK));
        }
        return leads;
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
