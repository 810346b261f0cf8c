package io.leadsync.camel.linkedin.dsl;

import static io.leadsync.camel.linkedin.dsl.endpoint.StaticEndpointBuilders.linkedinLeadsync;
import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.dsl.LinkedInLeadSyncEndpointBuilderFactory.AdvancedLinkedInLeadSyncEndpointBuilder;
import io.leadsync.camel.linkedin.dsl.LinkedInLeadSyncEndpointBuilderFactory.AdvancedLinkedInLeadSyncEndpointConsumerBuilder;
import io.leadsync.camel.linkedin.dsl.LinkedInLeadSyncEndpointBuilderFactory.AdvancedLinkedInLeadSyncEndpointProducerBuilder;
import io.leadsync.camel.linkedin.dsl.LinkedInLeadSyncEndpointBuilderFactory.LinkedInLeadSyncEndpointBuilder;
import io.leadsync.camel.linkedin.dsl.LinkedInLeadSyncEndpointBuilderFactory.LinkedInLeadSyncEndpointConsumerBuilder;
import io.leadsync.camel.linkedin.dsl.LinkedInLeadSyncEndpointBuilderFactory.LinkedInLeadSyncEndpointProducerBuilder;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The endpoint DSL against the catalog JSON it is generated from, and against the YAML examples of {@code routes/},
 * the README and the component page: each example URI has its DSL twin below, and nothing else is listed.
 */
class LinkedInLeadSyncEndpointDslTest {

    static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";

    /** The DSL form of every YAML example; a new example without its twin here fails the test. */
    static List<String> dslTwins() {
        return Stream.of(
                // routes/leads-to-database.yaml
                linkedinLeadsync("leads").delay("{{leadsync.poll.delay}}").pageSize("{{leadsync.poll.page-size:1000}}").initialDelay(0).greedy(true).maxMessagesPerPoll(1).advanced()
                        .stateRepository("#leadsState").getRawUri(),
                webhook(linkedinLeadsync("leads").webhookInbox("#webhookInbox").getRawUri()).webhookComponentName("platform-http")
                        .webhookExternalUrl("{{leadsync.webhook.external-url}}").webhookPath("/linkedin/leads").getRawUri(),
                // routes/* producers, the operation in the URI or in the CamelLinkedInOperation header
                linkedinLeadsync("segments").getRawUri(),
                linkedinLeadsync("accounts").operation("checkAccess").getRawUri(),
                linkedinLeadsync("accounts").operation("listAdAccounts").getRawUri(),
                linkedinLeadsync("forms").operation("listForms").getRawUri(),
                linkedinLeadsync("notifications").operation("listNotifications").getRawUri(),
                linkedinLeadsync("notifications").operation("deleteNotification").getRawUri(),
                linkedinLeadsync("profile").operation("heartbeat").getRawUri(),
                // README: pull and push
                linkedinLeadsync("leads").owners("urn:li:sponsoredAccount:507857085,urn:li:organization:2414183")
                        .leadTypes("SPONSORED,EVENT,COMPANY,ORGANIZATION_PRODUCT").testLeads("include").backfillDays(365)
                        .delay(300000).advanced().stateRepository("#leadsState").getRawUri(),
                webhook(linkedinLeadsync("leads").owners(ACCOUNT)
                        .notificationForms("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)").unregisterOnStop(false)
                        .getRawUri()).webhookComponentName("platform-http").webhookExternalUrl("https://leads.example.com")
                        .webhookPath("/linkedin/leads").getRawUri(),
                // README: producers
                linkedinLeadsync("leads").operation("getLead").getRawUri(),
                linkedinLeadsync("leads").owners(ACCOUNT).operation("searchLeads").maxResults(500).getRawUri(),
                linkedinLeadsync("forms").owners(ACCOUNT).operation("listForms").getRawUri(),
                linkedinLeadsync("forms").operation("describeForm").getRawUri(),
                linkedinLeadsync("forms").operation("formDdl").sqlDialect("POSTGRESQL").getRawUri(),
                linkedinLeadsync("forms").operation("createForm").getRawUri(),
                linkedinLeadsync("accounts").operation("listOrganizations").getRawUri(),
                linkedinLeadsync("events").operation("listEvents").getRawUri(),
                linkedinLeadsync("notifications").operation("registerNotification").getRawUri(),
                linkedinLeadsync("segments").operation("createSegment").getRawUri(),
                linkedinLeadsync("segments").operation("listSegments").getRawUri(),
                linkedinLeadsync("segments").operation("addUsers").segmentId(9821736L).getRawUri(),
                linkedinLeadsync("segments").operation("addCompanies").segmentId(9821790L).getRawUri(),
                // the component page (src/main/docs): pull, push, producers
                linkedinLeadsync("leads").owners(ACCOUNT).testLeads("exclude").delay(60000).advanced()
                        .stateRepository("#leadsState").getRawUri(),
                webhook(linkedinLeadsync("leads").owners(ACCOUNT).getRawUri()).webhookComponentName("platform-http")
                        .webhookExternalUrl("https://leads.example.com").webhookPath("/linkedin/leads").getRawUri(),
                linkedinLeadsync("segments").operation("addUsers").segmentId(9821736L).getRawUri())
                .map(LinkedInLeadSyncEndpointDslTest::normalize).toList();
    }

