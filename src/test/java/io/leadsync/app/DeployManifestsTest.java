package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * The manifests under {@code deploy/} as a Kubernetes user applies them: each document is read into fabric8's typed
 * model, and any field the model does not know (fabric8 keeps it in {@code additionalProperties} instead of failing)
 * fails the test, as would a field of the wrong type. Then what must hold between them and the app: names that refer
 * to each other, probes on the app's management port, a Service without it, the env the app needs in linkedin mode
 * with the Lease election, and a Role granting exactly the Lease election's verbs (which
 * {@link LeaderElectionKubernetesTest} compares with what the replicas really asked the API server for).
 */
class DeployManifestsTest {

    static final Path KUBERNETES = Path.of("deploy/kubernetes");
    static final Path CAMEL_K = Path.of("deploy/camel-k/integration.yaml");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** What the app needs in linkedin mode with three replicas (README, Against real LinkedIn; Scaling out). */
    private static final Map<String, String> LITERAL_ENV = Map.of(
            "LEADSYNC_MODE", "linkedin",
            "LEADSYNC_CLUSTER_SERVICE", "kubernetes",
            "CAMEL_SERVER_HOST", "0.0.0.0",
            "CAMEL_MANAGEMENT_HOST", "0.0.0.0");
    private static final Set<String> SECRET_ENV = Set.of("LEADSYNC_LINKEDIN_CLIENT_ID", "LEADSYNC_LINKEDIN_CLIENT_SECRET",
            "LEADSYNC_TOKEN_KEY", "LEADSYNC_ADMIN_PASSWORD", "LEADSYNC_DATASOURCE_URL", "LEADSYNC_DATASOURCE_USERNAME",
            "LEADSYNC_DATASOURCE_PASSWORD");
    private static final Set<String> CONFIG_ENV = Set.of("LEADSYNC_WEBHOOK_EXTERNAL_URL", "LEADSYNC_OAUTH_REDIRECT_URI");

    @Test
    void everyManifestLoadsStrictlyIntoTheTypedModel() {
        List<HasMetadata> all = kubernetes();
        assertThat(all).extracting(r -> r.getKind() + "/" + r.getMetadata().getName()).containsExactlyInAnyOrder(
                "ServiceAccount/leadsync", "Role/leadsync-leader-election", "RoleBinding/leadsync-leader-election",
                "Secret/leadsync-linkedin-app", "Secret/leadsync-token-key", "Secret/leadsync-operator",
                "Secret/leadsync-database", "ConfigMap/leadsync", "Deployment/leadsync", "Service/leadsync");
        // the kustomization applies every file of the folder
        assertThat(yaml(KUBERNETES.resolve("kustomization.yaml"))).contains("rbac.yaml", "secrets.yaml",
                "configmap.yaml", "deployment.yaml", "service.yaml");
    }

    @Test
    void theStrictLoadRejectsAFieldTheModelDoesNotKnowOrOfTheWrongType() {
        String typo = yaml(KUBERNETES.resolve("deployment.yaml")).replace("readinessProbe:", "readinesProbe:");
        assertThatThrownBy(() -> strict(typo, "deployment.yaml (typo)")).hasMessageContaining("readinesProbe");
        String wrongType = yaml(KUBERNETES.resolve("deployment.yaml")).replace("replicas: 3", "replicas: three");
        assertThatThrownBy(() -> strict(wrongType, "deployment.yaml (type)")).hasMessageContaining("replicas");
        String unknownKind = "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n";
        assertThatThrownBy(() -> strict(unknownKind, "kind")).hasMessageContaining("Deploymnet");
    }

