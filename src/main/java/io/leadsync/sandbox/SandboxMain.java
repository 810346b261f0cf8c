package io.leadsync.sandbox;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox from the command line:
 * {@code SandboxMain --port P [--seed N] [--client-id ID] [--client-secret S] [--leads N] [--auto-approve] [--data-dir DIR]}.
 * Prints {@code sandbox ready on http://127.0.0.1:P} once listening and stays up until killed. With
 * {@code --data-dir DIR} the world outlives the process: a new one on the same directory continues it.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    /** Starts the sandbox and blocks until the process is killed. */
    public static void main(String[] args) throws InterruptedException {
        LinkedInSandbox sandbox;
        try {
            sandbox = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SandboxMain --port P [--seed N] [--client-id ID] [--client-secret S] [--leads N] [--auto-approve] [--data-dir DIR]");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop, "sandbox-shutdown"));
        new CountDownLatch(1).await();
    }

    /** Parses the arguments, starts the sandbox and prints the ready line to {@code out}. */
    static LinkedInSandbox start(String[] args, PrintStream out) {
        LinkedInSandbox.Builder builder = LinkedInSandbox.builder();
        boolean portGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> {
                    builder.port(Integer.parseInt(value(args, ++i, arg)));
                    portGiven = true;
                }
                case "--seed" -> builder.seed(Long.parseLong(value(args, ++i, arg)));
                case "--client-id" -> builder.clientId(value(args, ++i, arg));
                case "--client-secret" -> builder.clientSecret(value(args, ++i, arg));
                case "--leads" -> builder.leads(Integer.parseInt(value(args, ++i, arg)));
                case "--auto-approve" -> builder.autoApproveConsent(true);
                case "--data-dir" -> builder.dataDir(java.nio.file.Path.of(value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (!portGiven) {
            throw new IllegalArgumentException("--port is required");
        }
        LinkedInSandbox sandbox = builder.build().start();
        out.println("sandbox ready on " + sandbox.baseUrl());
        out.flush();
        return sandbox;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
