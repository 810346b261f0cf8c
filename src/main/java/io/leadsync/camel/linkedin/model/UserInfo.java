package io.leadsync.camel.linkedin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The connected member ({@code GET /v2/userinfo}, OpenID Connect). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserInfo(String sub, String name, @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName, String email, @JsonProperty("email_verified") Boolean emailVerified,
        CreationLocale locale) {

    /** The member URN this userinfo belongs to. */
    public String personUrn() {
        return "urn:li:person:" + sub;
    }
}
