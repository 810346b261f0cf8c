package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What Camel's tooling reads from the jar: the component list ({@code component.properties}) and the catalog JSON
 * whose descriptions are plain text (the generator turns javadoc's {@code {@code …}} into "{code …}" residue).
 */
class CatalogMetadataTest {

    @Test
    void componentPropertiesListsTheComponentWithItsCoordinates() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/services/org/apache/camel/component.properties")) {
            assertThat(in).isNotNull();
            p.load(in);
        }
        assertThat(p).containsEntry("components", "linkedin-leadsync").containsEntry("groupId", "io.leadsync")
                .containsEntry("artifactId", "camel-linkedin-leadsync");
        assertThat(p.getProperty("version")).doesNotContain("${");
    }

    @Test
    void theCatalogStatesThePollDelayTheEndpointRunsWith() throws Exception {
        JsonNode catalog;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/io/leadsync/camel/linkedin/linkedin-leadsync.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        try (org.apache.camel.CamelContext context = new org.apache.camel.impl.DefaultCamelContext()) {
            context.start();
            LinkedInLeadSyncEndpoint leads = context.getEndpoint("linkedin-leadsync:leads?accessToken=t", LinkedInLeadSyncEndpoint.class);
            LinkedInLeadSyncEndpoint every5s = context.getEndpoint("linkedin-leadsync:leads?accessToken=t&delay=5000", LinkedInLeadSyncEndpoint.class);
            assertThat(catalog.path("properties").path("delay").path("defaultValue").asText()).isEqualTo(Long.toString(leads.getDelay()))
                    .isEqualTo("300000");
            assertThat(every5s.getDelay()).isEqualTo(5000);
        }
    }

    @Test
    void catalogDescriptionsCarryNoJavadocResidue() throws Exception {
        JsonNode catalog;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/io/leadsync/camel/linkedin/linkedin-leadsync.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        assertThat(catalog.path("component").path("description").asText()).doesNotContain("{code").doesNotContain("{@");
        for (String group : new String[] {"componentProperties", "properties", "headers"}) {
            for (Map.Entry<String, JsonNode> option : (Iterable<Map.Entry<String, JsonNode>>) catalog.path(group)::fields) {
                assertThat(option.getValue().path("description").asText()).as("%s %s", group, option.getKey())
                        .isNotBlank().doesNotContain("{code").doesNotContain("{@").doesNotContain("{link");
            }
        }
    }
}
