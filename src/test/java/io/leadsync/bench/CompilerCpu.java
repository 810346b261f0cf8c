package io.leadsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a JVM's JIT compiler threads ({@code C1 CompilerThread…}, {@code C2 CompilerThread…}) have used, from
 * {@code /proc/<pid>/task/<tid>/stat}. A back-fill of 100,000 leads is short enough that compiling the code it runs is
 * a large part of its CPU, and the app runs far more code than the hand-written loop; this separates the two.
 * HotSpot keeps at least one thread of each compiler alive, so none of their time is lost with an ended thread.
 */
final class CompilerCpu {

    /** Linux's USER_HZ, the unit of the stat file's times, 100 on every architecture the JDK runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CompilerCpu() {
    }

    /** Nanoseconds of user + system time of the compiler threads of {@code pid}; -1 without {@code /proc}. */
    static long nanos(long pid) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) all::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        String stat = Files.readString(task.resolve("stat"));
                        // the fields after the parenthesized name: state is 3rd, utime the 14th and stime the 15th
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }
}
