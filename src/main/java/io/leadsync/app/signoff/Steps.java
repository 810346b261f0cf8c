package io.leadsync.app.signoff;

import java.util.ArrayList;
import java.util.List;

/** The walkthrough's order: connect first, audiences last; each group builds on what the ones before left. */
final class Steps {

    private Steps() {
    }

    static List<SignOffStep> all(SignOffContext ctx) {
        List<SignOffStep> steps = new ArrayList<>();
        SandboxReader linkedIn = new SandboxReader(ctx.app.sandbox());
        ConnectionSteps connection = new ConnectionSteps(ctx);
        LeadSteps leads = new LeadSteps(ctx, linkedIn);
        steps.addAll(connection.connectSteps());
        steps.add(leads.backfillStep());
        steps.addAll(connection.steps());
        steps.addAll(new AccountSteps(ctx).steps());
        steps.addAll(new FormSteps(ctx, linkedIn).steps());
        steps.addAll(leads.steps());
        steps.addAll(new OutageSteps(ctx, leads).steps());
        steps.addAll(new FormEditSteps(ctx, linkedIn).steps());
        steps.addAll(new WebhookSteps(ctx, leads, SignOffApp.CLIENT_SECRET).steps());
        steps.addAll(new ErrorSteps(ctx).steps());
        steps.addAll(new AudienceSteps(ctx).steps());
        return steps;
    }
}
