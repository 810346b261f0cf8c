package io.leadsync.app.signoff;

/**
 * One id of LinkedIn's sign-off lists and the check that shows it on the running app.
 *
 * @param id    the id, e.g. {@code LGF-108}
 * @param title what LinkedIn asks for
 * @param check runs the step; answers the summary line, or throws when something does not hold
 */
public record SignOffStep(String id, String title, Check check) {

    /** A step's work and its checks; evidence goes into {@code evidence}, failures are thrown. */
    @FunctionalInterface
    public interface Check {
        String run(Evidence evidence) throws Exception;
    }
}
