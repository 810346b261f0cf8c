package io.leadsync.app.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.app.LeadSyncMain;
import io.leadsync.app.LeadSyncSettings;
import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-off walkthrough as {@code mvn -q compile exec:java -Dexec.args=signoff} runs it (same entry point,
 * {@link SignOffMain#run}), in temporary folders and on a small sandbox: every id of LinkedIn's lists passes, and
 * both reports hold one entry per id.
 */
class SignOffWalkthroughTest {

    @TempDir
    Path dir;

    /**
     * {@code LeadSyncMain.configure}, which {@code LeadSyncMain.main} hands to the walkthrough as a lambda; it is
     * package-private in io.leadsync.app, so the test reaches the same method reflectively.
     */
    private static AppLauncher appAsShipped() throws Exception {
        Method configure = LeadSyncMain.class.getDeclaredMethod("configure", Main.class, LeadSyncSettings.class);
        configure.setAccessible(true);
        return (main, properties) -> {
            Object connection = configure.invoke(null, main, new LeadSyncSettings(properties));
            Method embedded = connection.getClass().getDeclaredMethod("embedded");
            embedded.setAccessible(true);
            return (LinkedInSandbox) embedded.invoke(connection);
        };
    }

    @Test
    void everyIdOfLinkedInsListsPassesAndIsReportedOnce() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = SignOffMain.run(List.of("--report-dir", dir.toString(), "--run-dir", dir.resolve("run").toString(), "--leads", "60"), appAsShipped(),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        String printed = console.toString(StandardCharsets.UTF_8);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        List<String> failed = report.get("results").valueStream().filter(r -> !r.get("passed").asBoolean())
                .map(r -> r.get("id").asText() + ": " + r.get("summary").asText()).toList();
        assertThat(failed).as("ids that did not pass (console:%n%s)", printed).isEmpty();
        assertThat(exit).isZero();
        assertThat(report.get("results").valueStream().map(r -> r.get("id").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(SignOffIds.ALL.keySet());
        assertThat(report.get("results").valueStream()).allMatch(r -> r.get("evidence").size() > 0, "every id has evidence");
        for (String id : SignOffIds.ALL.keySet()) {
            assertThat(printed).contains(id + " PASS ");
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!doctype html>").contains("<style>").doesNotContain("<link", "<script", "@import");
        for (Map.Entry<String, String> id : SignOffIds.ALL.entrySet()) {
            assertThat(html).contains("<td class=\"id\">" + id.getKey() + "</td>");
        }
    }
}
