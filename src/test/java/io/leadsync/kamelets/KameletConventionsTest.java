package io.leadsync.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The four Kamelet files follow the apache/camel-kamelets conventions (read with SnakeYAML Engine, as Camel does). */
class KameletConventionsTest {

    static final Path KAMELETS = Path.of("kamelets");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9_.-]+)}}");
    private static final List<String> NAMES = List.of("linkedin-leadsync-source", "linkedin-leadsync-webhook-source",
            "linkedin-audience-users-sink", "linkedin-audience-companies-sink");

    @Test
    void theFourKameletsAreThere() throws IOException {
        try (Stream<Path> files = Files.list(KAMELETS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".kamelet.yaml")))
                    .containsExactlyInAnyOrderElementsOf(NAMES.stream().map(n -> n + ".kamelet.yaml").toList());
        }
    }

    @Test
    void eachKameletFollowsTheCatalogConventions() throws IOException {
        for (String name : NAMES) {
            Map<String, Object> kamelet = load(KAMELETS.resolve(name + ".kamelet.yaml"));
            assertThat(kamelet.get("apiVersion")).as(name).isEqualTo("camel.apache.org/v1");
            assertThat(kamelet.get("kind")).as(name).isEqualTo("Kamelet");
            Map<String, Object> metadata = map(kamelet, "metadata");
            assertThat(metadata.get("name")).as("name = file stem").isEqualTo(name);
            String type = (String) map(metadata, "labels").get("camel.apache.org/kamelet.type");
            assertThat(name).as("type label matches the suffix").endsWith("-" + type);
            assertThat(map(metadata, "annotations")).as(name).containsKeys("camel.apache.org/kamelet.icon",
                    "camel.apache.org/provider", "camel.apache.org/kamelet.support.level", "camel.apache.org/catalog.version");

            Map<String, Object> spec = map(kamelet, "spec");
            Map<String, Object> definition = map(spec, "definition");
            assertThat((String) definition.get("title")).as(name).startsWith("LinkedIn ");
            Map<String, Object> properties = map(definition, "properties");
            for (Map.Entry<String, Object> entry : properties.entrySet()) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Map<String, Object> property = (Map<String, Object>) entry.getValue();
                String what = name + " property " + entry.getKey();
                assertThat(property).as(what).containsKeys("title", "description", "type");
                assertThat((String) property.get("description")).as(what).endsWith(".");
                boolean secret = entry.getKey().endsWith("Secret") || entry.getKey().endsWith("Token");
                if (secret) {
                    assertThat(property.get("format")).as(what).isEqualTo("password");
                    @SuppressWarnings("unchecked")
                    List<String> descriptors = (List<String>) property.get("x-descriptors");
                    assertThat(descriptors).as(what).contains("urn:camel:group:credentials");
                } else {
                    assertThat(property.get("format")).as(what).isNotEqualTo("password");
                }
                if ("boolean".equals(property.get("type"))) {
                    assertThat(property).as(what).containsKey("default");
                }
            }
            @SuppressWarnings("unchecked")
            List<String> required = (List<String>) definition.get("required");
            assertThat(properties).as(name + " required properties are declared").containsKeys(required.toArray(String[]::new));
            assertThat(required).as(name).contains("accessToken");

            Map<String, Object> template = map(spec, "template");
            Set<String> used = placeholders(template);
            used.removeIf(p -> p.startsWith("local-")); // the template's own beans
            assertThat(used).as(name + ": every {{x}} of the template is declared").isSubsetOf(properties.keySet());
            assertThat(properties.keySet()).as(name + ": every declared property is used").isSubsetOf(used);

            @SuppressWarnings("unchecked")
            List<String> dependencies = (List<String>) spec.get("dependencies");
            assertThat(dependencies).as(name).contains("camel:kamelet", "mvn:io.leadsync:camel-linkedin-leadsync:0.1.0-SNAPSHOT");
            assertThat(spec).as(name + " uses dataTypes, not the old types").containsKey("dataTypes").doesNotContainKey("types");
            Map<String, Object> dataTypes = map(spec, "dataTypes");
            String flow = "source".equals(type) ? "out" : "in";
            assertThat(map(map(map(dataTypes, flow), "types"), "json").get("mediaType")).as(name).isEqualTo("application/json");
            // a default data type is not a description: Camel's YAML loader (4.22) runs its transformer on the exchange
            // entering and leaving the Kamelet's route, which for these templates is not the message (README, "Camel 4.22")
            for (String direction : dataTypes.keySet()) {
                assertThat(map(dataTypes, direction)).as(name + " declares no default " + direction + " data type").doesNotContainKey("default");
            }

            String text = String.valueOf(map(template, "from"));
            if ("source".equals(type)) {
                assertThat(text).as(name + " ends in the sink").contains("kamelet:sink");
            } else {
                assertThat(map(template, "from").get("uri")).as(name).isEqualTo("kamelet:source");
            }
        }
    }

    @Test
    void theJarShipsTheSameKamelets() throws IOException {
        for (String name : NAMES) {
            Path shipped = Path.of("target/classes/kamelets", name + ".kamelet.yaml");
            assertThat(shipped).as("copied to the classpath by the build").exists();
            assertThat(Files.readString(shipped)).as(name).isEqualTo(Files.readString(KAMELETS.resolve(name + ".kamelet.yaml")));
        }
    }

    static Map<String, Object> load(Path file) throws IOException {
        Object loaded = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        assertThat(loaded).as(file + " is a YAML mapping").isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) loaded;
        return map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertThat(child).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) child;
    }

    /** Every {{x}} and {{?x}} anywhere in {@code node}'s keys and values. */
    static Set<String> placeholders(Object node) {
        Set<String> found = new LinkedHashSet<>();
        List<Object> pending = new ArrayList<>(List.of(node));
        while (!pending.isEmpty()) {
            Object next = pending.remove(pending.size() - 1);
            if (next instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    pending.add(k);
                    pending.add(v);
                });
            } else if (next instanceof List<?> list) {
                pending.addAll(list);
            } else if (next != null) {
                Matcher m = PLACEHOLDER.matcher(next.toString());
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
