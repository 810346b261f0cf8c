package io.leadsync.camel.linkedin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The component page's options and headers tables against the catalog JSON the build generates from the code.
 *
 * <p>Camel's {@code update-readme} goal keeps the page's header attributes and its {@code include::partial$…} block up to
 * date, but those partials are rendered from the JSON only by the Camel website's Antora build, so outside it the page
 * would show no table. The page therefore carries the tables itself, between the {@code // linkedin-leadsync reference}
 * markers, and this test fails the build when they drift from the JSON. On a failure the expected block is written to
 * {@code target/linkedin-leadsync-component-reference.adoc}, ready to paste.
 */
class ComponentPageTest {

    static final Path PAGE = Path.of("src/main/docs/linkedin-leadsync-component.adoc");
    static final String START = "// linkedin-leadsync reference: START";
    static final String END = "// linkedin-leadsync reference: END";

    static JsonNode catalog;
    static String page;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ComponentPageTest.class.getClassLoader()
                .getResourceAsStream("META-INF/io/leadsync/camel/linkedin/linkedin-leadsync.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        page = Files.readString(PAGE, StandardCharsets.UTF_8);
    }

    @Test
    void everyComponentOptionIsInThePageWithItsDefaultAndNothingElse() {
        assertSameRows("componentProperties", table("Component options"));
    }

    @Test
    void everyEndpointOptionIsInThePageWithItsDefaultAndNothingElse() {
        assertSameRows("properties", table("Endpoint options"));
    }

    @Test
    void everyHeaderIsInThePageAndNothingElse() {
        assertSameRows("headers", table("Message headers"));
    }

    @Test
    void theReferenceBlockIsExactlyWhatTheCatalogRendersTo() throws IOException {
        String expected = render(catalog);
        Path out = Path.of("target/linkedin-leadsync-component-reference.adoc");
        Files.createDirectories(out.getParent());
        Files.writeString(out, START + "\n" + expected + END + "\n", StandardCharsets.UTF_8);
        String actual = referenceBlock();
        assertThat(actual).as("the block between the reference markers of %s (expected block written to "
                + "target/linkedin-leadsync-component-reference.adoc)", PAGE).isEqualTo(expected);
    }

    @Test
    void camelsUpdateReadmeBlockAndHeaderAttributesArePresent() {
        assertThat(page).contains(":shortname: linkedin-leadsync", ":artifactid: camel-linkedin-leadsync",
                ":description: " + catalog.path("component").path("description").asText(),
                ":supportlevel: " + catalog.path("component").path("supportLevel").asText(),
                "// component options: START\ninclude::partial$component-configure-options.adoc[]\n"
                        + "include::partial$component-endpoint-options.adoc[]\n"
                        + "include::partial$component-endpoint-headers.adoc[]\n// component options: END");
    }

    private void assertSameRows(String group, Map<String, Row> rows) {
        Map<String, Row> expected = new LinkedHashMap<>();
        catalog.path(group).fields().forEachRemaining(e -> expected.put(e.getKey(), Row.of(e.getKey(), e.getValue())));
        assertThat(rows.keySet()).as("%s: names in the page", group).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Row want : expected.values()) {
            Row got = rows.get(want.name());
            assertThat(got.defaultValue()).as("%s %s: default", group, want.name()).isEqualTo(want.defaultValue());
            assertThat(got.group()).as("%s %s: group", group, want.name()).isEqualTo(want.group());
            assertThat(got.type()).as("%s %s: type", group, want.name()).isEqualTo(want.type());
        }
    }

    /** The rows of the table under the given {@code ===} title inside the reference block, by name. */
    private Map<String, Row> table(String title) {
        String block = referenceBlock();
        int at = block.indexOf("=== " + title + "\n");
        assertThat(at).as("a '=== %s' table in the reference block", title).isNotNegative();
        int open = block.indexOf("|===\n", at);
        int close = block.indexOf("|===\n", open + 5);
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> lines = block.substring(open + 5, close).lines().filter(l -> l.startsWith("| ")).toList();
        for (String line : lines.subList(1, lines.size())) { // the first is the header row
            List<String> cells = cells(line);
            assertThat(cells).as("cells of %s", line).hasSize(5);
            String name = cells.get(0).replace("`", "");
            assertThat(rows).as("%s listed twice in '%s'", name, title).doesNotContainKey(name);
            rows.put(name, new Row(name, cells.get(1), cells.get(2).replace("`", ""), cells.get(3).replace("`", ""), cells.get(4)));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        Matcher m = Pattern.compile("\\|((?:\\\\\\||[^|])*)").matcher(line);
        while (m.find()) {
            cells.add(m.group(1).trim().replace("\\|", "|"));
        }
        return cells;
    }

    private String referenceBlock() {
        int start = page.indexOf(START + "\n");
        int end = page.indexOf(END);
        assertThat(start).as("%s in %s", START, PAGE).isNotNegative();
        assertThat(end).as("%s in %s", END, PAGE).isGreaterThan(start);
        return page.substring(start + START.length() + 1, end);
    }

    /** The reference block as the page must carry it: one table per catalog group, rows in catalog order. */
    static String render(JsonNode catalog) {
        StringBuilder out = new StringBuilder();
        section(out, "Component options", "The component options, set once for every endpoint (for example "
                + "`camel.component.linkedin-leadsync.client-id`).", catalog.path("componentProperties"));
        section(out, "Endpoint options", "The endpoint's path and query options: "
                + "`linkedin-leadsync:resource?option=value&option=value`.", catalog.path("properties"));
        section(out, "Message headers", "The headers the consumer sets and the producer reads or sets.", catalog.path("headers"));
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String intro, JsonNode options) {
        out.append("\n=== ").append(title).append("\n\n").append(intro).append("\n\n");
        out.append("[width=\"100%\",cols=\"2,1,1,1,5\",options=\"header\"]\n|===\n");
        out.append("| Name | Group | Default | Type | Description\n");
        options.fields().forEachRemaining(e -> {
            Row r = Row.of(e.getKey(), e.getValue());
            out.append("| `").append(r.name()).append("` | ").append(r.group()).append(" | ")
                    .append(r.defaultValue().isEmpty() ? "" : "`" + r.defaultValue() + "`").append(" | `")
                    .append(r.type()).append("` | ").append(r.description().replace("|", "\\|")).append('\n');
        });
        out.append("|===\n");
    }

    record Row(String name, String group, String defaultValue, String type, String description) {

        static Row of(String name, JsonNode option) {
            JsonNode def = option.path("defaultValue");
            String description = option.path("description").asText();
            if (option.path("required").asBoolean(false)) {
                description = "*Required* " + description;
            }
            if (option.path("secret").asBoolean(false)) {
                description = description + " (secret: masked in logs and URIs)";
            }
            return new Row(name, option.path("group").asText(), def.isMissingNode() || def.isNull() ? "" : def.asText(),
                    shortType(option.path("javaType").asText()), description);
        }

        /** {@code org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String>} as {@code StateRepository<String, String>}. */
        static String shortType(String javaType) {
            return javaType.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z])", "$1");
        }
    }
}
