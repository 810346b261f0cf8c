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
        steps.addAll(new ConnectionSteps(ctx).steps());
        steps.addAll(new AccountSteps(ctx).steps());
        steps.addAll(new FormSteps(ctx, linkedIn).steps());
        steps.addAll(new LeadSteps(ctx, linkedIn).steps());
        return steps;
    }
}
