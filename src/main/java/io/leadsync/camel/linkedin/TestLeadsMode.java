package io.leadsync.camel.linkedin;

/** Which leads a poll returns with respect to Campaign Manager's test leads ({@code testLead} flag). */
public enum TestLeadsMode {
    /** Real and test leads (each lead carries its test flag). */
    include,
    /** Real leads only: test leads are fetched (LinkedIn cannot filter them out) and dropped. */
    exclude,
    /** Test leads only ({@code limitedToTestLeads=true}). */
    only
}
