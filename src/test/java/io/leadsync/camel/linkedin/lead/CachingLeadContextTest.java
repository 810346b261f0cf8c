package io.leadsync.camel.linkedin.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import org.junit.jupiter.api.Test;

/** A page of leads costs one form-version load per version and one look-up per name, whatever the concurrency. */
class CachingLeadContextTest {

    @Test
    void loadsEachFormVersionOnceWhenManyThreadsNormalizeAtOnce() throws Exception {
        FakeLeadContext fake = LeadFixtures.context();
        CachingLeadContext cache = new CachingLeadContext(fake);
        LeadNormalizer normalizer = new LeadNormalizer(cache);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Lead>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Lead> leads = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        leads.add(LeadFixtures.normalize(normalizer, LeadFixtures.pageLead(i % 2)));
                    }
                    return leads;
                }));
            }
            start.countDown();
            for (Future<List<Lead>> future : futures) {
                assertThat(future.get(60, TimeUnit.SECONDS)).hasSize(50).allSatisfy(l -> assertThat(l.fieldErrors()).isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(fake.calls.stream().filter(c -> c.startsWith("formVersion"))).containsExactlyInAnyOrder(
                "formVersion(" + LeadFixtures.V2 + ")", "formVersion(" + LeadFixtures.V3 + ")");
        assertThat(cache.formLoads()).isEqualTo(2);
        // one account name and one campaign name for 400 leads
        assertThat(cache.nameLoads()).isEqualTo(2);
        assertThat(fake.calls).hasSize(4);
    }

    @Test
    void aFailedLoadIsNotCachedAndTheNextCallLoadsAgain() {
        AtomicInteger calls = new AtomicInteger();
        LeadForm v3 = LeadFixtures.formV3();
        CachingLeadContext cache = new CachingLeadContext(new NoNames() {
            @Override
            public LeadForm formVersion(VersionedLeadGenFormUrn urn) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("503 Service Unavailable");
                }
                return v3;
            }
        });

        assertThatThrownBy(() -> cache.formVersion(LeadFixtures.V3)).hasMessageContaining("503");
        assertThat(cache.isCached(LeadFixtures.V3)).isFalse();
        assertThat(cache.formVersion(LeadFixtures.V3)).isSameAs(v3);
        assertThat(cache.formVersion(LeadFixtures.V3)).isSameAs(v3);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(cache.formLoads()).isEqualTo(2);
    }

    @Test
    void rememberedFormsAndMissingNamesCostNoFurtherCalls() {
        FakeLeadContext fake = new FakeLeadContext();
        CachingLeadContext cache = new CachingLeadContext(fake);
        cache.remember(LeadFixtures.formV3());

        assertThat(cache.formVersion(LeadFixtures.V3).versionId()).isEqualTo(3L);
        // a name LinkedIn does not know is cached as absent, not asked again for every lead
        assertThat(cache.eventName("urn:li:event:1")).isNull();
        assertThat(cache.eventName("urn:li:event:1")).isNull();
        cache.rememberName("urn:li:sponsoredAccount:9", "Projected");
        assertThat(cache.accountName("urn:li:sponsoredAccount:9")).isEqualTo("Projected");

        assertThat(fake.calls).containsExactly("eventName(urn:li:event:1)");
        assertThat(cache.formLoads()).isZero();
    }

    private abstract static class NoNames implements LeadContext {
        @Override
        public String accountName(String sponsoredAccountUrn) {
            return null;
        }

        @Override
        public String organizationName(String organizationUrn) {
            return null;
        }

        @Override
        public String campaignName(String sponsoredAccountUrn, String campaignUrn) {
            return null;
        }

        @Override
        public String eventName(String eventUrn) {
            return null;
        }
    }
}
