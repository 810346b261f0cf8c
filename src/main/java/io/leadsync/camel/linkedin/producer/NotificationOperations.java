package io.leadsync.camel.linkedin.producer;

import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.deleteNotification;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.listNotifications;
import static io.leadsync.camel.linkedin.LinkedInLeadSyncOperations.registerNotification;

import java.util.ArrayList;
import java.util.List;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConstants;
import io.leadsync.camel.linkedin.LinkedInLeadSyncEndpoint;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.apache.camel.Exchange;

/** {@code linkedin-leadsync:notifications} producer operations: lead-notification (webhook) subscriptions (LGF-202). */
public final class NotificationOperations {

    private final LinkedInLeadSyncEndpoint endpoint;

    public NotificationOperations(LinkedInLeadSyncEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Subscribes the body (a LeadNotification or a Map of its fields); answers it with its new id. */
    public void registerNotification(Exchange exchange) {
        LeadNotification subscription = ProducerInputs.body(exchange, LeadNotification.class, registerNotification,
                "a LeadNotification or a Map with webhook, owner, leadType (and optionally versionedForm or associatedEntity)");
        if (subscription.webhook() == null || subscription.owner() == null || subscription.leadType() == null) {
            throw new IllegalArgumentException(registerNotification + " needs webhook, owner and leadType in the body");
        }
        long id = endpoint.getApi().createLeadNotification(subscription);
        LeadNotification created = new LeadNotification(id, subscription.webhook(), subscription.owner(), subscription.leadType(),
                subscription.versionedForm(), subscription.associatedEntity());
        ProducerInputs.result(exchange, created, 201);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.NOTIFICATION_ID, id);
    }

    /** The subscriptions of each owner (header CamelLinkedInOwner or option owners) and lead type it can own. */
    public void listNotifications(Exchange exchange) {
        List<LeadType> types = ProducerInputs.leadTypes(exchange, endpoint.getConfiguration(), listNotifications);
        List<LeadNotification> found = new ArrayList<>();
        for (LeadOwner owner : ProducerInputs.owners(exchange, endpoint.getConfiguration(), listNotifications)) {
            for (LeadType type : ProducerInputs.typesOf(owner, types)) {
                found.addAll(endpoint.getApi().leadNotifications(owner, type));
            }
        }
        ProducerInputs.result(exchange, List.copyOf(found), 200);
    }

    /** Deletes the subscription of header CamelLinkedInNotificationId. */
    public void deleteNotification(Exchange exchange) {
        long id = ProducerInputs.requiredNumber(exchange, LinkedInLeadSyncConstants.NOTIFICATION_ID, null, null, deleteNotification);
        endpoint.getApi().deleteLeadNotification(id);
        ProducerInputs.result(exchange, null, 204);
        exchange.getMessage().setHeader(LinkedInLeadSyncConstants.NOTIFICATION_ID, id);
    }
}
