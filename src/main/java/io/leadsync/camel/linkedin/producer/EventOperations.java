package io.leadsync.camel.linkedin.producer;

import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.listEvents;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConfigurationValidator;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.Page;
import io.leadsync.camel.linkedin.model.AssociatedEntity;
import io.leadsync.camel.linkedin.model.Event;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.Exchange;

/** {@code linkedin-leadsync:events} producer operations (LGF-102, events). */
public final class EventOperations {

    private final LinkedInLeadSyncEndpoint endpoint;

    public EventOperations(LinkedInLeadSyncEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The events of the page in header CamelLinkedInOrganization (else the organizations among the owners option)
     * that carry a lead form, each with {@code leadGenForm} set. LinkedIn may leave {@code leadGenForm} out
     * (linkedin-api.md §6): the form is then read from one EVENT lead of that event; an event without either has no
     * registration form the connector can see and is left out.
     */
    public void listEvents(Exchange exchange) {
        List<String> organizations = organizations(exchange);
        List<Event> withForms = new ArrayList<>();
        for (String organization : organizations) {
            LeadOwner owner = LeadOwner.of(organization);
            endpoint.getApi().eventsByOrganizer(organization).forEach(event -> {
                String form = event.leadGenForm() != null ? event.leadGenForm() : formOfLeads(owner, event);
                if (form != null) {
                    withForms.add(new Event(event.id(), event.name(), event.organizer(), event.timeRangeV2(), form));
                }
            });
        }
        ProducerInputs.result(exchange, List.copyOf(withForms), 200);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.ORGANIZATION, String.join(",", organizations));
    }

    private String formOfLeads(LeadOwner owner, Event event) {
        LeadFormResponseQuery query = LeadFormResponseQuery.of(owner, LeadType.EVENT).withAssociatedEntity(AssociatedEntity.event(event.urn()))
                .withPageSize(1).withFields("id,versionedLeadGenFormUrn,associatedEntity");
        Iterator<Page<LeadFormResponse>> pages = endpoint.getApi().leadFormResponsePages(query);
        if (pages.hasNext()) {
            for (LeadFormResponse lead : pages.next().elements()) {
                if (lead.versionedLeadGenFormUrn() != null) {
                    return lead.versionedLeadGenFormUrn();
                }
            }
        }
        return null;
    }

    private List<String> organizations(Exchange exchange) {
        String header = ProducerInputs.text(exchange, LinkedInLeadSyncConstants.ORGANIZATION, null);
        List<String> urns = header != null ? LinkedInLeadSyncConfigurationValidator.split(header)
                : LinkedInLeadSyncConfigurationValidator.split(endpoint.getConfiguration().getOwners()).stream()
                        .filter(u -> u.startsWith(LeadOwner.ORGANIZATION_PREFIX)).toList();
        if (urns.isEmpty()) {
            throw new IllegalArgumentException(listEvents + " needs header " + LinkedInLeadSyncConstants.ORGANIZATION
                    + " or an urn:li:organization:… in option owners");
        }
        for (String urn : urns) {
            if (!urn.startsWith(LeadOwner.ORGANIZATION_PREFIX)) {
                throw new IllegalArgumentException(listEvents + ": header " + LinkedInLeadSyncConstants.ORGANIZATION
                        + " must hold urn:li:organization:… URNs, got " + urn);
            }
        }
        return urns;
    }
}
