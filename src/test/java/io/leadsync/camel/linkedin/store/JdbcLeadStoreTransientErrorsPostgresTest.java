package io.leadsync.camel.linkedin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.store.StoreResult.Status;
import io.leadsync.testing.SharedPostgres;
import org.junit.jupiter.api.Test;

/**
 * Transient errors on a real PostgreSQL are retried, not reported: replicas creating the same new form table at the
 * same moment (PostgreSQL answers the losers of {@code CREATE TABLE IF NOT EXISTS} with 23505 on its catalog, or
 * 42P07) all store their lead.
 */
class JdbcLeadStoreTransientErrorsPostgresTest {

    private static final SharedPostgres.Database DATABASE = SharedPostgres.newDatabase("lead_store_transient");
    private static final int WRITERS = 6;

    @Test
    void writersRacingToCreateANewFormsTableAllStoreTheirLead() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<StoreResult> results = new CopyOnWriteArrayList<>();
        try {
            for (long formId = 9_100_000L; formId < 9_100_012L; formId++) {
                LeadForm form = withId(LeadFixtures.formV3(), formId);
                CyclicBarrier start = new CyclicBarrier(WRITERS);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    Lead lead = JdbcLeadStoreContract.withForm(JdbcLeadStoreContract.withId(LeadFixtures.normalizedPage().get(0),
                            "lead-" + formId + "-" + w), formId);
                    writers.add(pool.submit(() -> {
                        // each writer a replica of its own: a new store that has never seen the form
                        JdbcLeadStore replica = new JdbcLeadStore(DATABASE.dataSource(), urn -> form);
                        start.await();
                        results.addAll(replica.upsert(List.of(lead)));
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                assertThat(new JdbcLeadStore(DATABASE.dataSource()).count(formId)).isEqualTo(WRITERS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(results).hasSize(12 * WRITERS)
                .allSatisfy(r -> assertThat(r.status()).as(r.reason()).isEqualTo(Status.STORED));
    }

    static LeadForm withId(LeadForm f, long id) {
        return new LeadForm(id, f.name(), f.state(), f.versionId(), f.owner(), f.creationLocale(), f.hiddenFields(), f.content(),
                f.created(), f.lastModified(), f.reviewInfo());
    }
}
