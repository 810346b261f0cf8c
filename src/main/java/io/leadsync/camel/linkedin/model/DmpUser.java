package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
/** One user element of a `dmpSegments/{id}/users` batch. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DmpUser(String action, List<UserId> userIds, String firstName, String lastName, String title, String company, String country) {}
