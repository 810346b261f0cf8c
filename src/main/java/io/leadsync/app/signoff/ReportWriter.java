package io.leadsync.app.signoff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code report.json} (the evidence per id, for machines) and {@code report.html} (the same, one self-contained page). */
final class ReportWriter {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;color:#1d2433;padding:0 1rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}.meta{color:#5b6577;margin-bottom:1.5rem}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid #e3e7ee}
            th{background:#f4f6fa;font-weight:600}.id{white-space:nowrap;font-weight:600}
            .pass{color:#11703a;font-weight:700}.fail{color:#b3261e;font-weight:700}
            details summary{cursor:pointer;color:#2f5bb7}ul{margin:.3rem 0 0 1.1rem;padding:0}li{margin:.1rem 0;font-family:ui-monospace,monospace;font-size:12px}
            .total{font-size:1.1rem;margin:.5rem 0 1rem}
            """;

    private ReportWriter() {
    }

    static void write(Path dir, List<SignOffResult> results, Instant started, long millis) throws IOException {
        Files.createDirectories(dir);
        long passed = results.stream().filter(SignOffResult::passed).count();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started.toString());
        json.put("durationMillis", millis);
        json.put("passed", passed);
        json.put("failed", results.size() - passed);
        json.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), json);
        Files.writeString(dir.resolve("report.html"), html(results, started, millis, passed), StandardCharsets.UTF_8);
    }

    private static String html(List<SignOffResult> results, Instant started, long millis, long passed) {
        StringBuilder rows = new StringBuilder();
        for (SignOffResult r : results) {
            StringBuilder evidence = new StringBuilder();
            r.evidence().forEach(line -> evidence.append("<li>").append(escape(line)).append("</li>"));
            rows.append("<tr><td class=\"id\">").append(escape(r.id())).append("</td><td>").append(escape(r.title()))
                    .append("</td><td class=\"").append(r.passed() ? "pass\">PASS" : "fail\">FAIL").append("</td><td>")
                    .append(escape(r.summary()))
                    .append(r.evidence().isEmpty() ? "" : "<details><summary>evidence (" + r.evidence().size() + ")</summary><ul>" + evidence + "</ul></details>")
                    .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.1f s", r.millis() / 1000.0)).append("</td></tr>\n");
        }
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>LinkedIn sign-off walkthrough</title><style>" + STYLE
                + "</style></head><body>\n<h1>LinkedIn sign-off walkthrough</h1>\n<div class=\"meta\">camel-linkedin-leadsync against the embedded "
                + "LinkedIn sandbox · started " + escape(started.toString()) + " · " + String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0)
                + " s</div>\n<div class=\"total\"><span class=\"" + (passed == results.size() ? "pass" : "fail") + "\">" + passed + " of "
                + results.size() + " ids pass</span></div>\n<table><thead><tr><th>id</th><th>LinkedIn asks</th><th>result</th><th>shown by</th>"
                + "<th>time</th></tr></thead><tbody>\n" + rows + "</tbody></table>\n</body></html>\n";
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
