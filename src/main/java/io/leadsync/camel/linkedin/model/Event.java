package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A LinkedIn event of an organization page ({@code /rest/events?q=eventsByOrganizer}). {@code leadGenForm} is the
 * versioned URN of its registration form when LinkedIn includes it (not guaranteed: see linkedin-api.md §6).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(Long id, LocalizedString name, String organizer, TimeRange timeRangeV2, String leadGenForm) {

    @JsonIgnore
    public String urn() {
        return "urn:li:event:" + id;
    }
}