    @Test
    void theBuilderWritesTheUrisOfEveryYamlExample() throws IOException {
        Set<String> examples = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                examples.addAll(endpointUris(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        for (String block : blocks(Files.readString(Path.of("README.md")), "```yaml\n", "```")) {
            examples.addAll(nonEmpty(endpointUris(block), "README.md", block));
        }
        for (String block : blocks(Files.readString(Path.of("src/main/docs/linkedin-leadsync-component.adoc")), "[source,yaml]\n----\n", "----\n")) {
            examples.addAll(nonEmpty(endpointUris(block), "the component page", block));
        }
        assertThat(examples).as("the YAML examples found").hasSizeGreaterThan(20);
        assertThat(new TreeSet<>(dslTwins())).isEqualTo(examples);
    }

    @Test
    void everyEndpointOptionOfTheCatalogHasABuilderMethodThatSetsIt() throws Exception {
        JsonNode catalog;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/io/leadsync/camel/linkedin/linkedin-leadsync.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        Set<String> options = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) catalog.path("properties")::fields) {
            if (!"parameter".equals(e.getValue().path("kind").asText())) {
                continue;
            }
            String name = e.getKey();
            options.add(name);
            for (Class<?> builder : buildersFor(e.getValue().path("label").asText())) {
                Object endpoint = LinkedInLeadSyncEndpointBuilderFactory.endpointBuilder("linkedin-leadsync", "leads");
                String uri;
                if (e.getValue().path("multiValue").asBoolean()) {
                    builder.getMethod(name, String.class, Object.class).invoke(endpoint, "k", "v");
                    uri = ((LinkedInLeadSyncEndpointBuilder) endpoint).getRawUri();
                    assertThat(uri).as("%s.%s", builder.getSimpleName(), name).contains(e.getValue().path("prefix").asText() + "k=v");
                } else {
                    Method set = builder.getMethod(name, String.class);
                    assertThat(set.getReturnType()).as("%s.%s returns its builder", builder.getSimpleName(), name).isEqualTo(builder);
                    set.invoke(endpoint, "v");
                    uri = ((LinkedInLeadSyncEndpointBuilder) endpoint).getRawUri();
                    assertThat(uri).as("%s.%s", builder.getSimpleName(), name).isEqualTo("linkedin-leadsync://leads?" + name + "=v");
                }
            }
        }
        Set<String> methods = Stream.of(LinkedInLeadSyncEndpointBuilder.class, AdvancedLinkedInLeadSyncEndpointBuilder.class)
                .flatMap(c -> Arrays.stream(c.getMethods())).filter(m -> m.getDeclaringClass().getName().contains("LinkedInLeadSync"))
                .map(Method::getName).filter(n -> !n.equals("advanced") && !n.equals("basic")).collect(Collectors.toSet());
        assertThat(methods).as("builder methods are catalog options").isEqualTo(options);
    }

