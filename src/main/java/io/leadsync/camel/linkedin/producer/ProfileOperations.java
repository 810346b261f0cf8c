package io.leadsync.camel.linkedin.producer;

import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.access.ProfileProbe;
import io.leadsync.camel.linkedin.access.TokenIntrospector;
import io.leadsync.camel.linkedin.access.ProfileStatus;
import org.apache.camel.Exchange;

import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.introspect;

/** {@code linkedin-leadsync:profile} producer operations: the token heartbeat (LGF-002) and introspection. */
public final class ProfileOperations {

    private final ProfileProbe probe;
    private final TokenIntrospector introspector;

    public ProfileOperations(LinkedInLeadSyncEndpoint endpoint, TokenIntrospector introspector) {
        this.introspector = introspector;
        this.probe = new ProfileProbe(endpoint.getTokenProvider(), introspector, endpoint.getApi());
    }

    /** A {@link ProfileStatus}: active, member, days left on both tokens, and the re-authorization URL when needed. */
    public void heartbeat(Exchange exchange) {
        ProfileStatus status = probe.check();
        ProducerInputs.result(exchange, status, 200);
    }

    /** LinkedIn's introspection of the current access token ({@code TokenIntrospection}); needs clientId and clientSecret. */
    public void introspect(Exchange exchange) {
        if (!introspector.available()) {
            throw new IllegalArgumentException(introspect + " needs options clientId and clientSecret (LinkedIn introspects with the app's credentials)");
        }
        ProducerInputs.result(exchange, introspector.introspect(), 200);
    }
}
