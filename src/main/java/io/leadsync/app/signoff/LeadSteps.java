package io.leadsync.app.signoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.sandbox.SandboxStats;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Leads into the database (LGF-108, LGF-303, LGF-109, the lead-type and test-lead rows of the guide, LGF-114): the
 * back-fill counted against every lead LinkedIn holds in the 365-day window, and one test lead per lead type
 * submitted at the sandbox and seen arriving by push.
 */
final class LeadSteps {

    /** Leads this close to the 365-day edge may fall on either side of it between the poll and the count. */
    private static final long EDGE_MS = Duration.ofMinutes(10).toMillis();
    private static final long YEAR_MS = Duration.ofDays(365).toMillis();
    static final List<String> LEAD_TYPES = List.of("SPONSORED", "EVENT", "COMPANY", "ORGANIZATION_PRODUCT");

    private final SignOffContext ctx;
    private final SandboxReader linkedIn;
    private long findersAfterBackfill = -1;
    private ScheduledPollConsumer pollAfterBackfill;
    private long pollsAfterBackfill = -1;

    LeadSteps(SignOffContext ctx, SandboxReader linkedIn) {
        this.ctx = ctx;
        this.linkedIn = linkedIn;
    }

    /** The back-fill runs right after the connection, before later steps revoke the grant in its middle. */
    SignOffStep backfillStep() {
        return new SignOffStep("LGF-108", SignOffIds.title("LGF-108"), this::backfill);
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("LGF-303", SignOffIds.title("LGF-303"), this::pollInterval),
                new SignOffStep("LGF-109", SignOffIds.title("LGF-109"), this::endToEnd),
                new SignOffStep("GUIDE-LEAD-TYPES", SignOffIds.title("GUIDE-LEAD-TYPES"), this::leadTypes),
                new SignOffStep("GUIDE-TEST-LEADS", SignOffIds.title("GUIDE-TEST-LEADS"), this::testLeads),
                new SignOffStep("LGF-114", SignOffIds.title("LGF-114"), this::metadata));
    }

    /** The outcome of a count of every form's table against LinkedIn's leads. */
    record Count(long expected, long stored, long missing, long unexpected, long duplicates, long edge, List<String> examples) {
        boolean exact() {
            return missing == 0 && unexpected == 0 && duplicates == 0;
        }
    }

    /** Counts every form's rows against LinkedIn's leads of the 365-day window; {@code extra} are leads submitted since. */
    Count count(Set<String> extra) throws Exception {
        long now = System.currentTimeMillis();
        long expected = 0;
        long stored = 0;
        long missing = 0;
        long unexpected = 0;
        long edge = 0;
        Map<String, Integer> seen = new HashMap<>();
        List<String> examples = new ArrayList<>();
        Db db = ctx.app.db();
        for (JsonNode form : ctx.app.world().withArray("forms")) {
            long formId = form.get("id").asLong();
            Set<String> want = new HashSet<>();
            Set<String> either = new HashSet<>();
            for (Map.Entry<String, Long> lead : linkedIn.leads(form, now - YEAR_MS - EDGE_MS, now + 1).entrySet()) {
                (lead.getValue() >= now - YEAR_MS + EDGE_MS || extra.contains(lead.getKey()) ? want : either).add(lead.getKey());
            }
            List<String> rows = db.hasTable(formId) ? db.leadIds(formId) : List.of();
            rows.forEach(id -> seen.merge(id, 1, Integer::sum));
            expected += want.size();
            stored += rows.size();
            edge += either.size();
            for (String id : want) {
                if (!rows.contains(id)) {
                    missing++;
                    examples.add("missing " + id + " of form " + formId);
                }
            }
            for (String id : rows) {
                if (!want.contains(id) && !either.contains(id)) {
                    unexpected++;
                    examples.add("unexpected " + id + " in " + Db.table(formId));
                }
            }
        }
        long duplicates = seen.values().stream().filter(n -> n > 1).count();
        return new Count(expected, stored, missing, unexpected, duplicates, edge, examples.subList(0, Math.min(5, examples.size())));
    }

    /** The count once every table equals LinkedIn's leads, or the last count after {@code atMost} (the caller reports it). */
    Count awaitExact(Duration atMost, Set<String> extra) throws Exception {
        Count[] last = new Count[1];
        try {
            Waits.until(atMost, Duration.ofMillis(250), "every table equal to LinkedIn's leads", () -> {
                last[0] = count(extra);
                return last[0].exact();
            });
        } catch (Evidence.CheckFailed e) {
            // reported by the caller with the count's examples
        }
        return last[0];
    }

    private String backfill(Evidence e) throws Exception {
        // the first poll ran when the app started, before anyone connected, and found no token: the back-fill starts
        // with the next poll (leadsync.poll.delay later); restarting the route stands for that poll, as a restart would
        ctx.app.camel().getRouteController().stopRoute("leads-pull");
        ctx.app.camel().getRouteController().startRoute("leads-pull");
        e.note("route leads-pull started again: its first poll found no token (the app started unconnected)");
        Count c = awaitExact(Duration.ofSeconds(60), Set.of());
        e.note("LinkedIn holds %d leads in the 365-day window (%d within 10 minutes of its edge, counted either way); examples of differences: %s",
                c.expected(), c.edge(), c.examples());
        e.requireEqual(0L, c.missing(), "leads LinkedIn has that no table holds");
        e.requireEqual(0L, c.unexpected(), "rows of leads LinkedIn does not have in the window");
        e.requireEqual(0L, c.duplicates(), "lead ids stored more than once (across every table)");
        SandboxStats stats = ctx.stats();
        findersAfterBackfill = stats.calls("FINDER leadFormResponses");
        pollAfterBackfill = (ScheduledPollConsumer) ctx.app.camel().getRoute("leads-pull").getConsumer();
        pollsAfterBackfill = pollAfterBackfill.getCounter();
        e.note("LinkedIn answered %d lead finder calls (pages) so far", findersAfterBackfill);
        return String.format(java.util.Locale.ROOT, "%,d leads stored, 0 missing, 0 duplicates (%,d lead finder calls)", c.stored(), findersAfterBackfill);
    }

    private String pollInterval(Evidence e) throws Exception {
        Route route = ctx.app.camel().getRoute("leads-pull");
        e.require(route != null && route.getConsumer() instanceof ScheduledPollConsumer, "route leads-pull polls on a schedule");
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) route.getConsumer();
        String setting = ctx.app.camel().resolvePropertyPlaceholders("{{leadsync.poll.delay}}");
        e.requireEqual(SignOffIds.POLL_DELAY_MS, Long.parseLong(setting), "leadsync.poll.delay of this run");
        e.requireEqual(SignOffIds.POLL_DELAY_MS, consumer.getDelay(), "the running poll consumer's delay (ms)");
        e.require(pollAfterBackfill == consumer && pollsAfterBackfill >= 1, "LGF-108 counted the polls of this consumer (%d)", pollsAfterBackfill);
        // the steps since (token lifecycle, forms) took seconds; with an hour's interval no poll may have run meanwhile
        e.requireEqual(pollsAfterBackfill, consumer.getCounter(), "polls run since the back-fill");
        return "leadsync.poll.delay=" + setting + " ms is the consumer's delay; no poll ran in the " + pollsAfterBackfill + "-poll consumer since the back-fill";
    }

    private String endToEnd(Evidence e) throws Exception {
        awaitSubscriptions(e);
        SandboxStats before = ctx.stats();
        Map<String, Long> sentAt = new LinkedHashMap<>();
        for (String type : LEAD_TYPES) {
            String id = ctx.app.sandbox().submitLeads(ctx.form(type), 1, true).get(0);
            ctx.testLeadOfType.put(type, id);
            sentAt.put(type, System.nanoTime());
            e.note("%s test lead %s submitted on form %d (POST /_sandbox/forms/%d/leads)", type, id, ctx.form(type), ctx.form(type));
        }
        Db db = ctx.app.db();
        Map<String, Long> latency = new LinkedHashMap<>();
        Waits.until(Duration.ofSeconds(20), "a row for each test lead", () -> {
            for (String type : LEAD_TYPES) {
                if (!latency.containsKey(type) && db.rowIfAny(ctx.form(type), ctx.testLeadOfType.get(type)) != null) {
                    latency.put(type, (System.nanoTime() - sentAt.get(type)) / 1_000_000);
                }
            }
            return latency.size() == LEAD_TYPES.size();
        });
        SandboxStats after = ctx.stats();
        e.requireEqual(before.calls("FINDER leadFormResponses"), after.calls("FINDER leadFormResponses"),
                "lead finder calls meanwhile (the rows came by push, not by a poll)");
        // the sandbox counts a delivery once the app's answer is read, just after the row is committed
        Waits.until(Duration.ofSeconds(5), "4 webhook deliveries acknowledged", () -> ctx.stats().webhooks().delivered() - before.webhooks().delivered() >= LEAD_TYPES.size());
        e.note("webhook deliveries acknowledged: %d", ctx.stats().webhooks().delivered() - before.webhooks().delivered());
        for (String type : LEAD_TYPES) {
            Map<String, Object> row = db.row(ctx.form(type), ctx.testLeadOfType.get(type));
            e.require(type.equals(row.get("lead_type")) && Boolean.TRUE.equals(row.get("test_lead")), "%s row in %s within ~%d ms: lead_type %s, test_lead %s",
                    type, Db.table(ctx.form(type)), latency.get(type), row.get("lead_type"), row.get("test_lead"));
        }
        return "4 test leads (one per lead type) stored by push within " + latency.values().stream().mapToLong(Long::longValue).max().orElse(0)
                + " ms, 0 polls";
    }

    /** Until LinkedIn holds this app's webhook for every owner and lead type (the app registers in the background). */
    @SuppressWarnings("unchecked")
    private void awaitSubscriptions(Evidence e) throws Exception {
        List<String> wanted = List.of(SignOffContext.AD_ACCOUNT + " SPONSORED", SignOffContext.COMPANY_PAGE + " EVENT",
                SignOffContext.COMPANY_PAGE + " COMPANY", SignOffContext.PRODUCT_PAGE + " ORGANIZATION_PRODUCT");
        List<String> seen = new ArrayList<>();
        Waits.until(Duration.ofSeconds(90), "this app's webhook subscribed for " + wanted, () -> {
            Map<String, Object> webhook = (Map<String, Object>) ctx.app.http().status().get("webhook");
            List<Map<String, Object>> subs = webhook == null ? null : (List<Map<String, Object>>) webhook.get("subscriptions");
            seen.clear();
            if (subs != null) {
                subs.forEach(s -> seen.add(s.get("owner") + " " + s.get("leadType")));
            }
            return seen.containsAll(wanted);
        });
        e.note("GET /api/status: webhook subscribed for %s", seen);
    }

    private String leadTypes(Evidence e) throws Exception {
        Db db = ctx.app.db();
        List<String> parts = new ArrayList<>();
        for (String type : LEAD_TYPES) {
            long rows = db.count("SELECT COUNT(*) FROM " + Db.table(ctx.form(type)) + " WHERE lead_type = ?", type);
            e.require(rows > 1, "%s: %d rows in %s (back-filled and pushed)", type, rows, Db.table(ctx.form(type)));
            e.require(ctx.testLeadOfType.containsKey(type), "%s: LGF-109's pushed lead", type);
            parts.add(type + " " + rows);
        }
        return String.join(", ", parts) + " rows, each type pulled and pushed";
    }

    private String testLeads(Evidence e) throws Exception {
        String sponsored = ctx.testLeadOfType.get("SPONSORED");
        e.require(sponsored != null, "LGF-109 submitted a SPONSORED test lead");
        List<?> onlyTest = ctx.request("linkedin-leadsync:leads?operation=searchLeads&testLeads=only&owners=" + SignOffContext.AD_ACCOUNT, null,
                Map.of(), List.class);
        e.require(!onlyTest.isEmpty() && onlyTest.stream().allMatch(l -> ((Lead) l).testLead()), "searchLeads testLeads=only (limitedToTestLeads): %d leads, all test leads",
                onlyTest.size());
        e.require(onlyTest.stream().anyMatch(l -> ((Lead) l).id().equals(sponsored)), "among them the one LGF-109 submitted");
        Db db = ctx.app.db();
        long flagged = db.count("SELECT COUNT(*) FROM " + Db.table(ctx.form("SPONSORED")) + " WHERE test_lead = TRUE");
        long real = db.count("SELECT COUNT(*) FROM " + Db.table(ctx.form("SPONSORED")) + " WHERE test_lead = FALSE");
        e.require(flagged >= 1 && real >= 1, "table %s: %d rows flagged test_lead, %d real leads", Db.table(ctx.form("SPONSORED")), flagged, real);
        return onlyTest.size() + " test leads fetched with limitedToTestLeads; " + flagged + " rows flagged test_lead beside " + real + " real ones";
    }

    private String metadata(Evidence e) throws Exception {
        Db db = ctx.app.db();
        JsonNode world = ctx.app.world();
        Map<String, Object> row = db.row(ctx.form("SPONSORED"), ctx.testLeadOfType.get("SPONSORED"));
        e.require(row != null, "the SPONSORED test lead's row");
        String campaignName = null;
        for (JsonNode c : world.withArray("campaigns")) {
            if (String.valueOf(row.get("campaign_id")).equals(c.get("id").asText())) {
                campaignName = c.get("name").asText();
            }
        }
        String creative = null;
        for (JsonNode c : world.withArray("creatives")) {
            if (c.get("id").asText().endsWith(":" + row.get("creative_id")) || c.get("id").asText().equals(String.valueOf(row.get("creative_id")))) {
                creative = c.get("id").asText();
            }
        }
        e.requireEqual(String.valueOf(ctx.form("SPONSORED")), String.valueOf(row.get("form_id")), "form_id");
        e.requireEqual("Northwind whitepaper Q1", row.get("form_name"), "form_name");
        e.requireEqual("507857085", String.valueOf(row.get("account_id")), "account_id");
        e.requireEqual("Northwind Ads", row.get("account_name"), "account_name");
        e.require(campaignName != null && campaignName.equals(row.get("campaign_name")), "campaign %s '%s' (the world's name: '%s')", row.get("campaign_id"),
                row.get("campaign_name"), campaignName);
        e.require(creative != null, "creative_id %s is a creative of the world (%s)", row.get("creative_id"), creative);
        Map<String, Object> event = db.row(ctx.form("EVENT"), ctx.testLeadOfType.get("EVENT"));
        JsonNode seededEvent = world.withArray("events").get(0);
        e.require(event != null && String.valueOf(event.get("event_id")).equals(seededEvent.get("id").asText())
                && seededEvent.path("name").path("localized").path("en_US").asText().equals(event.get("event_name")),
                "event lead: event_id %s, event_name '%s', organization '%s'", event == null ? null : event.get("event_id"),
                event == null ? null : event.get("event_name"), event == null ? null : event.get("organization_name"));
        return "form, account, campaign, creative and event ids with names in their own columns ('" + row.get("campaign_name") + "')";
    }
}
