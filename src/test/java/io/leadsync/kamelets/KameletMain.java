package io.leadsync.kamelets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.leadsync.sandbox.LinkedInSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;

/**
 * A camel-main application as a user runs the Kamelets: one YAML route file written by the test, Kamelets loaded from
 * {@code file:kamelets} (the project's own files, not a copy), and the sandbox's coordinates as properties the YAML
 * reads as {@code {{sandbox.rest}}}, {@code {{sandbox.legacy}}}, {@code {{sandbox.oauth}}}, {@code {{sandbox.token}}},
 * {@code {{sandbox.client-id}}} and {@code {{sandbox.client-secret}}}.
 */
final class KameletMain implements AutoCloseable {

    static final String CLIENT_ID = "sandbox-client";
    static final String CLIENT_SECRET = "sandbox-client-secret-0001";

    private final Main main = new Main();

    private KameletMain() {
    }

    /** Writes {@code yaml} to {@code dir}/routes.yaml and starts camel-main on it with {@code properties} added. */
    static KameletMain start(Path dir, String yaml, LinkedInSandbox sandbox, String accessToken, Map<String, String> properties) {
        Path routes = dir.resolve("routes.yaml");
        try {
            Files.writeString(routes, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("camel.component.kamelet.location", "file:kamelets");
        all.put("sandbox.rest", sandbox.restBaseUrl());
        all.put("sandbox.legacy", sandbox.legacyBaseUrl());
        all.put("sandbox.oauth", sandbox.oauthBaseUrl());
        all.put("sandbox.token", accessToken);
        all.put("sandbox.client-id", CLIENT_ID);
        all.put("sandbox.client-secret", CLIENT_SECRET);
        all.putAll(properties);
        KameletMain app = new KameletMain();
        app.main.configure().withRoutesIncludePattern("file:" + routes.toAbsolutePath());
        all.forEach(app.main::addInitialProperty);
        try {
            app.main.start();
        } catch (Exception e) {
            app.close();
            throw new IllegalStateException("camel-main did not start on " + routes, e);
        }
        return app;
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    MockEndpoint mock(String uri) {
        return context().getEndpoint(uri, MockEndpoint.class);
    }

    @Override
    public void close() {
        main.stop();
    }
}
