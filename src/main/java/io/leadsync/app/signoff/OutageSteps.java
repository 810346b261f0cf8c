package io.leadsync.app.signoff;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadsync.sandbox.SandboxFaults;
import io.leadsync.sandbox.SandboxStats;

/**
 * Outages and failures (LGF-201, LGF-301, LGF-111, LGF-112): webhooks dropped at LinkedIn, the app's lead routes
 * down while leads come in, an answer LinkedIn corrupted, a lead the database refuses. Each recovers by the app's
 * own means (a time-bound pull, the field-error record, the dead-letter replay) and the rows are counted.
 */
final class OutageSteps {

    private static final Pattern WINDOW = Pattern.compile("leads submitted (\\S+) \\.\\. (\\S+): page");

    private final SignOffContext ctx;
    private final LeadSteps leads;

    OutageSteps(SignOffContext ctx, LeadSteps leads) {
        this.ctx = ctx;
        this.leads = leads;
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("LGF-201", SignOffIds.title("LGF-201"), this::missedPushes),
                new SignOffStep("LGF-301", SignOffIds.title("LGF-301"), this::outage),
                new SignOffStep("LGF-111", SignOffIds.title("LGF-111"), this::failingField),
                new SignOffStep("LGF-112", SignOffIds.title("LGF-112"), this::failingLead));
    }

    private SandboxFaults faults() {
        return ctx.app.sandbox().faults();
    }

    /** Leads submitted while LinkedIn drops every webhook delivery; answers their ids once the drops are counted. */
    private List<String> submitWithWebhooksDropped(Evidence e, long formId, int count) throws Exception {
        SandboxStats before = ctx.stats();
        faults().dropWebhookRate(1.0);
        List<String> ids;
        try {
            ids = ctx.app.sandbox().submitLeads(formId, count, false);
            Waits.until(Duration.ofSeconds(10), count + " webhook deliveries dropped", () -> ctx.stats().webhooks().dropped() - before.webhooks().dropped() >= count);
        } finally {
            faults().dropWebhookRate(0);
        }
        ids.forEach(id -> submittedOn.put(id, formId));
        e.note("%d leads submitted on form %d while LinkedIn dropped every webhook (POST /_sandbox/faults {\"dropWebhookRate\":1}): %s", count, formId, ids);
        return ids;
    }

    private void restartPoll() throws Exception {
        ctx.app.camel().getRouteController().stopRoute("leads-pull");
        ctx.app.camel().getRouteController().startRoute("leads-pull");
    }

    private String missedPushes(Evidence e) throws Exception {
        List<String> missed = new ArrayList<>(submitWithWebhooksDropped(e, ctx.form("SPONSORED"), 2));
        missed.addAll(submitWithWebhooksDropped(e, ctx.form("COMPANY"), 1));
        Db db = ctx.app.db();
        e.require(missed.stream().noneMatch(id -> db.rowIfAny(formOf(id), id) != null), "no row for them: the push never came");
        long findersBefore = ctx.stats().calls("FINDER leadFormResponses", 200);
        restartPoll();
        Waits.until(Duration.ofSeconds(90), "the poll stores the missed leads", () -> missed.stream().allMatch(id -> db.rowIfAny(formOf(id), id) != null));
        e.note("the backup poll ran (route leads-pull started again): %d lead finder calls", ctx.stats().calls("FINDER leadFormResponses", 200) - findersBefore);
        LeadSteps.Count count = leads.awaitExact(Duration.ofSeconds(90), Set.copyOf(missed));
        e.require(count.exact(), "every table against LinkedIn: %d stored, %d missing, %d duplicates, %d unexpected %s", count.stored(), count.missing(),
                count.duplicates(), count.unexpected(), count.examples());
        return missed.size() + " leads whose push was dropped stored by the backup pull; " + count.stored() + " rows, 0 missing, 0 duplicates";
    }

    private String outage(Evidence e) throws Exception {
        Instant down = Instant.now();
        ctx.app.camel().getRouteController().stopRoute("leads-push");
        ctx.app.camel().getRouteController().stopRoute("leads-pull");
        e.note("routes leads-push and leads-pull stopped at %s: the app is down for leads", down);
        SandboxStats before = ctx.stats();
        List<String> submitted = ctx.app.sandbox().submitLeads(ctx.form("EVENT"), 2, false);
        Waits.until(Duration.ofSeconds(20), "LinkedIn gives up delivering the 2 webhooks", () -> ctx.stats().webhooks().failed() - before.webhooks().failed() >= 2);
        e.note("2 event registrations submitted during the outage %s; LinkedIn gave up %d deliveries after its retries", submitted,
                ctx.stats().webhooks().failed() - before.webhooks().failed());
        Db db = ctx.app.db();
        e.require(submitted.stream().noneMatch(id -> db.rowIfAny(ctx.form("EVENT"), id) != null), "no row for them during the outage");
        int mark = ctx.log.mark();
        ctx.app.camel().getRouteController().startRoute("leads-push");
        ctx.app.camel().getRouteController().startRoute("leads-pull");
        Waits.until(Duration.ofSeconds(90), "the pull after the outage stores them", () -> submitted.stream().allMatch(id -> db.rowIfAny(ctx.form("EVENT"), id) != null));
        List<String> windows = ctx.log.since(mark, l -> l.contains("EVENT " + SignOffContext.COMPANY_PAGE + ": leads submitted"));
        e.require(!windows.isEmpty(), "log: %s", windows);
        Matcher m = WINDOW.matcher(windows.get(0));
        e.require(m.find(), "the pull's window is logged");
        Instant from = Instant.parse(m.group(1));
        // the watermark of the last poll minus the 10-minute overlap: hours, not the back-fill's 365 days
        e.require(Duration.between(from, down).compareTo(Duration.ofHours(2)) < 0, "the pull read leads submitted %s .. %s, not a year back", m.group(1), m.group(2));
        LeadSteps.Count count = leads.awaitExact(Duration.ofSeconds(90), Set.copyOf(submitted));
        e.require(count.exact(), "every table against LinkedIn: %d stored, %d missing, %d duplicates", count.stored(), count.missing(), count.duplicates());
        return "2 leads of the outage pulled from " + m.group(1) + " (watermark − overlap); 0 missing, 0 duplicates";
    }

    private String failingField(Evidence e) throws Exception {
        long form = ctx.form("SPONSORED");
        List<String> ids = ctx.app.sandbox().submitLeads(form, 3, true, 1);
        e.note("3 leads submitted, the first with broken answers (unknown option, over-long text, stray question): %s", ids);
        Db db = ctx.app.db();
        Waits.until(Duration.ofSeconds(20), "rows for the 3 leads", () -> ids.stream().allMatch(id -> db.rowIfAny(form, id) != null));
        Map<String, Object> broken = db.row(form, ids.get(0));
        e.require(broken.get("field_errors") != null, "lead %s stored with field_errors: %s", ids.get(0), broken.get("field_errors"));
        e.require(broken.get("work_email") != null && broken.get("first_name") != null, "its good answers are stored: work_email %s", broken.get("work_email"));
        for (String id : ids.subList(1, 3)) {
            e.require(db.row(form, id).get("field_errors") == null, "lead %s stored without field errors", id);
        }
        return "a lead with 3 broken answers stored with its good ones and field_errors; the 2 others clean";
    }

    private String failingLead(Evidence e) throws Exception {
        long form = ctx.form("SPONSORED");
        String table = Db.table(form);
        List<String> ids = submitWithWebhooksDropped(e, form, 3);
        String refused = ids.get(1);
        Db db = ctx.app.db();
        // a constraint as a DBA might add by mistake: the database now refuses exactly one of the three
        db.execute("ALTER TABLE " + table + " ADD CONSTRAINT signoff_refuses_one CHECK (lead_id <> '" + refused + "')");
        try {
            restartPoll();
            Waits.until(Duration.ofSeconds(90), "the others stored and the refused one dead-lettered", () -> db.rowIfAny(form, ids.get(0)) != null
                    && db.rowIfAny(form, ids.get(2)) != null && db.count("SELECT COUNT(*) FROM lead_dead_letters WHERE lead_id = ?", refused) == 1);
            String reason = db.strings("SELECT reason FROM lead_dead_letters WHERE lead_id = ?", refused).get(0);
            e.require(reason.toLowerCase(java.util.Locale.ROOT).contains("signoff_refuses_one"), "lead %s in lead_dead_letters: %s", refused, reason);
            e.require(db.rowIfAny(form, refused) == null, "no row for it; the 2 others of the same page are stored");
            Map<String, Object> still = OperatorHttp.json(ctx.app.http().post("/api/dead-letters/replay").body());
            e.require(Integer.valueOf(0).equals(still.get("stored")) && Integer.valueOf(1).equals(still.get("deadLetters")),
                    "POST /api/dead-letters/replay while the cause is there: %s", still);
        } finally {
            db.execute("ALTER TABLE " + table + " DROP CONSTRAINT signoff_refuses_one");
        }
        Map<String, Object> replay = OperatorHttp.json(ctx.app.http().post("/api/dead-letters/replay").body());
        e.require(Integer.valueOf(1).equals(replay.get("stored")) && Integer.valueOf(0).equals(replay.get("deadLetters")),
                "constraint dropped; POST /api/dead-letters/replay: %s", replay);
        e.require(db.rowIfAny(form, refused) != null, "lead %s now has its row", refused);
        return "1 lead refused by the database dead-lettered while 2 of its page were stored; replayed once the cause was gone";
    }

    /** The form each lead of {@link #submitWithWebhooksDropped} was submitted on. */
    private final Map<String, Long> submittedOn = new java.util.HashMap<>();

    private long formOf(String leadId) {
        return submittedOn.get(leadId);
    }
}
