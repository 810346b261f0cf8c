package io.leadsync.camel.linkedin;

import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledBatchPollingConsumer;

/** PLACEHOLDER replaced by the consumer work before submission. */
public class LinkedInLeadSyncConsumer extends ScheduledBatchPollingConsumer {
    public LinkedInLeadSyncConsumer(LinkedInLeadSyncEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected int poll() {
        throw new IllegalStateException("PLACEHOLDER");
    }

    @Override
    public int processBatch(java.util.Queue<Object> exchanges) {
        throw new IllegalStateException("PLACEHOLDER");
    }
}
