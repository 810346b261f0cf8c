package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The body LinkedIn POSTs to a webhook: it names the lead but carries no answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadActionNotification(String type, String leadGenFormResponse, String leadGenForm, LeadOwner owner, AssociatedEntity associatedEntity, String leadType, String leadAction, Long occurredAt) {
    /** The lead id: the last part of `urn:li:leadGenFormResponse:{id}`. */
    public String leadId() {
        return leadGenFormResponse == null ? null : leadGenFormResponse.substring(leadGenFormResponse.lastIndexOf(':') + 1);
    }

    /** `occurredAt` in epoch milliseconds; some deliveries are reported in seconds (values under 10^12). */
    public Long occurredAtMillis() {
        return occurredAt == null ? null : occurredAt < 1_000_000_000_000L ? occurredAt * 1000 : occurredAt;
    }
}