    @Test
    void theDeploymentRunsThreeLeaseElectingReplicasWithTheEnvTheAppNeeds() {
        Deployment deployment = one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(one(ServiceAccount.class).getMetadata().getName());
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        // the election lists the pods by LeaderElection's default labels: they must be the Deployment's
        assertThat(podLabels).containsAllEntriesOf(
                LeaderElection.KubernetesLease.labels("app.kubernetes.io/name=leadsync"));
        Container container = single(pod.getContainers());
        checkContainer(container, pod, configMaps());

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void theServiceExposesTheBusinessPortOnlyNeverTheManagementPort() {
        Service service = one(Service.class);
        Deployment deployment = one(Deployment.class);
        Container container = single(deployment.getSpec().getTemplate().getSpec().getContainers());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        ServicePort port = single(service.getSpec().getPorts());
        assertThat(port.getPort()).isEqualTo(appPort("camel.server.port"));
        assertThat(containerPort(container, port.getTargetPort())).isEqualTo(appPort("camel.server.port"));
        for (ServicePort p : service.getSpec().getPorts()) {
            assertThat(p.getPort()).isNotEqualTo(appPort("camel.management.port"));
            assertThat(containerPort(container, p.getTargetPort())).isNotEqualTo(appPort("camel.management.port"));
        }
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    }

    @Test
    void theRoleGrantsTheLeaseElectionItsVerbsOnItsOwnLeaseAndBindsItToThePods() {
        assertThat(roleVerbs()).isEqualTo(Map.of("leases", Set.of("create", "get", "update"), "pods", Set.of("list")));
        Role role = one(Role.class);
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getApiGroups()).containsExactly(rule.getResources().contains("leases")
                    ? "coordination.k8s.io" : "");
            if (rule.getResources().contains("leases") && !rule.getVerbs().equals(List.of("create"))) {
                // the Lease camel-kubernetes names <lease-name>-<cluster namespace>
                assertThat(rule.getResourceNames()).containsExactly("leadsync-leader-" + LeaderElection.NAMESPACE);
            }
        }
        RoleBinding binding = one(RoleBinding.class);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(single(binding.getSubjects()).getKind()).isEqualTo("ServiceAccount");
        assertThat(single(binding.getSubjects()).getName()).isEqualTo(one(ServiceAccount.class).getMetadata().getName());
    }

    @Test
    void theSecretsArePlaceholdersInStringData() {
        for (HasMetadata resource : kubernetes()) {
            if (resource instanceof Secret secret) {
                assertThat(secret.getData()).as(secret.getMetadata().getName()).isNullOrEmpty();
                assertThat(secret.getStringData()).as(secret.getMetadata().getName()).isNotEmpty();
            }
        }
        Map<String, String> passwords = secrets().values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> !e.getKey().equals("url") && !e.getKey().equals("username"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(passwords.values()).allMatch(v -> v.startsWith("REPLACE_WITH_"));
    }

    @Test
    void theCamelKIntegrationRunsTheSameImageReplicasEnvAndProbes() {
        GenericKubernetesResource integration = (GenericKubernetesResource) SERIALIZATION.unmarshal(yaml(CAMEL_K));
        assertThat(integration.getApiVersion()).isEqualTo("camel.apache.org/v1");
        assertThat(integration.getKind()).isEqualTo("Integration");
        assertThat(integration.getMetadata().getAdditionalProperties()).isEmpty();
        Map<String, Object> spec = map(integration.getAdditionalProperties().get("spec"));
        assertThat(integration.getAdditionalProperties()).containsOnlyKeys("spec");
        // IntegrationSpec's fields (camel-k pkg/apis/camel/v1/integration_types.go)
        assertThat(spec.keySet()).isSubsetOf("replicas", "sources", "flows", "integrationKit", "dependencies",
                "profile", "traits", "template", "configuration", "repositories", "serviceAccountName");
        Deployment deployment = one(Deployment.class);
        assertThat(spec.get("replicas")).isEqualTo(deployment.getSpec().getReplicas());
        assertThat(spec.get("serviceAccountName")).isEqualTo(one(ServiceAccount.class).getMetadata().getName());

        Map<String, Object> traits = map(spec.get("traits"));
        // the fields of each trait used (camel-k pkg/apis/camel/v1/trait/*.go, JSON names)
        Map<String, Set<String>> known = Map.of(
                "container", Set.of("enabled", "auto", "requestCPU", "requestMemory", "limitCPU", "limitMemory",
                        "ports", "expose", "port", "portName", "servicePort", "servicePortName", "name", "image",
                        "imagePullPolicy", "runAsUser", "runAsNonRoot", "seccompProfileType",
                        "allowPrivilegeEscalation", "capabilitiesDrop", "capabilitiesAdd"),
                "service", Set.of("enabled", "auto", "nodePort", "type", "annotations", "labels"),
                "health", Set.of("enabled"),
                "environment", Set.of("enabled", "containerMeta", "httpProxy", "vars"));
        assertThat(traits.keySet()).isSubsetOf(known.keySet());
        traits.forEach((name, value) -> assertThat(map(value).keySet()).as(name).isSubsetOf(known.get(name)));
        Map<String, Object> container = map(traits.get("container"));
        assertThat(container.get("image")).isEqualTo(single(deployment.getSpec().getTemplate().getSpec()
                .getContainers()).getImage());
        // the Service Camel K creates: the business port under its own number, nothing else
        assertThat(container.get("port")).isEqualTo(appPort("camel.server.port"));
        assertThat(container.get("servicePort")).isEqualTo(appPort("camel.server.port"));
        assertThat(map(traits.get("health")).get("enabled")).isEqualTo(false);

        // the pod template is a Kubernetes PodSpec: strict like the others; with the trait's env, the same checks
        PodSpec template = SERIALIZATION.convertValue(map(map(spec.get("template")).get("spec")), PodSpec.class);
        assertStrict(template, "deploy/camel-k spec.template.spec");
        Container integrationContainer = single(template.getContainers());
        assertThat(integrationContainer.getName()).isEqualTo(container.get("name")).isEqualTo("integration");
        List<EnvVar> env = new ArrayList<>(integrationContainer.getEnv());
        for (Object var : (List<?>) map(traits.get("environment")).get("vars")) {
            String[] kv = var.toString().split("=", 2);
            env.add(new EnvVar(kv[0], kv[1], null));
        }
        integrationContainer.setEnv(env);
        integrationContainer.getPorts().add(new ContainerPort((Integer) container.get("port"), null, null,
                (String) container.get("portName"), "TCP"));
        checkContainer(integrationContainer, template, configMaps());
        assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("LEADSYNC_CLUSTER_KUBERNETES_LABELS=camel.apache.org/integration=leadsync"));
    }

    // --- what the Deployment and the Integration share ---

    private static void checkContainer(Container container, PodSpec pod, Map<String, Map<String, String>> configMaps) {
        Map<String, EnvVar> env = container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
        LITERAL_ENV.forEach((name, value) -> assertThat(env.get(name)).as(name).isNotNull()
                .extracting(EnvVar::getValue).isEqualTo(value));
        Map<String, Map<String, String>> secrets = secrets();
        for (String name : SECRET_ENV) {
            EnvVar var = env.get(name);
            assertThat(var).as(name).isNotNull();
            var ref = var.getValueFrom().getSecretKeyRef();
            assertThat(secrets).as(name + " → Secret " + ref.getName()).containsKey(ref.getName());
            assertThat(secrets.get(ref.getName())).as(name + " → key " + ref.getKey()).containsKey(ref.getKey());
        }
        // the namespace and pod name the election uses, from the downward API
        assertThat(env.get("LEADSYNC_CLUSTER_KUBERNETES_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env.get("LEADSYNC_CLUSTER_KUBERNETES_POD_NAME").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.name");
        // the public URLs come from the ConfigMap
        Set<String> fromConfig = container.getEnvFrom().stream().map(e -> e.getConfigMapRef().getName())
                .flatMap(n -> configMaps.get(n).keySet().stream()).collect(Collectors.toSet());
        assertThat(fromConfig).containsAll(CONFIG_ENV);
        // the ports the app binds are the ones declared (camel-main ignores *_PORT env: the app applies these two)
        int management = appPort("camel.management.port");
        if (env.containsKey("CAMEL_MANAGEMENT_PORT")) {
            assertThat(env.get("CAMEL_MANAGEMENT_PORT").getValue()).isEqualTo(Integer.toString(management));
        }
        if (env.containsKey("CAMEL_SERVER_PORT")) {
            assertThat(env.get("CAMEL_SERVER_PORT").getValue())
                    .isEqualTo(Integer.toString(appPort("camel.server.port")));
        }
        checkProbe(container.getReadinessProbe(), container, "/observe/health/ready", management);
        checkProbe(container.getLivenessProbe(), container, "/observe/health/live", management);
        if (container.getStartupProbe() != null) {
            checkProbe(container.getStartupProbe(), container, "/observe/health/live", management);
        }
        // the data directory is a writable volume (the root file system is read-only)
        String dataDir = env.get("LEADSYNC_DATA_DIR").getValue();
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo(dataDir);
            assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getName()).isEqualTo(m.getName()));
        });
    }

    private static void checkProbe(Probe probe, Container container, String path, int port) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(containerPort(container, probe.getHttpGet().getPort())).as(path + " port").isEqualTo(port);
    }

    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    /** The app's own listener ports, from application.properties (what the probes and the Service must match). */
    private static int appPort(String key) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(p.getProperty(key).trim());
    }

    /** deploy/kubernetes' Role as resource → verbs (rules merged). */
    static Map<String, Set<String>> roleVerbs() {
        Map<String, Set<String>> verbs = new TreeMap<>();
        for (PolicyRule rule : one(Role.class).getRules()) {
            for (String resource : rule.getResources()) {
                verbs.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(rule.getVerbs());
            }
        }
        return verbs;
    }

    private static Map<String, Map<String, String>> secrets() {
        return kubernetes().stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), Secret::getStringData));
    }

    private static Map<String, Map<String, String>> configMaps() {
        return kubernetes().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), ConfigMap::getData));
    }

    // --- strict loading ---

    static List<HasMetadata> kubernetes() {
        List<HasMetadata> resources = new ArrayList<>();
        try (var files = Files.list(KUBERNETES)) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().endsWith(".yaml")
                        && !file.getFileName().toString().equals("kustomization.yaml")) {
                    resources.addAll(strict(yaml(file), file.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    private static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = kubernetes().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static <T> T single(Collection<T> items) {
        assertThat(items).hasSize(1);
        return items.iterator().next();
    }

    /** Each YAML document of {@code text} in fabric8's typed model; fails on an unknown kind or field. */
    static List<HasMetadata> strict(String text, String source) {
        List<HasMetadata> resources = new ArrayList<>();
        int n = 0;
        for (String document : text.split("(?m)^---\\s*$")) {
            n++;
            if (document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata resource) || parsed instanceof GenericKubernetesResource) {
                throw new AssertionError(source + " document " + n + ": not a Kubernetes kind fabric8 knows: "
                        + (parsed instanceof HasMetadata h ? h.getApiVersion() + " " + h.getKind() : parsed));
            }
            assertStrict(resource, source + " document " + n + " (" + resource.getKind() + ")");
            resources.add(resource);
        }
        return resources;
    }

    /** Walks fabric8's model objects and fails on the first non-empty {@code additionalProperties}. */
    static void assertStrict(Object model, String source) {
        List<String> unknown = new ArrayList<>();
        walk(model, "", unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(source + ": fields the Kubernetes model does not know (or of the wrong type): "
                    + unknown);
        }
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (name.equals("additionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else {
                walk(child, path + "." + name, unknown);
            }
        }
    }

    /**
     * The JVM maps a class-data archive only for the classpath it was written with, and then silently starts without
     * it: the image's training run and its entry point must name the same archive and the same classpath, and the
     * training must come after the last copy into {@code lib/}.
     */
    @Test
    void theImageWritesItsClassDataArchiveForTheClasspathItStartsWith() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("deploy/container/Dockerfile"));
        String dockerfile = String.join("\n", lines).replace("\\\n", " ");
        java.util.regex.Matcher training = java.util.regex.Pattern
                .compile("RUN java -XX:ArchiveClassesAtExit=(\\S+) @class-data.args .*?-cp \"([^\"]+)\" io.leadsync.app.LeadSyncMain").matcher(dockerfile);
        assertThat(training.find()).as("the training RUN in deploy/container/Dockerfile").isTrue();
        java.util.regex.Matcher entry = java.util.regex.Pattern.compile("ENTRYPOINT \\[(.*)]").matcher(dockerfile);
        assertThat(entry.find()).isTrue();
        List<String> command = java.util.Arrays.stream(entry.group(1).split(",\\s*")).map(a -> a.replace("\"", "")).toList();
        assertThat(command).contains("-XX:SharedArchiveFile=" + training.group(1));
        assertThat(command.get(command.indexOf("-cp") + 1)).isEqualTo(training.group(2));
        int lastCopyIntoLib = 0;
        int trainingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("COPY") && lines.get(i).matches(".* lib/?$")) {
                lastCopyIntoLib = i;
            }
            if (lines.get(i).contains("ArchiveClassesAtExit")) {
                trainingLine = i;
            }
        }
        assertThat(trainingLine).isGreaterThan(lastCopyIntoLib);
        // the training runs the app on its embedded sandbox, and camel-main ends it once it has been idle
        assertThat(Files.readAllLines(Path.of("deploy/container/class-data.args")))
                .contains("-Dleadsync.mode=sandbox", "-Dleadsync.demo.enabled=false")
                .anyMatch(a -> a.startsWith("-Dcamel.main.durationMaxIdleSeconds="))
                .anyMatch(a -> a.startsWith("-Dcamel.main.durationMaxSeconds="));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

    private static String yaml(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