    /** The builders an option belongs to, by its catalog label, as Camel's generator places them. */
    private static List<Class<?>> buildersFor(String label) {
        boolean advanced = label.contains("advanced");
        if (label.contains("producer")) {
            return List.of(advanced ? AdvancedLinkedInLeadSyncEndpointProducerBuilder.class : LinkedInLeadSyncEndpointProducerBuilder.class);
        }
        if (label.contains("consumer")) {
            return List.of(advanced ? AdvancedLinkedInLeadSyncEndpointConsumerBuilder.class : LinkedInLeadSyncEndpointConsumerBuilder.class);
        }
        return advanced
                ? List.of(AdvancedLinkedInLeadSyncEndpointConsumerBuilder.class, AdvancedLinkedInLeadSyncEndpointProducerBuilder.class,
                        AdvancedLinkedInLeadSyncEndpointBuilder.class)
                : List.of(LinkedInLeadSyncEndpointConsumerBuilder.class, LinkedInLeadSyncEndpointProducerBuilder.class,
                        LinkedInLeadSyncEndpointBuilder.class);
    }

    private static List<String> blocks(String text, String open, String close) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile(Pattern.quote(open) + "(.*?)" + Pattern.quote(close), Pattern.DOTALL).matcher(text);
        while (m.find()) {
            if (m.group(1).contains("linkedin-leadsync:")) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }

    /** Every {@code linkedin-leadsync:} or {@code webhook:linkedin-leadsync:} endpoint of a YAML text, with its parameters. */
    private static Set<String> endpointUris(String yaml) {
        Set<String> uris = new TreeSet<>();
        Iterable<Object> documents = new Load(LoadSettings.builder().build()).loadAllFromString(yaml);
        documents.forEach(d -> collect(d, uris));
        return uris;
    }

    /** A documentation block that names the component yields at least one endpoint (else the collector missed it). */
    private static Set<String> nonEmpty(Set<String> uris, String where, String block) {
        assertThat(uris).as("endpoints in this block of %s:%n%s", where, block).isNotEmpty();
        return uris;
    }

    private static void collect(Object node, Set<String> uris) {
        if (node instanceof Map<?, ?> map) {
            Object uri = map.get("uri");
            if (uri instanceof String s && isOurs(s)) {
                StringBuilder full = new StringBuilder(s);
                if (map.get("parameters") instanceof Map<?, ?> parameters) {
                    parameters.forEach((k, v) -> full.append(full.indexOf("?") < 0 ? '?' : '&').append(k).append('=').append(v));
                }
                uris.add(normalize(full.toString()));
            }
            if (map.get("to") instanceof String s && isOurs(s)) {
                uris.add(normalize(s));
            }
            map.values().forEach(v -> collect(v, uris));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, uris));
        }
    }

    private static boolean isOurs(String uri) {
        return uri.startsWith("linkedin-leadsync:") || uri.startsWith("webhook:linkedin-leadsync:");
    }

    /**
     * {@code scheme://path?k=v&…} with the parameters decoded and sorted (Camel's {@code normalizeUri} encodes a value or
     * not depending on the rest of the URI); under webhook: the delegate URI is normalized alone.
     */
    static String normalize(String uri) {
        try {
            if (uri.startsWith("webhook:")) {
                String delegate = uri.substring("webhook:".length());
                return "webhook:" + normalize(delegate.startsWith("//") ? delegate.substring(2) : delegate);
            }
            int q = uri.indexOf('?');
            String base = URISupport.normalizeUri(q < 0 ? uri : uri.substring(0, q));
            if (q < 0) {
                return base;
            }
            Map<String, Object> parameters = new java.util.TreeMap<>(URISupport.parseQuery(uri.substring(q + 1)));
            return base + "?" + parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        } catch (Exception e) {
            throw new IllegalArgumentException(uri, e);
        }
    }
}
