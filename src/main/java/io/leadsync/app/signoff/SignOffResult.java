package io.leadsync.app.signoff;

import java.util.List;

/**
 * The outcome of one sign-off id.
 *
 * @param id       the id of LinkedIn's list, e.g. {@code LGF-108}
 * @param title    what LinkedIn asks for, in a few words
 * @param passed   whether every check of the step held
 * @param summary  one line: what was shown, or why it failed
 * @param evidence the facts the checks looked at (counts, API calls, HTTP answers, log lines)
 * @param millis   how long the step took
 */
public record SignOffResult(String id, String title, boolean passed, String summary, List<String> evidence, long millis) {

    public SignOffResult {
        evidence = List.copyOf(evidence);
    }

    /** The console line: {@code LGF-108 PASS 1,839 leads stored, 0 duplicates}. */
    public String line() {
        return id + (passed ? " PASS " : " FAIL ") + summary;
    }
}
