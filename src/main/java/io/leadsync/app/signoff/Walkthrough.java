package io.leadsync.app.signoff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the steps in order, one result per id. A step that throws fails with what did not hold; the next steps still
 * run (a later id may not need what an earlier one broke), and an id no step ran is reported as failed.
 */
final class Walkthrough {

    private final List<SignOffStep> steps;

    Walkthrough(List<SignOffStep> steps) {
        this.steps = steps;
    }

    List<SignOffResult> run(Consumer<SignOffResult> onResult) {
        Map<String, SignOffResult> results = new LinkedHashMap<>();
        for (SignOffStep step : steps) {
            Evidence evidence = new Evidence();
            long start = System.nanoTime();
            SignOffResult result;
            try {
                String summary = step.check().run(evidence);
                result = new SignOffResult(step.id(), step.title(), true, summary, evidence.lines(), millisSince(start));
            } catch (Evidence.CheckFailed e) {
                result = new SignOffResult(step.id(), step.title(), false, e.getMessage(), evidence.lines(), millisSince(start));
            } catch (Exception | AssertionError e) {
                result = new SignOffResult(step.id(), step.title(), false, e.getClass().getSimpleName() + ": " + e.getMessage(),
                        withCause(evidence.lines(), e), millisSince(start));
            }
            results.put(step.id(), result);
            onResult.accept(result);
        }
        for (String id : SignOffIds.ALL.keySet()) {
            if (!results.containsKey(id)) {
                SignOffResult missing = new SignOffResult(id, SignOffIds.title(id), false, "no step of the walkthrough shows this id", List.of(), 0);
                results.put(id, missing);
                onResult.accept(missing);
            }
        }
        return new ArrayList<>(results.values());
    }

    private static List<String> withCause(List<String> lines, Throwable e) {
        List<String> all = new ArrayList<>(lines);
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.add("error: " + t);
        }
        return all;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
