package io.leadsync.camel.linkedin.store;

import java.util.List;

/**
 * What {@link JdbcLeadStore#ensureTable} did to a form's table.
 *
 * @param tableName the table
 * @param created whether the table was created now
 * @param addedColumns the columns added to an existing table (never any dropped)
 * @param widenedColumns the text columns made longer because a newer version accepts longer answers
 */
public record TableChange(String tableName, boolean created, List<String> addedColumns, List<String> widenedColumns) {

    public TableChange {
        addedColumns = List.copyOf(addedColumns);
        widenedColumns = List.copyOf(widenedColumns);
    }

    /** Whether anything changed. */
    public boolean changed() {
        return created || !addedColumns.isEmpty() || !widenedColumns.isEmpty();
    }
}
