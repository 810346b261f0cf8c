package io.leadsync.sandbox;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void rejectsUnknownArgumentsAndAMissingPort() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SandboxMain.start(new String[] {"--port", "0", "--bogus"}, sink)).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SandboxMain.start(new String[] {"--seed", "1"}, sink)).hasMessageContaining("--port");
    }
}
