package io.leadsync.camel.linkedin.access;

import java.util.List;

/**
 * Whether the connected member can receive the leads of one ad account or page (LGF-007), and what is missing.
 *
 * @param ownerUrn        {@code urn:li:sponsoredAccount:…} or {@code urn:li:organization:…}
 * @param name            the account's or the page's name ({@code null} when LinkedIn does not say)
 * @param canReceiveLeads whether leads of this owner can be read now
 * @param missing         plain sentences naming each missing scope or role; empty when {@code canReceiveLeads}
 */
public record AccessCheck(String ownerUrn, String name, boolean canReceiveLeads, List<String> missing) {
    public AccessCheck {
        missing = List.copyOf(missing);
    }
}
