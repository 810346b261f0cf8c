package io.leadsync.camel.linkedin.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lead ids LinkedIn recently answered "not found" for, so that replays of a notification naming one do not cost a
 * {@code BATCH_GET} each: a bounded LRU whose entries expire after a time to live. It is a cache, safe to lose (a
 * restart only costs one more look-up per id); the poll still brings in a lead that LinkedIn indexed late.
 */
public final class UnknownLeads {

    private final int capacity;
    private final long ttlMillis;
    private final Supplier<Clock> clock;
    private final LinkedHashMap<String, Long> expiries;

    /**
     * @param capacity how many ids are remembered (the least recently noted go first); 0 remembers none
     * @param ttlMillis how long an id is remembered; 0 remembers none
     */
    UnknownLeads(int capacity, long ttlMillis, Supplier<Clock> clock) {
        if (capacity < 0 || ttlMillis < 0) {
            throw new IllegalArgumentException("webhookUnknownLeadCacheSize and webhookUnknownLeadCacheTtl must not be negative");
        }
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.expiries = new LinkedHashMap<>(Math.min(Math.max(capacity, 16), 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > UnknownLeads.this.capacity;
            }
        };
    }

    /** Remembers that LinkedIn does not know {@code leadId}. */
    synchronized void note(String leadId) {
        if (capacity == 0 || ttlMillis == 0) {
            return;
        }
        // re-inserted at the end: the insertion order is the expiry order
        expiries.remove(leadId);
        expiries.put(leadId, clock.get().millis() + ttlMillis);
    }

    /** Whether LinkedIn answered "not found" for {@code leadId} within the time to live. */
    synchronized boolean isKnownUnknown(String leadId) {
        Long expiry = expiries.get(leadId);
        if (expiry == null) {
            return false;
        }
        if (clock.get().millis() >= expiry) {
            expiries.remove(leadId);
            return false;
        }
        return true;
    }

    /** Forgets an id (LinkedIn returned it after all, for example to the poll). */
    synchronized void forget(String leadId) {
        expiries.remove(leadId);
    }

    synchronized int size() {
        return expiries.size();
    }
}
