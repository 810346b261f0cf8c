package io.leadsync.camel.linkedin.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadsync.camel.linkedin.LinkedInLeadSyncConfiguration;
import io.leadsync.camel.linkedin.LinkedInLeadSyncConfigurationValidator;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.model.AssociatedEntity;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import io.leadsync.camel.linkedin.poll.DiscoveredOwners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead-notification subscriptions an endpoint's options ask for: owners (configured, or the member's accounts and
 * pages as the poller discovered them, {@link DiscoveredOwners}) × lead types, each narrowed to forms, creatives or events when those options are set.
 * {@link #scope()} lists every owner/type whose subscriptions of this webhook URL the endpoint owns, including lead
 * types no longer wanted, so that stale subscriptions can be found after an options change.
 */
public final class WebhookSubscriptionPlan {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscriptionPlan.class);
    private static final List<LeadType> ORGANIZATION_TYPES = List.of(LeadType.EVENT, LeadType.COMPANY, LeadType.ORGANIZATION_PRODUCT);

    /** One owner and lead type: the unit LinkedIn lists subscriptions by. */
    record OwnerType(LeadOwner owner, LeadType leadType) {
    }

    private final Map<OwnerType, List<LeadNotification>> desired = new LinkedHashMap<>();

    private WebhookSubscriptionPlan() {
    }

    /** Plans the subscriptions of {@code webhook} for {@code config}; may call LinkedIn to discover owners and forms. */
    static WebhookSubscriptionPlan of(LinkedInApi api, LinkedInLeadSyncConfiguration config, String webhook, DiscoveredOwners discovered,
                                      Instant now) {
        WebhookSubscriptionPlan plan = new WebhookSubscriptionPlan();
        List<LeadType> types = LinkedInLeadSyncConfigurationValidator.leadTypes(config);
        List<LeadOwner> owners = LinkedInLeadSyncConfigurationValidator.owners(config);
        if (owners.isEmpty()) {
            // the poller's discovery, shared: asked once for both
            owners = discovered.owners(api, now);
        }
        for (LeadOwner owner : owners) {
            for (LeadType type : typesOf(owner)) {
                plan.desired.put(new OwnerType(owner, type), new ArrayList<>());
            }
        }
        List<String> forms = splitUrns(config.getNotificationForms());
        List<String> creatives = LinkedInLeadSyncConfigurationValidator.split(config.getNotificationCreatives());
        List<String> events = LinkedInLeadSyncConfigurationValidator.split(config.getNotificationEvents());
        boolean narrowed = !forms.isEmpty() || !creatives.isEmpty() || !events.isEmpty();
        for (String form : forms) {
            LeadOwner formOwner = formOwner(api, form);
            if (!owners.contains(formOwner)) {
                LOG.warn("notificationForms names {}, owned by {}, which is not among this endpoint's owners; not subscribed", form,
                        formOwner.urn());
                continue;
            }
            plan.add(webhook, formOwner, types, new Narrowing(form, null));
        }
        for (LeadOwner owner : owners) {
            if (!narrowed) {
                plan.add(webhook, owner, types, new Narrowing(null, null));
            }
            creatives.forEach(c -> plan.add(webhook, owner, types.contains(LeadType.SPONSORED) ? List.of(LeadType.SPONSORED) : List.of(),
                    new Narrowing(null, AssociatedEntity.creative(c))));
            events.forEach(e -> plan.add(webhook, owner, types.contains(LeadType.EVENT) ? List.of(LeadType.EVENT) : List.of(),
                    new Narrowing(null, AssociatedEntity.event(e))));
        }
        return plan;
    }

    /** The owner/type pairs whose subscriptions of this webhook the endpoint manages. */
    Set<OwnerType> scope() {
        return desired.keySet();
    }

    /** The subscriptions wanted for one owner/type (empty: every subscription of this webhook there is stale). */
    List<LeadNotification> desired(OwnerType pair) {
        return desired.getOrDefault(pair, List.of());
    }

    /** How many subscriptions are wanted in all. */
    int size() {
        return desired.values().stream().mapToInt(List::size).sum();
    }

    private record Narrowing(String versionedForm, AssociatedEntity associatedEntity) {
    }

    private void add(String webhook, LeadOwner owner, List<LeadType> wanted, Narrowing narrowing) {
        for (LeadType type : typesOf(owner)) {
            if (wanted.contains(type)) {
                desired.get(new OwnerType(owner, type))
                        .add(new LeadNotification(null, webhook, owner, type.name(), narrowing.versionedForm(), narrowing.associatedEntity()));
            }
        }
    }

    private static List<LeadType> typesOf(LeadOwner owner) {
        return owner.isSponsoredAccount() ? List.of(LeadType.SPONSORED) : ORGANIZATION_TYPES;
    }

    private static LeadOwner formOwner(LinkedInApi api, String versionedForm) {
        LeadForm form = api.leadForm(VersionedLeadGenFormUrn.parse(versionedForm).formId());
        if (form.owner() == null) {
            throw new IllegalStateException("LinkedIn named no owner for the form of " + versionedForm);
        }
        return form.owner();
    }

    /** Splits comma-separated URNs; commas inside a URN's parentheses ({@code (urn:li:leadGenForm:1,3)}) stay. */
    static List<String> splitUrns(String csv) {
        List<String> urns = new ArrayList<>();
        if (csv == null) {
            return urns;
        }
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : csv.toCharArray()) {
            if (c == ',' && depth == 0) {
                addTrimmed(urns, current);
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            current.append(c);
        }
        addTrimmed(urns, current);
        return urns;
    }

    private static void addTrimmed(List<String> urns, StringBuilder current) {
        String urn = current.toString().trim();
        if (!urn.isEmpty()) {
            urns.add(urn);
        }
        current.setLength(0);
    }
}
