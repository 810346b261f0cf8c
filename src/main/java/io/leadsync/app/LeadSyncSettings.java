package io.leadsync.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The app's own settings, read before Camel starts because they decide what Camel runs against (LinkedIn or the
 * embedded sandbox). Each key of {@code application.properties} can be overridden by an environment variable named
 * like Spring's relaxed binding: {@code leadsync.linkedin.client-id} ← {@code LEADSYNC_LINKEDIN_CLIENT_ID}.
 */
public record LeadSyncSettings(Properties properties) {

    /** Reads {@code application.properties} from the working directory, else from the classpath. */
    public static LeadSyncSettings load(Path workingDirectory) {
        Properties p = new Properties();
        Path file = workingDirectory.resolve("application.properties");
        try (InputStream in = Files.exists(file) ? Files.newInputStream(file)
                : LeadSyncSettings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return new LeadSyncSettings(p);
    }

    /** The value of {@code key}: environment variable first, then system property, then the file, then {@code fallback}. */
    public String get(String key, String fallback) {
        String env = System.getenv(environmentName(key));
        if (env != null && !env.isBlank()) {
            return env;
        }
        String value = System.getProperty(key, properties.getProperty(key));
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int getInt(String key, int fallback) {
        return Integer.parseInt(get(key, Integer.toString(fallback)));
    }

    /** The environment variable that overrides {@code key}: {@code leadsync.token-key} → {@code LEADSYNC_TOKEN_KEY}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
