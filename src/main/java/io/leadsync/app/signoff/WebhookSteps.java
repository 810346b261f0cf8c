package io.leadsync.app.signoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;

/**
 * The integration's lifecycle and its webhooks (LGF-110, LGF-202, LGF-203, LGF-204): teardown and setup through the
 * app's operator API, subscriptions read back from LinkedIn, a subscription narrowed to one form on a second
 * webhook, and the forms behind each campaign and creative.
 */
final class WebhookSteps {

    private static final String NOTIFICATIONS = "linkedin-leadsync:notifications";
    private static final List<String> OWNERS = List.of(SignOffContext.AD_ACCOUNT, SignOffContext.COMPANY_PAGE, SignOffContext.PRODUCT_PAGE);

    private final SignOffContext ctx;
    private final LeadSteps leads;
    private final String clientSecret;
    private Set<Long> beforeTeardown = Set.of();

    WebhookSteps(SignOffContext ctx, LeadSteps leads, String clientSecret) {
        this.ctx = ctx;
        this.leads = leads;
        this.clientSecret = clientSecret;
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("LGF-110", SignOffIds.title("LGF-110"), this::teardownAndSetup),
                new SignOffStep("LGF-202", SignOffIds.title("LGF-202"), this::webhookLifecycle),
                new SignOffStep("LGF-203", SignOffIds.title("LGF-203"), this::narrowed),
                new SignOffStep("LGF-204", SignOffIds.title("LGF-204"), this::formsOfCampaigns));
    }

    /** Every subscription LinkedIn holds for this app's webhook URL, over the three owners. */
    private List<LeadNotification> ours() throws Exception {
        String url = ctx.app.baseUrl() + "/linkedin/leads";
        List<LeadNotification> found = new ArrayList<>();
        for (String owner : OWNERS) {
            for (Object n : ctx.request(NOTIFICATIONS + "?operation=listNotifications", null, Map.of("CamelLinkedInOwner", owner), List.class)) {
                LeadNotification notification = (LeadNotification) n;
                if (url.equals(notification.webhook())) {
                    found.add(notification);
                }
            }
        }
        return found;
    }

    private static Set<Long> ids(List<LeadNotification> subscriptions) {
        Set<Long> ids = new TreeSet<>();
        subscriptions.forEach(s -> ids.add(s.id()));
        return ids;
    }

    private String teardownAndSetup(Evidence e) throws Exception {
        beforeTeardown = ids(ours());
        e.require(beforeTeardown.size() >= 4, "LinkedIn holds %d subscriptions of this webhook: %s", beforeTeardown.size(), beforeTeardown);
        Map<String, Object> down = OperatorHttp.json(ctx.app.http().post("/api/teardown?dropTables=true").body());
        e.note("POST /api/teardown?dropTables=true: %s", down);
        e.require(ours().isEmpty(), "LinkedIn holds no subscription of this webhook any more");
        e.require(ctx.app.db().leadTables().isEmpty(), "no leads_form_* table is left");
        e.require(!ctx.app.camel().getRouteController().getRouteStatus("leads-pull").isStarted()
                && !ctx.app.camel().getRouteController().getRouteStatus("leads-push").isStarted(), "routes leads-push and leads-pull are stopped");
        Map<String, Object> up = OperatorHttp.json(ctx.app.http().post("/api/setup").body());
        e.note("POST /api/setup: %s", up);
        Waits.until(Duration.ofSeconds(90), "the webhook subscribed again for every owner and type", () -> ours().size() >= beforeTeardown.size());
        LeadSteps.Count[] count = {leads.awaitExact(Duration.ofSeconds(60), Set.of())};
        e.require(count[0].exact(), "every table against LinkedIn after setup: %d stored, %d missing, %d duplicates, %d unexpected %s", count[0].stored(),
                count[0].missing(), count[0].duplicates(), count[0].unexpected(), count[0].examples());
        return beforeTeardown.size() + " subscriptions and the tables deleted, then set up again: " + count[0].stored() + " rows back-filled, 0 missing";
    }

    private String webhookLifecycle(Evidence e) throws Exception {
        String registered = ctx.log.first(0, "registered for");
        e.require(registered != null, "at start: %s", registered);
        List<LeadNotification> now = ours();
        Set<Long> ids = ids(now);
        e.require(ids.size() >= 4 && java.util.Collections.disjoint(ids, beforeTeardown), "re-registered after LGF-110's teardown: ids %s (before %s)", ids,
                beforeTeardown);
        // create one more, "update" it (LinkedIn has no update: a new subscription replaces the old one), delete it
        String url = ctx.app.baseUrl() + "/linkedin/leads?subscription=extra";
        LeadNotification first = ctx.request(NOTIFICATIONS + "?operation=registerNotification",
                new LeadNotification(null, url, LeadOwner.of(SignOffContext.AD_ACCOUNT), "SPONSORED", null, null), Map.of(), LeadNotification.class);
        e.require(first.id() != null, "registerNotification: subscription %d for %s (LinkedIn validated the webhook with its challenge)", first.id(), url);
        String narrowedForm = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + ctx.form("SPONSORED") + ",1)";
        LeadNotification replacement = ctx.request(NOTIFICATIONS + "?operation=registerNotification",
                new LeadNotification(null, url, LeadOwner.of(SignOffContext.AD_ACCOUNT), "SPONSORED", narrowedForm, null), Map.of(), LeadNotification.class);
        ctx.request(NOTIFICATIONS + "?operation=deleteNotification", null, Map.of("CamelLinkedInNotificationId", first.id()), Object.class);
        List<Long> extra = new ArrayList<>();
        for (Object n : ctx.request(NOTIFICATIONS + "?operation=listNotifications", null, Map.of("CamelLinkedInOwner", SignOffContext.AD_ACCOUNT), List.class)) {
            if (url.equals(((LeadNotification) n).webhook())) {
                extra.add(((LeadNotification) n).id());
            }
        }
        e.requireEqual(List.of(replacement.id()), extra, "updated: subscriptions of " + url + " after the replacement");
        ctx.request(NOTIFICATIONS + "?operation=deleteNotification", null, Map.of("CamelLinkedInNotificationId", replacement.id()), Object.class);
        e.require(ctx.request(NOTIFICATIONS + "?operation=listNotifications", null, Map.of("CamelLinkedInOwner", SignOffContext.AD_ACCOUNT), List.class)
                .stream().noneMatch(n -> url.equals(((LeadNotification) n).webhook())), "deleteNotification: none left for %s", url);
        // a test lead through the re-registered webhook
        String lead = ctx.app.sandbox().submitLeads(ctx.form("SPONSORED"), 1, true).get(0);
        long finders = ctx.stats().calls("FINDER leadFormResponses");
        Waits.until(Duration.ofSeconds(20), "the test lead stored", () -> ctx.app.db().rowIfAny(ctx.form("SPONSORED"), lead) != null);
        e.requireEqual(finders, ctx.stats().calls("FINDER leadFormResponses"), "lead finder calls meanwhile (it came by push)");
        return "registered at start, re-registered after teardown (" + ids.size() + " new ids), one created, replaced and deleted; a test lead came through";
    }

    private String narrowed(Evidence e) throws Exception {
        e.require(ctx.createdForm != null, "GUIDE-MANAGE-FORMS created a second SPONSORED form");
        LeadForm created = ctx.request("linkedin-leadsync:forms?operation=getForm", null, Map.of("CamelLinkedInFormId", ctx.createdForm), LeadForm.class);
        String narrowedTo = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + created.id() + "," + created.versionId() + ")";
        try (WebhookReceiver receiver = new WebhookReceiver(clientSecret)) {
            LeadNotification sub = ctx.request(NOTIFICATIONS + "?operation=registerNotification",
                    new LeadNotification(null, receiver.url(), LeadOwner.of(SignOffContext.AD_ACCOUNT), "SPONSORED", narrowedTo, null), Map.of(),
                    LeadNotification.class);
            e.note("subscription %d of %s narrowed to %s", sub.id(), receiver.url(), narrowedTo);
            try {
                String other = ctx.app.sandbox().submitLeads(ctx.form("SPONSORED"), 1, true).get(0);
                String mine = ctx.app.sandbox().submitLeads(created.id(), 1, true).get(0);
                Db db = ctx.app.db();
                // both reach the app's own, unnarrowed webhook; only the narrowed form's lead reaches the second one
                Waits.until(Duration.ofSeconds(20), "both leads stored by the app and one delivery at the narrowed webhook",
                        () -> db.rowIfAny(ctx.form("SPONSORED"), other) != null && db.rowIfAny(created.id(), mine) != null && !receiver.forms().isEmpty());
                e.note("lead %s on form %d and lead %s on form %d both stored by the app's webhook", other, ctx.form("SPONSORED"), mine, created.id());
                e.requireEqual(List.of(narrowedTo), receiver.forms(), "deliveries at the narrowed webhook (the other form's lead was submitted first)");
            } finally {
                ctx.request(NOTIFICATIONS + "?operation=deleteNotification", null, Map.of("CamelLinkedInNotificationId", sub.id()), Object.class);
            }
        }
        return "a subscription narrowed to form " + created.id() + " got its lead only, not the one of form " + ctx.form("SPONSORED");
    }

    private String formsOfCampaigns(Evidence e) throws Exception {
        List<?> found = ctx.request("linkedin-leadsync:leads?operation=searchLeads&maxResults=5000&owners=" + SignOffContext.AD_ACCOUNT, null, Map.of(), List.class);
        Map<String, Set<Long>> byCampaign = new TreeMap<>();
        Map<String, Set<Long>> byCreative = new TreeMap<>();
        for (Object o : found) {
            Lead lead = (Lead) o;
            if (lead.campaignId() != null) {
                byCampaign.computeIfAbsent(lead.campaignId() + " '" + lead.campaignName() + "'", k -> new TreeSet<>()).add(lead.formId());
            }
            if (lead.creativeId() != null) {
                byCreative.computeIfAbsent(lead.creativeId(), k -> new TreeSet<>()).add(lead.formId());
            }
        }
        Set<Long> listed = new TreeSet<>();
        ctx.request("linkedin-leadsync:forms?operation=listForms&owners=" + SignOffContext.AD_ACCOUNT, null, Map.of(), List.class)
                .forEach(f -> listed.add(((LeadForm) f).id()));
        Set<Long> named = new TreeSet<>();
        byCampaign.values().forEach(named::addAll);
        e.note("forms per campaign: %s", byCampaign);
        e.note("forms per creative: %s", byCreative);
        Set<String> seededCampaigns = new TreeSet<>();
        ctx.app.world().withArray("campaigns").forEach(c -> seededCampaigns.add(c.get("id").asText()));
        e.require(byCampaign.keySet().stream().map(k -> k.split(" ")[0]).toList().containsAll(seededCampaigns), "every campaign of the account has leads: %s",
                seededCampaigns);
        e.require(listed.containsAll(named), "every form named by a campaign is one of the account's forms %s", listed);
        return byCampaign.size() + " campaigns and " + byCreative.size() + " creatives mapped to their forms: " + byCampaign;
    }
}
