package io.leadsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Members submitting and withdrawing leads, each followed by a push to every matching subscription. */
final class LeadActions implements AutoCloseable {

    /**
     * How leads are submitted (the admin API's {@code POST /_sandbox/forms/{formId}/leads} body).
     *
     * @param count                 leads to submit (1 to 10,000)
     * @param test                  test leads
     * @param perSecond             arrival rate; 0 submits all at once
     * @param corruptAnswers        how many of them (the first) carry broken answers
     * @param visibleAfterSeconds   CREATED is pushed at once, but the lead is readable only this much later
     * @param withdrawImmediately   the member withdraws each lead right after submitting it (CREATED, then DELETED)
     * @param reverseNotifications  with {@code withdrawImmediately}: DELETED is delivered before CREATED
     */
    record Submission(int count, boolean test, double perSecond, int corruptAnswers, long visibleAfterSeconds,
                      boolean withdrawImmediately, boolean reverseNotifications) {

        static Submission of(int count, boolean test, double perSecond, int corruptAnswers) {
            return new Submission(count, test, perSecond, corruptAnswers, 0, false, false);
        }
    }

    private final SandboxContext ctx;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-lead-submitter");
        t.setDaemon(true);
        return t;
    });

    LeadActions(SandboxContext ctx) {
        this.ctx = ctx;
    }

    List<String> submit(long formId, int count, boolean test, double perSecond, int corruptAnswers) {
        return submit(formId, Submission.of(count, test, perSecond, corruptAnswers));
    }

    /**
     * Submits leads on the form's latest version, the first {@code corruptAnswers} of them with broken answers. With
     * {@code perSecond > 0} they arrive over time in the background; the ids are known (and answered) up front either way.
     */
    List<String> submit(long formId, Submission s) {
        FormRecord form = ctx.world.form(formId);
        if (form == null) {
            throw SandboxApiError.notFound("No lead form " + formId);
        }
        if ("ARCHIVED".equals(form.state())) {
            throw SandboxApiError.badRequest("Lead form " + formId + " is ARCHIVED: it takes no new leads");
        }
        if (s.count() < 1 || s.count() > 10_000) {
            throw SandboxApiError.badRequest("count must be between 1 and 10000");
        }
        if (s.corruptAnswers() < 0 || s.corruptAnswers() > s.count()) {
            throw SandboxApiError.badRequest("corruptAnswers must be between 0 and count");
        }
        if (s.visibleAfterSeconds() < 0) {
            throw SandboxApiError.badRequest("visibleAfterSeconds must not be negative");
        }
        if (s.reverseNotifications() && !s.withdrawImmediately()) {
            throw SandboxApiError.badRequest("reverseNotifications needs withdrawImmediately: it reverses CREATED and DELETED");
        }
        List<ObjectNode> leads = ctx.world.newLeads(form, s.count(), s.test(), s.corruptAnswers());
        List<String> ids = new ArrayList<>();
        // one forced journal write for the whole submission, not one per lead
        ctx.journal.batch(() -> {
            for (int i = 0; i < leads.size(); i++) {
                ObjectNode lead = leads.get(i);
                ids.add(lead.get("id").asText());
                if (s.perSecond() > 0) {
                    long delayMs = (long) (i * 1000 / s.perSecond());
                    scheduler.schedule(() -> {
                        lead.put("submittedAt", ctx.clock.millis());
                        accept(lead, s);
                    }, delayMs, TimeUnit.MILLISECONDS);
                } else {
                    accept(lead, s);
                }
            }
        });
        return ids;
    }

    /** Submits one lead with the member's own answers on the form's latest version and pushes CREATED; its id. */
    String submitAnswered(long formId, ObjectNode formResponse, boolean test) {
        FormRecord form = ctx.world.form(formId);
        if (form == null) {
            throw SandboxApiError.notFound("No lead form " + formId);
        }
        if ("ARCHIVED".equals(form.state())) {
            throw SandboxApiError.badRequest("Lead form " + formId + " is ARCHIVED: it takes no new leads");
        }
        ObjectNode lead = ctx.world.newAnsweredLead(form, formResponse, test);
        accept(lead, Submission.of(1, test, 0, 0));
        return lead.get("id").asText();
    }

    private void accept(ObjectNode node, Submission s) {
        LeadStore.Lead lead = ctx.world.leads.add(node, node.get("submittedAt").asLong() + s.visibleAfterSeconds() * 1000);
        if (!s.withdrawImmediately()) {
            publish(lead, "CREATED");
            return;
        }
        ctx.world.leads.withdraw(lead.id);
        List<String> order = s.reverseNotifications() ? List.of("DELETED", "CREATED") : List.of("CREATED", "DELETED");
        for (ObjectNode subscription : ctx.notifications.matching(lead)) {
            List<ObjectNode> notifications = new ArrayList<>();
            order.forEach(action -> notifications.add(notification(lead, action)));
            ctx.pusher.pushInOrder(subscription.get("webhook").asText(), notifications);
        }
    }

    /** Withdraws a lead (e.g. a cancelled event registration) and pushes DELETED. */
    boolean withdraw(String leadId) {
        LeadStore.Lead lead = ctx.world.leads.withdraw(leadId);
        if (lead == null) {
            return false;
        }
        publish(lead, "DELETED");
        return true;
    }

    private void publish(LeadStore.Lead lead, String action) {
        for (ObjectNode subscription : ctx.notifications.matching(lead)) {
            ctx.pusher.push(subscription.get("webhook").asText(), notification(lead, action));
        }
    }

    private ObjectNode notification(LeadStore.Lead lead, String action) {
        ObjectNode notification = Json.object();
        notification.put("type", "LEAD_ACTION");
        notification.put("leadGenFormResponse", "urn:li:leadGenFormResponse:" + lead.id);
        notification.put("leadGenForm", lead.versionedLeadGenFormUrn);
        notification.set("owner", lead.owner.deepCopy());
        if (lead.associatedEntity != null) {
            notification.set("associatedEntity", lead.associatedEntity.deepCopy());
        }
        notification.put("leadType", lead.leadType);
        notification.put("leadAction", action);
        notification.put("occurredAt", ctx.clock.millis());
        return notification;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
