package io.leadsync.camel.linkedin.store;

import java.util.List;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The child process of {@link H2KillAfterCommitTest}: stores leads one at a time into the H2 file database at
 * {@code args[0]} and prints {@code stored <id>} after each write has committed, until it is killed.
 */
public final class H2CommitWriter {

    private H2CommitWriter() {
    }

    public static void main(String[] args) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(args[0]);
        JdbcLeadStore store = new JdbcLeadStore(h2);
        store.ensureTable(List.of(LeadFixtures.formV3()));
        Lead template = LeadFixtures.normalizedPage().get(0);
        for (int i = 0; ; i++) {
            String id = "kill-" + i;
            StoreResult result = store.upsert(List.of(JdbcLeadStoreContract.withId(template, id))).get(0);
            if (result.status() != StoreResult.Status.STORED) {
                throw new IllegalStateException(result.reason());
            }
            System.out.println("stored " + id);
            System.out.flush();
        }
    }
}
