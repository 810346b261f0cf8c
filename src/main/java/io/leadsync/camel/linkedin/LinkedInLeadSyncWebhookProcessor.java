package io.leadsync.camel.linkedin;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** PLACEHOLDER replaced by the webhook work before submission. */
class LinkedInLeadSyncWebhookProcessor implements Processor {
    LinkedInLeadSyncWebhookProcessor(LinkedInLeadSyncEndpoint endpoint, Processor next) {
    }

    @Override
    public void process(Exchange exchange) {
        throw new IllegalStateException("PLACEHOLDER");
    }
}
