package io.leadsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Members submitting and withdrawing leads, each followed by a push to every matching subscription. */
final class LeadActions implements AutoCloseable {

    private final SandboxContext ctx;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-lead-submitter");
        t.setDaemon(true);
        return t;
    });

    LeadActions(SandboxContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Submits {@code count} leads on the form's latest version, the first {@code corruptAnswers} of them with broken
     * answers. With {@code perSecond > 0} they arrive over time in the background; the ids are known (and answered)
     * up front either way.
     */
    List<String> submit(long formId, int count, boolean test, double perSecond, int corruptAnswers) {
        FormRecord form = ctx.world.form(formId);
        if (form == null) {
            throw SandboxApiError.notFound("No lead form " + formId);
        }
        if (count < 1 || count > 10_000) {
            throw SandboxApiError.badRequest("count must be between 1 and 10000");
        }
        if (corruptAnswers < 0 || corruptAnswers > count) {
            throw SandboxApiError.badRequest("corruptAnswers must be between 0 and count");
        }
        List<ObjectNode> leads = ctx.world.newLeads(form, count, test, corruptAnswers);
        List<String> ids = new ArrayList<>();
        // one forced journal write for the whole submission, not one per lead
        ctx.journal.batch(() -> {
            for (int i = 0; i < leads.size(); i++) {
                ObjectNode lead = leads.get(i);
                ids.add(lead.get("id").asText());
                if (perSecond > 0) {
                    long delayMs = (long) (i * 1000 / perSecond);
                    scheduler.schedule(() -> {
                        lead.put("submittedAt", ctx.clock.millis());
                        accept(lead);
                    }, delayMs, TimeUnit.MILLISECONDS);
                } else {
                    accept(lead);
                }
            }
        });
        return ids;
    }

    private void accept(ObjectNode lead) {
        ctx.world.leads.add(lead);
        publish(lead, "CREATED");
    }

    /** Withdraws a lead (e.g. a cancelled event registration) and pushes DELETED. */
    boolean withdraw(String leadId) {
        ObjectNode lead = ctx.world.leads.withdraw(leadId);
        if (lead == null) {
            return false;
        }
        publish(lead, "DELETED");
        return true;
    }

    private void publish(ObjectNode lead, String action) {
        for (ObjectNode subscription : ctx.notifications.matching(lead)) {
            ObjectNode notification = Json.object();
            notification.put("type", "LEAD_ACTION");
            notification.put("leadGenFormResponse", "urn:li:leadGenFormResponse:" + lead.get("id").asText());
            notification.put("leadGenForm", lead.get("versionedLeadGenFormUrn").asText());
            notification.set("owner", lead.get("owner"));
            if (lead.has("associatedEntity")) {
                notification.set("associatedEntity", lead.get("associatedEntity"));
            }
            notification.put("leadType", lead.get("leadType").asText());
            notification.put("leadAction", action);
            notification.put("occurredAt", ctx.clock.millis());
            ctx.pusher.push(subscription.get("webhook").asText(), notification);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
