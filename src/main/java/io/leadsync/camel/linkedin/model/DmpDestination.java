package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a DMP segment is served, with its status, audience size and matched count. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DmpDestination(String destination, String status, Long audienceSize, Long matchedCount, String destinationSegmentId, Long created, Long lastModified) {}
