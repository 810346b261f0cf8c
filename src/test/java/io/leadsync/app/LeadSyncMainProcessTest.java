package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeadSyncMain#main} as a process, as the README starts it: a refused start exits non-zero with one line and
 * no stack trace (issue 7 §3 and §6).
 */
class LeadSyncMainProcessTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenPortStopsTheAppWithALineNamingThePortAndItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Result result = run(Map.of("CAMEL_SERVER_PORT", Integer.toString(port)));
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.output()).contains("Not started: port " + port + " on 127.0.0.1 cannot be bound (")
                    .contains("set CAMEL_SERVER_PORT (camel.server.port) to a free port, or stop what listens there");
            assertThat(result.output()).doesNotContain("\tat ", "Exception:", "sandbox ready", "Apache Camel");
        }
    }

    @Test
    void linkedinModeWithoutItsSecretsDoesNotStart() throws Exception {
        Result result = run(Map.of("LEADSYNC_MODE", "linkedin"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip().lines().filter(l -> l.contains("ERROR")).toList()).containsExactly(result.output().strip().lines()
                .filter(l -> l.contains("Not started: leadsync.mode=linkedin needs the LinkedIn app's client id: set LEADSYNC_LINKEDIN_CLIENT_ID"))
                .findFirst().orElseThrow());
        assertThat(result.output()).doesNotContain("\tat ", "sandbox", "Apache Camel");
        assertThat(dataDir.resolve("leadsync.mv.db")).as("no database written").doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> environment) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), LeadSyncMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LEADSYNC_DATA_DIR", dataDir.toString());
        builder.environment().put("CAMEL_MANAGEMENT_PORT", "0");
        builder.environment().put("LEADSYNC_SANDBOX_PORT", "0");
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
