package io.leadsync.camel.linkedin;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** PLACEHOLDER replaced by the producers work before submission. */
public class LinkedInLeadSyncProducer extends DefaultProducer {
    public LinkedInLeadSyncProducer(LinkedInLeadSyncEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) {
        throw new IllegalStateException("PLACEHOLDER");
    }
}
