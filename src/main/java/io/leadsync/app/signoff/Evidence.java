package io.leadsync.app.signoff;

import java.util.ArrayList;
import java.util.List;

/**
 * What one step saw, in plain lines for the report, and the checks that turn it into PASS or FAIL. A check that
 * does not hold throws {@link CheckFailed} with the fact that was wrong, so a step stops at its first broken fact.
 */
public final class Evidence {

    private final List<String> lines = new ArrayList<>();

    /** Records a fact for the report. */
    public Evidence note(String format, Object... args) {
        lines.add(args.length == 0 ? format : String.format(java.util.Locale.ROOT, format, args));
        return this;
    }

    /** Records {@code fact} when {@code condition} holds; fails the step with it otherwise. */
    public Evidence require(boolean condition, String fact, Object... args) {
        String text = args.length == 0 ? fact : String.format(java.util.Locale.ROOT, fact, args);
        if (!condition) {
            lines.add("NOT: " + text);
            throw new CheckFailed(text);
        }
        lines.add(text);
        return this;
    }

    /** Fails unless {@code actual} equals {@code expected}; records both. */
    public Evidence requireEqual(Object expected, Object actual, String what) {
        return require(java.util.Objects.equals(expected, actual), "%s: expected %s, got %s", what, expected, actual);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** A fact that did not hold. */
    public static final class CheckFailed extends RuntimeException {
        CheckFailed(String message) {
            super(message);
        }
    }
}
