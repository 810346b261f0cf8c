package io.leadsync.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.kamelets.catalog.KameletsCatalog;
import org.apache.camel.v1.Kamelet;
import org.apache.camel.v1.kameletspec.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Our jar's Kamelets as Camel's catalog tooling loads them (camel-kamelets-catalog scans every {@code kamelets/}
 * folder on the classpath): no error, our four found by provider, in a namespace of the catalog, with their output
 * headers declared the catalog's way. A Pipe packaged under {@code kamelets/} used to be loaded as a Kamelet and broke
 * {@code getKameletByProvider} with a NullPointerException.
 */
class KameletsCatalogTest {

    private static final List<String> OURS = List.of("linkedin-audience-companies-sink", "linkedin-audience-users-sink",
            "linkedin-leadsync-source", "linkedin-leadsync-webhook-source");

    @Test
    void theCatalogLoadsOurFourKameletsWithTheirHeaders() {
        KameletsCatalog catalog = new KameletsCatalog();

        List<Kamelet> ours = catalog.getKameletByProvider("camel-linkedin-leadsync");
        assertThat(ours).extracting(k -> k.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(OURS);
        assertThat(catalog.getKameletsByNamespace("Social")).extracting(k -> k.getMetadata().getName()).containsAll(OURS)
                .as("catalog Kamelets share the namespace").contains("telegram-source");
        for (String source : List.of("linkedin-leadsync-source", "linkedin-leadsync-webhook-source")) {
            Map<String, DataTypes> dataTypes = catalog.getDataTypes(source);
            assertThat(dataTypes).containsKey("out");
            assertThat(dataTypes.get("out").getHeaders()).containsKeys("CamelLinkedInLeadId", "CamelLinkedInLeadAction", "CamelLinkedInFormId",
                    "CamelLinkedInOwner", "CamelLinkedInLeadType");
        }
        assertThat(catalog.getKameletsName()).noneMatch(name -> name.endsWith(".pipe") || name.contains("pipe"));
    }
}
