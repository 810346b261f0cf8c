package io.leadsync.camel.linkedin;

import io.leadsync.camel.linkedin.access.TokenIntrospector;
import io.leadsync.camel.linkedin.producer.AccountOperations;
import io.leadsync.camel.linkedin.producer.DmpSegmentOperations;
import io.leadsync.camel.linkedin.producer.EventOperations;
import io.leadsync.camel.linkedin.producer.FormOperations;
import io.leadsync.camel.linkedin.producer.LeadOperations;
import io.leadsync.camel.linkedin.producer.NotificationOperations;
import io.leadsync.camel.linkedin.producer.ProducerInputs;
import io.leadsync.camel.linkedin.producer.ProfileOperations;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one operation per exchange: the operation comes from the {@link LinkedInLeadSyncConstants#OPERATION} header,
 * else the {@code operation} option, else the resource's default, and must belong to the endpoint's resource. Each
 * resource's operations live in their own class, one method per operation, named like the enum constant.
 * <p>
 * On start, a {@link LinkedInLeadSyncProfileHealthCheck} is added to Camel's {@code producers} health-check repository
 * (when camel-health is present), enabled when the component's {@code healthCheckProducerEnabled} is true.
 */
public class LinkedInLeadSyncProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(LinkedInLeadSyncProducer.class);

    private LeadOperations leads;
    private FormOperations forms;
    private AccountOperations accounts;
    private EventOperations events;
    private NotificationOperations notifications;
    private DmpSegmentOperations segments;
    private ProfileOperations profile;
    private WritableHealthCheckRepository healthCheckRepository;
    private LinkedInLeadSyncProfileHealthCheck healthCheck;

    public LinkedInLeadSyncProducer(LinkedInLeadSyncEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public LinkedInLeadSyncEndpoint getEndpoint() {
        return (LinkedInLeadSyncEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        LinkedInLeadSyncEndpoint endpoint = getEndpoint();
        TokenIntrospector introspector = new TokenIntrospector(endpoint.getTokenProvider(), endpoint.getConfiguration());
        leads = new LeadOperations(endpoint);
        forms = new FormOperations(endpoint);
        accounts = new AccountOperations(endpoint, introspector);
        events = new EventOperations(endpoint);
        notifications = new NotificationOperations(endpoint);
        segments = new DmpSegmentOperations(endpoint);
        profile = new ProfileOperations(endpoint, introspector);
        // camel-health is optional: without it there is no producers repository and nothing to register
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            // named by what the endpoint calls, not by endpoint17: the id stays the same across restarts
            LinkedInLeadSyncOperations operation = endpoint.getConfiguration().getOperation();
            healthCheck = new LinkedInLeadSyncProfileHealthCheck("linkedin-leadsync-producer-" + endpoint.getResource().name().toLowerCase(java.util.Locale.ROOT)
                    + (operation == null ? "" : "-" + operation.name()),
                    endpoint.getTokenProvider(), introspector, endpoint.getApi());
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        LinkedInLeadSyncOperations operation = determineOperation(exchange);
        LOG.debug("Running {} on linkedin-leadsync:{}", operation, getEndpoint().getResource());
        switch (operation) {
            case getLead -> leads.getLead(exchange);
            case searchLeads -> leads.searchLeads(exchange);
            case listForms -> forms.listForms(exchange);
            case getForm -> forms.getForm(exchange);
            case describeForm -> forms.describeForm(exchange);
            case createForm -> forms.createForm(exchange);
            case updateForm -> forms.updateForm(exchange);
            case archiveForm -> forms.archiveForm(exchange);
            case formDdl -> forms.formDdl(exchange);
            case listAdAccounts -> accounts.listAdAccounts(exchange);
            case listOrganizations -> accounts.listOrganizations(exchange);
            case checkAccess -> accounts.checkAccess(exchange);
            case listEvents -> events.listEvents(exchange);
            case registerNotification -> notifications.registerNotification(exchange);
            case listNotifications -> notifications.listNotifications(exchange);
            case deleteNotification -> notifications.deleteNotification(exchange);
            case createSegment -> segments.createSegment(exchange);
            case listSegments -> segments.listSegments(exchange);
            case getSegment -> segments.getSegment(exchange);
            case addUsers -> segments.addUsers(exchange);
            case removeUsers -> segments.removeUsers(exchange);
            case addCompanies -> segments.addCompanies(exchange);
            case removeCompanies -> segments.removeCompanies(exchange);
            case heartbeat -> profile.heartbeat(exchange);
            case introspect -> profile.introspect(exchange);
            default -> throw new IllegalArgumentException("Unsupported operation: " + operation);
        }
    }

    /** The header's operation, else the option's, else the resource's default; it must belong to the resource. */
    protected LinkedInLeadSyncOperations determineOperation(Exchange exchange) {
        LinkedInLeadSyncResource resource = getEndpoint().getResource();
        Object header = exchange.getMessage().getHeader(LinkedInLeadSyncConstants.OPERATION);
        LinkedInLeadSyncOperations operation;
        if (header instanceof LinkedInLeadSyncOperations op) {
            operation = op;
        } else if (header != null) {
            try {
                operation = LinkedInLeadSyncOperations.valueOf(header.toString().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unsupported operation: " + header + " (header " + LinkedInLeadSyncConstants.OPERATION
                        + "); linkedin-leadsync:" + resource + " supports " + ProducerInputs.operationsOf(resource), e);
            }
        } else if (getEndpoint().getConfiguration().getOperation() != null) {
            operation = getEndpoint().getConfiguration().getOperation();
        } else {
            operation = resource.defaultOperation();
        }
        if (operation.resource() != resource) {
            throw new IllegalArgumentException("Operation " + operation + " belongs to linkedin-leadsync:" + operation.resource()
                    + ", not linkedin-leadsync:" + resource + "; this endpoint supports " + ProducerInputs.operationsOf(resource));
        }
        return operation;
    }
}
