package io.leadsync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The children of the running benchmark, one pid a line in {@code target/bench/children.pid}. A benchmark that was
 * killed ({@code kill -9}) cannot stop its children; the next run reads the file and stops each pid that is still a
 * benchmark child (its command line carries {@code -Dleadsync.bench.child=}, or {@code cluster_name=leadsync-bench} for
 * the embedded PostgreSQL, which daemonizes), and no other process.
 */
final class PidFile {

    /** The embedded PostgreSQL's {@code cluster_name}: it shows on the server's command line. */
    static final String POSTGRES_MARKER = "cluster_name=leadsync-bench";
    private static final Set<Long> PIDS = new LinkedHashSet<>();
    private static final Set<Long> POSTGRES = new LinkedHashSet<>();
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
                    // TERM: PostgreSQL shuts down cleanly on it; a JVM child runs its shutdown hooks
                    handle.get().destroy();
                }
            }
        }
        write();
    }

    private static boolean isBenchChild(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            String command = new String(cmdline, StandardCharsets.UTF_8);
            return command.contains("-Dleadsync.bench.child=") || command.contains(POSTGRES_MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    /** Records the embedded PostgreSQL server started on {@code port} (pg_ctl daemonizes it: it is not our child). */
    static void addPostgres(int port) {
        ProcessHandle.allProcesses().filter(p -> {
            try {
                String command = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")), StandardCharsets.UTF_8);
                return command.contains(POSTGRES_MARKER) && command.contains("-p\0" + port + "\0");
            } catch (IOException e) {
                return false;
            }
        }).forEach(p -> {
            synchronized (PidFile.class) {
                POSTGRES.add(p.pid());
            }
            add(p.pid());
        });
    }

    /** Forgets the embedded PostgreSQL's pids once its server has ended (waits up to 10 s for that). */
    static void removePostgres() {
        List<Long> pids;
        synchronized (PidFile.class) {
            pids = new ArrayList<>(POSTGRES);
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // still running: the next run stops it
                }
            });
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                synchronized (PidFile.class) {
                    POSTGRES.remove(pid);
                    remove(pid);
                }
            }
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
