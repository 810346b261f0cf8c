package io.leadsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server (embedded, started on first use, stopped when the test JVM ends) shared by every test
 * class that needs one; each class gets its own empty database on it, so classes never see each other's tables.
 */
public final class SharedPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private SharedPostgres() {
    }

    /** A new, empty database; the name starts with {@code prefix}. */
    public static Database newDatabase(String prefix) {
        String name = prefix.toLowerCase() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return new Database(name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the server's files go with its temporary directory
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** One database on the shared server, user {@code postgres} without a password. */
    public record Database(String name) {

        public DataSource dataSource() {
            return server().getDatabase("postgres", name);
        }

        public String jdbcUrl() {
            return server().getJdbcUrl("postgres", name);
        }
    }
}
