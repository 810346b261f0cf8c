package io.leadsync.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.leadsync.camel.linkedin.audience.ElementResult;
import io.leadsync.camel.linkedin.audience.SegmentBatchResult;

/**
 * The rows of an audience source (a database table or a CSV file; columns email, firstName, lastName, title, company,
 * country, action) as the segments producer takes them (MA-106, MA-107). Column names are matched whatever their
 * case or underscores ({@code FIRST_NAME}, {@code firstname}, {@code firstName}), because databases upper-case
 * unquoted names; {@code action} is ADD (also when empty) or REMOVE.
 */
public final class AudienceRows {

    /** The column names the producer reads, by their normalised form. */
    private static final Map<String, String> COLUMNS = Map.of("email", "email", "firstname", "firstName", "lastname", "lastName",
            "title", "title", "company", "company", "country", "country", "sha256email", "sha256Email", "sha512email", "sha512Email",
            "googleaid", "googleAid", "action", "action");

    private AudienceRows() {
    }

    /** The rows to add to the segment. */
    public static List<Map<String, Object>> adds(List<Map<String, Object>> rows) {
        return withAction(rows, "ADD");
    }

    /** The rows to remove from the segment. */
    public static List<Map<String, Object>> removes(List<Map<String, Object>> rows) {
        return withAction(rows, "REMOVE");
    }

    /** The rows whose action is neither ADD nor REMOVE; they are reported and not sent. */
    public static List<Map<String, Object>> unknownAction(List<Map<String, Object>> rows) {
        return rows.stream().map(AudienceRows::normalise).filter(r -> !"ADD".equals(action(r)) && !"REMOVE".equals(action(r))).toList();
    }

    /**
     * A CSV text with a header line into rows. Fields may be quoted ({@code "Doe, Jane"}, {@code ""} for a quote);
     * empty lines are skipped.
     */
    public static List<Map<String, Object>> parseCsv(String csv) {
        List<List<String>> records = records(csv == null ? "" : csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < record.size(); i++) {
                row.put(header.get(i).trim(), record.get(i).trim());
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@code 3 accepted, 1 rejected (1× email is neither an email address nor a SHA-256 digest)}. */
    public static String outcome(SegmentBatchResult result) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (ElementResult element : result.elements()) {
            if (!element.accepted()) {
                reasons.merge(element.message() == null ? "HTTP " + element.status() : element.message(), 1, Integer::sum);
            }
        }
        StringBuilder s = new StringBuilder().append(result.acceptedCount()).append(" accepted, ").append(result.rejectedCount())
                .append(" rejected");
        if (!reasons.isEmpty()) {
            List<String> parts = new ArrayList<>();
            reasons.forEach((reason, n) -> parts.add(n + "× " + reason));
            s.append(" (").append(String.join("; ", parts)).append(')');
        }
        return s.append(" in ").append(result.requests()).append(result.requests() == 1 ? " request" : " requests").toString();
    }

    private static List<Map<String, Object>> withAction(List<Map<String, Object>> rows, String action) {
        return rows.stream().map(AudienceRows::normalise).filter(r -> action.equals(action(r))).toList();
    }

    private static String action(Map<String, Object> row) {
        Object value = row.get("action");
        return value == null || value.toString().isBlank() ? "ADD" : value.toString().trim().toUpperCase(Locale.ROOT);
    }

    private static Map<String, Object> normalise(Map<String, Object> row) {
        Map<String, Object> normalised = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            String key = COLUMNS.get(column.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT));
            if (key != null && value != null && !value.toString().isBlank()) {
                normalised.put(key, value.toString().trim());
            }
        });
        return normalised;
    }

    private static List<List<String>> records(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, record, field, any);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        endRecord(records, record, field, any);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field, boolean any) {
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        field.setLength(0);
    }
}
