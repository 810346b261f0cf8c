package io.leadsync.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The app's tables against the sandbox's truth: every lead known to the run (the seeded ones of the check window and
 * every submitted one) that the sandbox still serves must be stored exactly once with the sandbox's content, and every
 * one it no longer serves (withdrawn by the run, or by the sandbox while paging) must be absent.
 */
final class Verdict {

    static final String[] CATEGORIES = {"missing", "extra", "duplicated", "withdrawn-but-present", "content mismatches"};
    private static final Pattern FORM_ID = Pattern.compile("leadGenForm:(\\d+)");
    private static final int EXAMPLES = 5;

    private final Map<String, List<String>> ids = new LinkedHashMap<>();
    private final Map<String, ArrayNode> examples = new LinkedHashMap<>();
    private int expected;
    private int stored;
    private int outsideWindow;
    private int withdrawnTotal;
    private final Map<String, Integer> withdrawnButPresentBy = new LinkedHashMap<>();

    private Verdict() {
        for (String c : CATEGORIES) {
            ids.put(c, new ArrayList<>());
            examples.put(c, SandboxClient.JSON.createArrayNode());
        }
    }

    static Verdict compare(List<String> candidates, Map<String, JsonNode> live, List<StoredLeads.Row> rows,
                           Map<String, ChaosRun.Submitted> submitted, Set<String> withdrawnByRun, Set<String> seeded, SandboxClient sandbox,
                           long windowStart, java.util.function.Function<String, String> withdrawal) throws IOException, InterruptedException {
        Verdict v = new Verdict();
        Map<String, List<StoredLeads.Row>> byId = StoredLeads.byId(rows);
        v.stored = byId.size();
        Set<String> known = new java.util.HashSet<>(candidates);
        for (String id : candidates) {
            JsonNode lead = live.get(id);
            List<StoredLeads.Row> found = byId.getOrDefault(id, List.of());
            ChaosRun.Submitted s = submitted.get(id);
            if (lead == null) {
                v.withdrawnTotal++;
                if (!found.isEmpty()) {
                    ObjectNode e = v.add("withdrawn-but-present", id, s);
                    if (e != null) {
                        e.put("withdrawnBy", withdrawnByRun.contains(id) ? "the run (DELETE /_sandbox/leads)" : "the sandbox (withdrawDuringPaging)");
                        e.put("table", found.get(0).table());
                        String context = withdrawal.apply(id);
                        if (context != null) {
                            e.put("withdrawal", context);
                        }
                    }
                    String context = withdrawal.apply(id);
                    String reason = context == null ? "withdrawn by the sandbox" : context.replaceFirst("^withdrawn at \\S+ \\([^)]*\\) ", "");
                    v.withdrawnButPresentBy.merge(reason, 1, Integer::sum);
                }
                continue;
            }
            v.expected++;
            if (found.isEmpty()) {
                ObjectNode e = v.add("missing", id, s);
                if (e != null) {
                    e.put("submittedAt", Instant.ofEpochMilli(lead.path("submittedAt").asLong()).toString());
                    e.put("seeded", seeded.contains(id));
                }
                continue;
            }
            if (found.size() > 1) {
                ObjectNode e = v.add("duplicated", id, s);
                if (e != null) {
                    ArrayNode tables = e.putArray("tables");
                    found.forEach(r -> tables.add(r.table()));
                }
            }
            List<String> diffs = new ArrayList<>();
            for (StoredLeads.Row row : found) {
                diffs.addAll(differences(lead, row));
            }
            if (!diffs.isEmpty()) {
                ObjectNode e = v.add("content mismatches", id, s);
                if (e != null) {
                    ArrayNode d = e.putArray("differences");
                    diffs.forEach(d::add);
                }
            }
        }
        List<String> unknown = byId.keySet().stream().filter(id -> !known.contains(id)).toList();
        Map<String, JsonNode> unknownLive = unknown.isEmpty() ? Map.of() : sandbox.batchGet(unknown);
        for (String id : unknown) {
            JsonNode lead = unknownLive.get(id);
            if (lead != null && lead.path("submittedAt").asLong() < windowStart) {
                // a seeded lead between 364 and 365 days old: the back-fill may read it, the check window does not
                v.outsideWindow++;
                continue;
            }
            ObjectNode e = v.add("extra", id, null);
            if (e != null) {
                e.put("liveInSandbox", lead != null);
                e.put("table", byId.get(id).get(0).table());
            }
        }
        return v;
    }

    private ObjectNode add(String category, String id, ChaosRun.Submitted s) {
        ids.get(category).add(id);
        ArrayNode list = examples.get(category);
        if (list.size() >= EXAMPLES) {
            return null;
        }
        ObjectNode e = list.addObject();
        e.put("leadId", id);
        if (s != null) {
            e.put("formId", s.formId());
            e.put("plannedSubmission", Instant.ofEpochMilli(s.plannedAtMillis()).toString());
            e.put("test", s.test());
            e.put("visibleAfterSeconds", s.visibleAfterSeconds());
        }
        return e;
    }

