package io.leadsync.camel.linkedin.store;

import java.util.List;

import io.leadsync.camel.linkedin.model.LeadForm;

/**
 * The DDL a lead form needs, as text a DBA can read and run (the {@code forms ddl} producer operation): the form's
 * table from all the given versions, and the delivery ledger every write of a lead locks (and where withdrawn leads are kept).
 */
public final class FormTableSql {

    private FormTableSql() {
    }

    /** The DDL script for the versions of one form, statements ended by {@code ;}. */
    public static String ddl(List<LeadForm> versions, SqlDialect dialect) {
        return ddl(FormTable.of(versions), dialect);
    }

    /** The DDL script of a form table, statements ended by {@code ;}. */
    public static String ddl(FormTable table, SqlDialect dialect) {
        return "-- lead form " + table.formId() + " (" + dialect.name() + ")\n" + dialect.createTable(table) + ";\n\n"
                + dialect.createLedgerTable() + ";\n" + dialect.indexLedgerExpiry() + ";\n";
    }
}
