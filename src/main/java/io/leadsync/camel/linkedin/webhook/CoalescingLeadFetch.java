package io.leadsync.camel.linkedin.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.leadsync.camel.linkedin.lead.Lead;

/**
 * Natural batching of webhook fetches: a delivery that finds no fetch in flight goes to LinkedIn at once (no added
 * latency); deliveries that arrive while one is in flight queue their lead ids, and the next call fetches all of them
 * in one {@code BATCH_GET}. LinkedIn posts one notification per request, so a burst of leads costs a few calls
 * instead of one per lead.
 */
public final class CoalescingLeadFetch {

    private final Function<List<String>, Map<String, Lead>> fetch;
    private final Object lock = new Object();
    private Batch waiting;
    private boolean inFlight;

    CoalescingLeadFetch(Function<List<String>, Map<String, Lead>> fetch) {
        this.fetch = fetch;
    }

    /** The leads of {@code ids} LinkedIn returns, keyed by id, fetched alone or together with concurrent deliveries. */
    Map<String, Lead> fetch(List<String> ids) {
        Batch batch;
        boolean creator;
        synchronized (lock) {
            creator = waiting == null;
            if (creator) {
                waiting = new Batch();
            }
            batch = waiting;
            batch.ids.addAll(ids);
            if (creator && !inFlight) {
                inFlight = true;
                waiting = null;
                batch.turn.complete(null);
            }
        }
        if (creator) {
            batch.turn.join();
            try {
                batch.result.complete(fetch.apply(List.copyOf(batch.ids)));
            } catch (RuntimeException e) {
                batch.result.completeExceptionally(e);
            } finally {
                handOver();
            }
        }
        Map<String, Lead> all;
        try {
            all = batch.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Map<String, Lead> mine = new LinkedHashMap<>();
        for (String id : ids) {
            Lead lead = all.get(id);
            if (lead != null) {
                mine.put(id, lead);
            }
        }
        return mine;
    }

    /** How many lead ids wait for the call in flight to end. */
    int queuedIds() {
        synchronized (lock) {
            return waiting == null ? 0 : waiting.ids.size();
        }
    }

    // the batch that queued meanwhile goes next; its creator makes the call
    private void handOver() {
        synchronized (lock) {
            if (waiting != null) {
                Batch next = waiting;
                waiting = null;
                next.turn.complete(null);
            } else {
                inFlight = false;
            }
        }
    }

    private static final class Batch {
        final List<String> ids = new ArrayList<>();
        final CompletableFuture<Void> turn = new CompletableFuture<>();
        final CompletableFuture<Map<String, Lead>> result = new CompletableFuture<>();
    }
}
