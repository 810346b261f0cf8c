package io.leadsync.camel.linkedin.lead;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread-safe cache around any {@link LeadContext}: each form version and each name is loaded once, however many
 * leads and threads ask for it at the same time. Failures are not cached: the next lead asks again.
 * <p>
 * A form version never changes once published (editing a form creates a new {@code versionId}), so form versions are
 * kept for the life of the cache. Names can change; drop the cache (build a new one) per run when that matters.
 */
public final class CachingLeadContext implements LeadContext {

    private static final Logger LOG = LoggerFactory.getLogger(CachingLeadContext.class);

    private final LeadContext delegate;
    private final ConcurrentMap<VersionedLeadGenFormUrn, CompletableFuture<LeadForm>> forms = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Optional<String>>> names = new ConcurrentHashMap<>();
    private final AtomicLong formLoads = new AtomicLong();
    private final AtomicLong nameLoads = new AtomicLong();

    /** Caches what {@code delegate} loads. */
    public CachingLeadContext(LeadContext delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public LeadForm formVersion(VersionedLeadGenFormUrn urn) {
        LeadForm form = once(forms, urn, () -> {
            formLoads.incrementAndGet();
            LOG.debug("Loading lead form version {}", urn);
            return delegate.formVersion(urn);
        });
        if (form == null) {
            // "not found" is not cached either: the version may be readable on the next try
            forms.computeIfPresent(urn, (k, f) -> f.isDone() && f.join() == null ? null : f);
        }
        return form;
    }

    @Override
    public String accountName(String sponsoredAccountUrn) {
        return name(sponsoredAccountUrn, () -> delegate.accountName(sponsoredAccountUrn));
    }

    @Override
    public String organizationName(String organizationUrn) {
        return name(organizationUrn, () -> delegate.organizationName(organizationUrn));
    }

    @Override
    public String campaignName(String sponsoredAccountUrn, String campaignUrn) {
        return name(campaignUrn, () -> delegate.campaignName(sponsoredAccountUrn, campaignUrn));
    }

    @Override
    public String eventName(String eventUrn) {
        return name(eventUrn, () -> delegate.eventName(eventUrn));
    }

    /** Keeps a form version that arrived inline (enrichment projection) so that later leads on it cost no call. */
    @Override
    public void remember(LeadForm form) {
        if (form != null && form.id() != null && form.versionId() != null) {
            forms.putIfAbsent(form.versionedUrn(), CompletableFuture.completedFuture(form));
        }
    }

    /** Keeps a name that arrived inline (enrichment projection) under its URN. */
    public void rememberName(String urn, String name) {
        if (urn != null && name != null) {
            names.putIfAbsent(urn, CompletableFuture.completedFuture(Optional.of(name)));
        }
    }

    /** How many times a form version was loaded from the delegate (failed loads included). */
    public long formLoads() {
        return formLoads.get();
    }

    /** How many times a name was loaded from the delegate. */
    public long nameLoads() {
        return nameLoads.get();
    }

    /** Whether this form version is cached. */
    public boolean isCached(VersionedLeadGenFormUrn urn) {
        CompletableFuture<LeadForm> f = forms.get(urn);
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    private String name(String urn, Supplier<String> loader) {
        if (urn == null) {
            return null;
        }
        return once(names, urn, () -> {
            nameLoads.incrementAndGet();
            return Optional.ofNullable(loader.get());
        }).orElse(null);
    }

    // The first caller loads outside any map lock; the others wait on its future. A failed future is removed, so a
    // failure is seen by the callers that waited for it and retried by the next one.
    private static <K, V> V once(ConcurrentMap<K, CompletableFuture<V>> cache, K key, Supplier<V> loader) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(loader.get());
            } catch (RuntimeException | Error e) {
                cache.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + key, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Loading " + key + " failed", e.getCause());
        }
    }
}
