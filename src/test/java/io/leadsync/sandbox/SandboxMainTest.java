package io.leadsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line prints the ready line once listening, and honours its options. */
class SandboxMainTest {

    @Test
    void printsTheReadyLineAndServes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinkedInSandbox sandbox = SandboxMain.start(new String[] {"--port", "0", "--seed", "5", "--leads", "20",
            "--client-id", "cli-client", "--client-secret", "cli-secret", "--auto-approve"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("sandbox ready on http://127.0.0.1:" + sandbox.port()
                    + System.lineSeparator());
            var world = SandboxTestSupport.json(SandboxTestSupport.admin(sandbox, "GET", "world", null));
            assertThat(world.get("leadCount").asInt()).isEqualTo(20);
            var redirect = SandboxTestSupport.send(HttpRequest.newBuilder(URI.create(sandbox.oauthBaseUrl()
                    + "/authorization?response_type=code&client_id=cli-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&scope=r_ads")));
            assertThat(redirect.statusCode()).as("auto-approve with the given client id").isEqualTo(302);
        } finally {
            sandbox.stop();
        }
    }

    @Test
    void aKilledProcessLeavesItsWorldInTheDataDirectory(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SandboxMain.class.getName(),
                "--port", "0", "--leads", "30", "--data-dir", dir.toString()).redirectErrorStream(true).start();
        List<String> ids = new ArrayList<>();
        LinkedInSandbox.Tokens tokens;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String base = null;
            while (base == null && (line = out.readLine()) != null) {
                if (line.startsWith("sandbox ready on ")) {
                    base = line.substring("sandbox ready on ".length());
                }
            }
            assertThat(base).as("ready line").isNotNull();
            JsonNode issued = SandboxTestSupport.MAPPER.readTree(post(base + "/_sandbox/tokens", "{}"));
            tokens = new LinkedInSandbox.Tokens(issued.get("access_token").asText(), 0, issued.get("refresh_token").asText(), 0, "");
            SandboxTestSupport.MAPPER.readTree(post(base + "/_sandbox/forms/7234310/leads", "{\"count\":4}"))
                    .get("leadIds").forEach(id -> ids.add(id.asText()));
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }

        LinkedInSandbox sandbox = SandboxMain.start(new String[] {"--port", "0", "--leads", "30", "--data-dir", dir.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            for (String id : ids) {
                assertThat(SandboxTestSupport.get(sandbox, "/leadFormResponses/" + id, tokens.accessToken()).statusCode())
                        .isEqualTo(200);
            }
            assertThat(LinkedInSandboxDurabilityTest.refresh(sandbox, tokens.refreshToken()).statusCode()).isEqualTo(200);
            assertThat(sandbox.world().get("leadCount").asInt()).isEqualTo(34);
        } finally {
            sandbox.stop();
        }
    }

    private static String post(String url, String json) {
        return SandboxTestSupport.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))).body();
    }

    @Test
    void rejectsUnknownArgumentsAndAMissingPort() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SandboxMain.start(new String[] {"--port", "0", "--bogus"}, sink)).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SandboxMain.start(new String[] {"--seed", "1"}, sink)).hasMessageContaining("--port");
    }
}
