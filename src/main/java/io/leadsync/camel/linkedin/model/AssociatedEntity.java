package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What a lead came through: a sponsored creative, or an event (registration leads). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssociatedEntity(String associatedCreative, String event) {

    public static AssociatedEntity creative(String creativeUrn) {
        return new AssociatedEntity(creativeUrn, null);
    }

    public static AssociatedEntity event(String eventUrn) {
        return new AssociatedEntity(null, eventUrn);
    }
}
