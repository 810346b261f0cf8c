package io.leadsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM the benchmark started (the sandbox, the app, the hand-written loop): its output goes to a log file and to
 * listeners that see each line with the {@link System#nanoTime()} at which it was read, its CPU time is read from the
 * kernel ({@code /proc/<pid>/stat} through {@link ProcessHandle.Info#totalCpuDuration()}), and {@link #close()} stops
 * it (TERM, then KILL after a grace period). Every child carries {@code -Dleadsync.bench.child=<name>} on its command
 * line, so that a later run can recognise and stop the leftovers of a run that was itself killed (see {@link PidFile}).
 */
final class ChildProcess implements AutoCloseable {

    /** A line of the child's output and when it was read. */
    record Line(long nanos, String text) {
    }

    /** Sees each output line as it is read, on the reader thread. */
    interface LineListener {
        void line(long nanos, String text);
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final List<LineListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Line> recent = new CopyOnWriteArrayList<>();
    private final long startedNanos;
    private final Thread reader;

    private ChildProcess(String name, Process process, Path log, long startedNanos, List<LineListener> initial) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
        this.listeners.addAll(initial);
        this.reader = new Thread(this::pump, "bench-" + name + "-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts {@code java <jvmArgs> -Dleadsync.bench.child=<name> -cp <classpath> <mainClass> <args>} in {@code directory}
     * with {@code environment} added to a copy of this process's environment from which every {@code LEADSYNC_*} and
     * {@code CAMEL_*} variable was removed (a developer's shell must not change what is measured).
     */
    static ChildProcess start(String name, List<String> jvmArgs, String classpath, String mainClass, List<String> args, Path directory,
                              Map<String, String> environment, Path log, LineListener... listeners) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Dleadsync.bench.child=" + name);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("LEADSYNC_") || k.startsWith("CAMEL_"));
        builder.environment().putAll(environment);
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = builder.start();
        PidFile.add(process.pid());
        return new ChildProcess(name, process, log, started, List.of(listeners));
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND))) {
            for (String line; (line = in.readLine()) != null; ) {
                long now = System.nanoTime();
                out.println(line);
                for (LineListener listener : listeners) {
                    listener.line(now, line);
                }
                recent.add(new Line(now, line));
                if (recent.size() > 200) {
                    recent.remove(0);
                }
            }
        } catch (IOException e) {
            // the child ended
        }
    }

    void addListener(LineListener listener) {
        listeners.add(listener);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    long startedNanos() {
        return startedNanos;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The child's CPU time so far (user + system, all threads), in nanoseconds; -1 when the OS does not say. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Waits until a line matches (true) or the time is up or the child ended (false). */
    boolean awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        addListener((nanos, text) -> {
            if (match.test(text)) {
                seen.countDown();
            }
        });
        for (Line line : recent) {
            if (match.test(line.text())) {
                return true;
            }
        }
        while (System.nanoTime() < deadline) {
            if (seen.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive() && !reader.isAlive()) {
                return seen.getCount() == 0;
            }
        }
        return false;
    }

    /** Waits for the child to end by itself; its exit code, or null when the time ran out. */
    Integer waitFor(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            reader.join(2000);
            return process.exitValue();
        }
        return null;
    }

    /** The last lines of output, for an error message. */
    String tail(int lines) {
        List<Line> all = new ArrayList<>(recent);
        StringBuilder b = new StringBuilder();
        for (Line line : all.subList(Math.max(0, all.size() - lines), all.size())) {
            b.append("    ").append(line.text()).append('\n');
        }
        return b.toString();
    }

    /** TERM, up to {@code grace} for a clean stop (camel-main's shutdown), then KILL. Idempotent. */
    void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PidFile.remove(process.pid());
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }
}
