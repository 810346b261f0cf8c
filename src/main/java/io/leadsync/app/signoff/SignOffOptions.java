package io.leadsync.app.signoff;

import java.nio.file.Path;
import java.util.List;

/**
 * How a walkthrough runs.
 *
 * @param reportDir where {@code report.html} and {@code report.json} go ({@code data/signoff})
 * @param runDir    the app's fresh data folder for this run ({@code data/signoff/run}), emptied first
 * @param leads     how many leads the embedded sandbox seeds (over 400 days; about 365/400 of them are back-filled)
 */
public record SignOffOptions(Path reportDir, Path runDir, int leads) {

    /** Defaults under {@code data/signoff}, overridden by {@code --report-dir D}, {@code --run-dir D}, {@code --leads N}. */
    public static SignOffOptions parse(List<String> args) {
        Path reportDir = Path.of("data", "signoff");
        Path runDir = null;
        int leads = 600;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (arg) {
                case "--report-dir" -> reportDir = Path.of(required(arg, value));
                case "--run-dir" -> runDir = Path.of(required(arg, value));
                case "--leads" -> leads = Integer.parseInt(required(arg, value));
                default -> throw new IllegalArgumentException("Unknown sign-off option " + arg
                        + " (known: --report-dir DIR, --run-dir DIR, --leads N)");
            }
            i++;
        }
        if (leads < 20) {
            throw new IllegalArgumentException("--leads must be at least 20: every form needs leads in the back-fill window");
        }
        return new SignOffOptions(reportDir.toAbsolutePath(), (runDir == null ? reportDir.resolve("run") : runDir).toAbsolutePath(), leads);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
