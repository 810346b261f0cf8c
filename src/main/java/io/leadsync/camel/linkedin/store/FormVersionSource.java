package io.leadsync.camel.linkedin.store;

import java.util.List;

import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;

/**
 * Where a {@link JdbcLeadStore} learns every version of a form when a lead brings a form or version it has no columns
 * for, so that the table is created (or evolved) once with the columns of all of them, rather than once per version
 * as the back-fill meets each: on H2 every {@code ALTER TABLE … ADD COLUMN} rewrites the table.
 */
@FunctionalInterface
public interface FormVersionSource {

    /**
     * The versions of {@code urn}'s form known now (in any order; {@code urn}'s own may be among them). An empty list
     * is allowed: the store then builds the table from the lead's own version alone.
     */
    List<LeadForm> versions(VersionedLeadGenFormUrn urn);
}
