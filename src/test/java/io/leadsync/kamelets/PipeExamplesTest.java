package io.leadsync.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Camel K Pipe examples under pipes/ (beside the Kamelets, not packaged with them: a Pipe in the jar's kamelets/
 * folder is loaded as a Kamelet by camel-kamelets' catalog): valid YAML, Pipes of camel.apache.org/v1, every Kamelet of this
 * project referenced by its name with only declared properties and all required ones, secrets never inline but read
 * from a Secret the Pipe mounts.
 */
class PipeExamplesTest {

    private static final Path PIPES = Path.of("pipes");
    private static final Pattern SECRET = Pattern.compile("^\\{\\{secret:([a-z0-9-]+)/[a-z0-9-]+}}$");

    @Test
    void everyPipeReferencesKameletsCorrectlyAndEveryOwnKameletHasAnExample() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(PIPES)) {
            files = list.filter(p -> p.toString().endsWith(".pipe.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        List<String> ownUsed = new ArrayList<>();
        Set<String> catalogUsed = new java.util.TreeSet<>();
        for (Path file : files) {
            List<Map<String, Object>> pipes = new ArrayList<>();
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) document;
                if ("Pipe".equals(map.get("kind"))) {
                    pipes.add(map);
                }
            }
            assertThat(pipes).as(file + " holds one Pipe").hasSize(1);
            Map<String, Object> pipe = pipes.get(0);
            assertThat(pipe.get("apiVersion")).as(file.toString()).isEqualTo("camel.apache.org/v1");
            Map<String, Object> metadata = KameletConventionsTest.map(pipe, "metadata");
            assertThat(file.getFileName().toString()).isEqualTo(metadata.get("name") + ".pipe.yaml");
            String mounted = String.valueOf(KameletConventionsTest.map(metadata, "annotations").get("trait.camel.apache.org/mount.configs"));

            Map<String, Object> spec = KameletConventionsTest.map(pipe, "spec");
            List<Map<String, Object>> endpoints = new ArrayList<>();
            endpoints.add(KameletConventionsTest.map(spec, "source"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) spec.getOrDefault("steps", List.of());
            endpoints.addAll(steps);
            endpoints.add(KameletConventionsTest.map(spec, "sink"));
            boolean ours = false;
            for (Map<String, Object> endpoint : endpoints) {
                Map<String, Object> ref = KameletConventionsTest.map(endpoint, "ref");
                assertThat(ref).as(file.toString()).containsEntry("kind", "Kamelet").containsEntry("apiVersion", "camel.apache.org/v1");
                String name = (String) ref.get("name");
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) endpoint.getOrDefault("properties", Map.of());
                Path own = KameletConventionsTest.KAMELETS.resolve(name + ".kamelet.yaml");
                if (name.startsWith("linkedin-")) {
                    assertThat(own).as(file + " names an existing Kamelet of this project").exists();
                    ours = true;
                    ownUsed.add(name);
                    checkAgainstDefinition(file, name, properties, mounted);
                } else {
                    catalogUsed.add(name);
                }
                // no credential is written inline: user names, passwords, tokens and secrets come from a Secret
                properties.forEach((key, value) -> {
                    if (key.matches("(?i).*(password|secret|token|username|userName)")) {
                        Matcher secret = SECRET.matcher(String.valueOf(value));
                        assertThat(secret.matches()).as(file + " " + name + "." + key + " from a Secret").isTrue();
                        assertThat(mounted).as(file + " mounts the Secret it reads").contains("secret:" + secret.group(1));
                    }
                });
            }
            assertThat(ours).as(file + " uses a Kamelet of this project").isTrue();
        }
        assertThat(ownUsed).contains("linkedin-leadsync-source", "linkedin-leadsync-webhook-source", "linkedin-audience-users-sink",
                "linkedin-audience-companies-sink");
        assertThat(catalogUsed).contains("postgresql-sink", "salesforce-create-sink");
    }

    private static void checkAgainstDefinition(Path file, String name, Map<String, Object> properties, String mounted)
            throws IOException {
        Map<String, Object> definition = KameletConventionsTest.map(KameletConventionsTest.map(
                KameletConventionsTest.load(KameletConventionsTest.KAMELETS.resolve(name + ".kamelet.yaml")), "spec"), "definition");
        Map<String, Object> declared = KameletConventionsTest.map(definition, "properties");
        assertThat(declared).as(file + ": properties of " + name + " are declared").containsKeys(properties.keySet().toArray(String[]::new));
        @SuppressWarnings("unchecked")
        List<String> required = (List<String>) definition.get("required");
        assertThat(properties).as(file + ": required properties of " + name).containsKeys(required.toArray(String[]::new));
        properties.forEach((key, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> property = (Map<String, Object>) declared.get(key);
            if ("password".equals(property.get("format"))) {
                assertThat(String.valueOf(value)).as(file + " " + name + "." + key).matches(SECRET);
            }
            @SuppressWarnings("unchecked")
            List<Object> allowed = (List<Object>) property.get("enum");
            if (allowed != null) {
                assertThat(allowed).as(file + " " + name + "." + key).contains(value);
            }
        });
    }
}
