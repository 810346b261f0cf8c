package io.leadsync.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.apache.camel.main.Main;

/**
 * The app's two HTTP listeners. The business listener ({@code camel.server.*}) serves the webhook, the OAuth callback
 * and the operator's pages; the management listener ({@code camel.management.*}, health and metrics) binds loopback
 * by default (application.properties). In sandbox mode the business listener binds loopback too unless
 * {@code camel.server.host} says otherwise: nothing outside this machine has to reach a demo.
 */
final class Listeners {

    private static final String SERVER_PORT = "camel.server.port";
    private static final String MANAGEMENT_PORT = "camel.management.port";

    private Listeners() {
    }

    /**
     * Sets the listeners' host and port over application.properties, and fails when a port is taken: Vert.x reports
     * a failed bind only in a log line, and camel-main then reports the app started with no listener, a webhook
     * nobody answers.
     *
     * @throws StartupRefusedException naming the port and its setting
     */
    static void configure(Main main, LeadSyncMode mode, LeadSyncSettings settings) {
        // camel-main skips every environment variable ending in _PORT (it takes them for Kubernetes service links),
        // so CAMEL_SERVER_PORT and CAMEL_MANAGEMENT_PORT are applied here, over application.properties
        for (String key : new String[] {SERVER_PORT, MANAGEMENT_PORT}) {
            String value = settings.get(key, null);
            if (value != null) {
                main.addOverrideProperty(key, value);
            }
        }
        String serverHost = settings.get("camel.server.host", mode == LeadSyncMode.SANDBOX ? "127.0.0.1" : "0.0.0.0");
        main.addOverrideProperty("camel.server.host", serverHost);
        if (Boolean.parseBoolean(settings.get("camel.server.enabled", "false"))) {
            requireFree(serverHost, settings.getInt(SERVER_PORT, 8080), SERVER_PORT);
        }
        if (Boolean.parseBoolean(settings.get("camel.management.enabled", "false"))) {
            requireFree(settings.get("camel.management.host", "0.0.0.0"), settings.getInt(MANAGEMENT_PORT, 9876), MANAGEMENT_PORT);
        }
    }

    private static void requireFree(String host, int port, String key) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new StartupRefusedException("port " + port + " on " + host + " cannot be bound (" + e.getMessage() + "): set "
                    + LeadSyncSettings.environmentName(key) + " (" + key + ") to a free port, or stop what listens there");
        }
    }
}
