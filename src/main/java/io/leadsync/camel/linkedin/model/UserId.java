package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One hashed identifier of a Matched Audiences user (`SHA256_EMAIL`, `SHA512_EMAIL`, `GOOGLE_AID`). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserId(String idType, String idValue) {}
