package io.leadsync.app.signoff;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mvn -q compile exec:java -Dexec.args=signoff}: starts the integration on the embedded sandbox, walks every
 * id of LinkedIn's sign-off lists, prints one line per id and writes {@code data/signoff/report.html} and
 * {@code report.json}. Exit code 0 only when every id passes.
 */
public final class SignOffMain {

    private SignOffMain() {
    }

    /**
     * Runs the walkthrough with {@code args} ({@code --report-dir}, {@code --run-dir}, {@code --leads}); answers the
     * process exit code: 0 all passed, 1 some failed, 2 it could not run.
     */
    public static int run(List<String> args, AppLauncher launcher, PrintStream out) {
        SignOffOptions options;
        try {
            options = SignOffOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("Sign-off not run: " + e.getMessage());
            return 2;
        }
        Instant started = Instant.now();
        long start = System.nanoTime();
        out.println("Sign-off walkthrough: the app on the embedded LinkedIn sandbox (" + options.leads() + " seeded leads), data in " + options.runDir());
        List<SignOffResult> results = new ArrayList<>();
        try {
            Files.createDirectories(options.runDir().getParent());
            try (LogCapture log = new LogCapture(options.reportDir().resolve("app.log"), true);
                 SignOffApp app = SignOffApp.start(options, launcher)) {
                SignOffContext ctx = new SignOffContext(app, log);
                results.addAll(new Walkthrough(Steps.all(ctx)).run(r -> out.println(r.line())));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            ReportWriter.write(options.reportDir(), results, started, millis);
            long failed = results.stream().filter(r -> !r.passed()).count();
            out.printf("%d of %d ids pass in %.0f s; report: %s (app log: %s)%n", results.size() - failed, results.size(), millis / 1000.0,
                    options.reportDir().resolve("report.html"), options.reportDir().resolve("app.log"));
            return failed == 0 ? 0 : 1;
        } catch (Exception e) {
            out.println("Sign-off not run: " + e);
            return 2;
        }
    }
}
