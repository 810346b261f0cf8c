package io.leadsync.camel.linkedin.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
/** One user element of a `dmpSegments/{id}/users` batch. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DmpUser(String action, List<UserId> userIds, String firstName, String lastName, String title, String company, String country) {}
