package io.leadsync.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of a chaos run (the standalone sandbox and the app): started with their output in a log file,
 * killed with SIGKILL on request, and every one still alive killed by a shutdown hook, whatever way the run ends.
 */
final class ChildProcesses {

    private final List<Process> started = new ArrayList<>();

    ChildProcesses() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "chaos-children"));
    }

    /** A JVM running {@code mainClass} on this JVM's class path, in {@code workingDirectory}, with exactly {@code env}. */
    synchronized Process startJava(String mainClass, List<String> args, Path workingDirectory, Map<String, String> env, Path log,
                                   String maxHeap) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // nothing of this shell's LeadSync or Camel settings reaches the child: it gets what the run chose
        builder.environment().keySet().removeIf(k -> k.startsWith("LEADSYNC_") || k.startsWith("CAMEL_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** {@code kill -9}: SIGKILL to the process (and any child of it), then waits (bounded) until it is gone. */
    static void kill9(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it is still alive after {@code seconds}; answers whether it ended by itself. */
    static boolean stop(Process process, int seconds) throws InterruptedException {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return true;
        }
        kill9(process);
        return false;
    }

    synchronized void killAll() {
        for (Process process : started) {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        for (Process process : started) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A port free on the loopback interface now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