    /** The compared fields that differ between the sandbox's lead and one stored row. */
    static List<String> differences(JsonNode lead, StoredLeads.Row row) {
        List<String> diffs = new ArrayList<>();
        Matcher m = FORM_ID.matcher(lead.path("versionedLeadGenFormUrn").asText());
        Long formId = m.find() ? Long.parseLong(m.group(1)) : null;
        compare(diffs, "form_id", formId, row.formId());
        compare(diffs, "table", formId == null ? null : "leads_form_" + formId, row.table());
        compare(diffs, "lead_type", lead.path("leadType").asText(null), row.leadType());
        compare(diffs, "test_lead", lead.path("testLead").asBoolean(false), row.testLead());
        compare(diffs, "submitted_at", lead.path("submittedAt").asLong(), row.submittedAtMillis());
        Map<String, String> answers = predefinedAnswers(lead);
        compare(diffs, "first_name", answers.get("FIRST_NAME"), row.firstName());
        compare(diffs, "email", answers.containsKey("WORK_EMAIL") ? answers.get("WORK_EMAIL") : answers.get("EMAIL"), row.email());
        return diffs;
    }

    private static void compare(List<String> diffs, String field, Object truth, Object stored) {
        if (!Objects.equals(truth, stored)) {
            diffs.add(field + ": sandbox " + truth + ", stored " + stored);
        }
    }

    /** Text answers by predefined field, with the questions of the lead's own form version. */
    private static Map<String, String> predefinedAnswers(JsonNode lead) {
        Map<Long, String> fieldByQuestion = new LinkedHashMap<>();
        for (JsonNode q : lead.path("form").path("content").path("questions")) {
            if (q.hasNonNull("predefinedField")) {
                fieldByQuestion.put(q.path("questionId").asLong(), q.path("predefinedField").asText());
            }
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (JsonNode a : lead.path("formResponse").path("answers")) {
            String field = fieldByQuestion.get(a.path("questionId").asLong());
            JsonNode text = a.path("answerDetails").path("textQuestionAnswer").path("answer");
            if (field != null && text.isTextual()) {
                answers.putIfAbsent(field, text.asText());
            }
        }
        return answers;
    }

    boolean allZero() {
        return ids.values().stream().allMatch(List::isEmpty);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-24s %7s  %s%n", "check", "count", "examples"));
        for (String c : CATEGORIES) {
            List<String> list = ids.get(c);
            out.append(String.format("%-24s %7d  %s%n", c, list.size(), String.join(" ", list.subList(0, Math.min(3, list.size())))));
        }
        out.append(String.format("(%d leads expected, %d withdrawn, %d distinct ids stored, %d stored seeded leads outside the 364-day check window)%n",
                expected, withdrawnTotal, stored, outsideWindow));
        withdrawnButPresentBy.forEach((why, n) -> out.append(String.format("  withdrawn-but-present %s: %d%n", why, n)));
        out.append(allZero() ? "RESULT: nothing lost, nothing resurrected\n" : "RESULT: FAIL\n");
        return out.toString();
    }

    /** Adds the counts and examples to the report; each example gets the app-log lines that name its id. */
    void write(ObjectNode report, Path logDir) throws IOException {
        ObjectNode counts = report.putObject("counts");
        ObjectNode ex = report.putObject("examples");
        List<Path> logs;
        try (Stream<Path> s = Files.list(logDir)) {
            logs = s.filter(p -> p.getFileName().toString().startsWith("app-")).sorted().toList();
        }
        for (String c : CATEGORIES) {
            counts.put(c, ids.get(c).size());
            for (JsonNode e : examples.get(c)) {
                ArrayNode lines = ((ObjectNode) e).putArray("appLog");
                String id = e.path("leadId").asText();
                for (Path log : logs) {
                    try (Stream<String> s = Files.lines(log, StandardCharsets.UTF_8)) {
                        s.filter(l -> l.contains(id)).limit(6).forEach(l -> lines.add(log.getFileName() + ": " + l));
                    } catch (java.io.UncheckedIOException ignored) {
                        // a line that is not UTF-8 (a torn write of the killed process): skip the file
                    }
                }
            }
            ex.set(c, examples.get(c));
            ArrayNode all = report.with("ids").putArray(c);
            ids.get(c).stream().limit(200).forEach(all::add);
        }
        ObjectNode by = report.putObject("withdrawnButPresentBy");
        withdrawnButPresentBy.forEach(by::put);
        report.put("expected", expected).put("withdrawn", withdrawnTotal).put("storedDistinct", stored).put("storedOutsideWindow", outsideWindow)
                .put("allZero", allZero());
    }
}
