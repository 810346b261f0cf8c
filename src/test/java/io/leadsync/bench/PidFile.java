package io.leadsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The children of the running benchmark, one pid a line in {@code target/bench/children.pid}. A benchmark that was
 * killed ({@code kill -9}) cannot stop its children; the next run reads the file and stops each pid that is still a
 * benchmark child (its command line carries {@code -Dleadsync.bench.child=}), and no other process.
 */
final class PidFile {

    private static final Set<Long> PIDS = new LinkedHashSet<>();
    private static Path file;

    private PidFile() {
    }

    /** Stops the leftovers of an earlier run recorded in {@code path}, then records this run's children there. */
    static synchronized void open(Path path) throws IOException {
        file = path;
        Files.createDirectories(path.getParent());
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                long pid = Long.parseLong(line.trim());
                Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                if (handle.isPresent() && isBenchChild(pid)) {
                    System.out.println("Stopping pid " + pid + ", left over from an earlier benchmark run");
                    handle.get().destroyForcibly();
                }
            }
        }
        write();
    }

    private static boolean isBenchChild(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains("-Dleadsync.bench.child=");
        } catch (IOException e) {
            return false;
        }
    }

    static synchronized void add(long pid) {
        PIDS.add(pid);
        write();
    }

    static synchronized void remove(long pid) {
        PIDS.remove(pid);
        write();
    }

    private static void write() {
        if (file == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        PIDS.forEach(p -> b.append(p).append('\n'));
        try {
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Cannot write " + file + ": " + e.getMessage());
        }
    }
}
