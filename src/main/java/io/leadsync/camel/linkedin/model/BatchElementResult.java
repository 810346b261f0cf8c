package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of one element of a `BATCH_CREATE`: 201, or an error with its message; one per input, in order. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchElementResult(Integer status, BatchError error) { public boolean succeeded() { return status != null && status >= 200 && status < 300; } }
