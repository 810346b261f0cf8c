package io.leadsync.camel.linkedin.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (lead id, action) pairs this endpoint has recently routed, in a bounded LRU. LinkedIn may deliver a
 * notification more than once; a pair seen here is acknowledged without routing it again. A pair is forgotten when its
 * route failed, so that LinkedIn's redelivery is processed.
 */
public final class RecentDeliveries {

    private final Map<String, Boolean> seen;

    RecentDeliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("webhookDedupCacheSize must be at least 1: " + capacity);
        }
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Claims a pair; {@code false} when it was already claimed (a repeated delivery). */
    synchronized boolean claim(String leadId, String action) {
        return seen.putIfAbsent(key(leadId, action), Boolean.TRUE) == null;
    }

    /** Releases a pair whose processing failed. */
    synchronized void forget(String leadId, String action) {
        seen.remove(key(leadId, action));
    }

    /** Whether a pair was routed recently (the webhook inbox then acknowledges a repeat without recording it). */
    synchronized boolean seen(String leadId, String action) {
        return seen.containsKey(key(leadId, action));
    }

    /** Notes a pair the webhook inbox has routed. */
    synchronized void remember(String leadId, String action) {
        seen.put(key(leadId, action), Boolean.TRUE);
    }

    synchronized int size() {
        return seen.size();
    }

    private static String key(String leadId, String action) {
        return leadId + '|' + action;
    }
}
