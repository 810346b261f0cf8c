package io.leadsync.camel.linkedin.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.leadsync.camel.linkedin.model.LeadActionNotification;

/**
 * A durable inbox for webhook deliveries (the {@code webhookInbox} option). With one configured, the webhook answers
 * LinkedIn 200 only once {@link #add} has committed the delivery, and a worker on the endpoint drains the inbox:
 * it fetches the leads, routes them, and retries what could not be done yet. One entry per (lead id, action):
 * repeated deliveries collapse into it. {@link JdbcWebhookInbox} keeps it in a database table.
 */
public interface WebhookInbox {

    /** Records the notifications durably; returns only once they survive a crash. Repeats of a pending pair collapse. */
    void add(List<LeadActionNotification> notifications, Instant now) throws Exception;

    /**
     * Claims up to {@code max} entries due at {@code now}, oldest first: each is not due again until {@code now + lease}
     * (so that another worker does not take it meanwhile, and a crashed worker's entries come back), and its attempt
     * count goes up by one.
     */
    List<InboxEntry> claimDue(int max, Instant now, Duration lease) throws Exception;

    /** Removes entries that are done (routed, filtered out, or left to the poll). */
    void complete(Collection<InboxEntry> entries) throws Exception;

    /** Makes an entry due again at {@code next}, with the reason it is not done yet. */
    void retryAt(InboxEntry entry, Instant next, String reason) throws Exception;

    /** How many entries wait and how long the oldest has waited, for status pages and health checks. */
    InboxStatus status(Instant now) throws Exception;

    /** One pending notification. */
    record InboxEntry(String leadId, String action, LeadActionNotification notification, Instant receivedAt, int attempts) {
    }

    /**
     * The inbox's depth.
     *
     * @param depth entries waiting (due or retrying later)
     * @param oldestPendingAge how long the oldest entry has waited; {@link Duration#ZERO} when the inbox is empty
     */
    record InboxStatus(long depth, Duration oldestPendingAge) {
    }
}
