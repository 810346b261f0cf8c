package io.leadsync.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Opens the database and connects to LinkedIn (the stored grant, or the sandbox's consent) beside camel-main's
 * configuration and route loading, which need neither: they take about as long as both together, and the routes
 * start only once both are done, as they did when they ran before camel-main. A failure of either stops the start.
 */
final class ConnectionAtStart extends MainListenerSupport {

    private final HikariDataSource dataSource;
    private final CompletableFuture<Void> databaseOpened;
    private final CompletableFuture<Void> connected;

    /**
     * Starts both at once, each on its own thread: the common pool has a single thread on two cores. Once the database
     * is open, {@code schema} creates the app's own tables on the same thread.
     */
    ConnectionAtStart(HikariDataSource dataSource, Callable<Void> schema, Callable<Void> connectLinkedIn) {
        this.dataSource = dataSource;
        this.databaseOpened = CompletableFuture.runAsync(() -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.isValid(1);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
            try {
                schema.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, thread("leadsync-open-database"));
        this.connected = CompletableFuture.supplyAsync(() -> {
            try {
                return connectLinkedIn.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, thread("leadsync-connect-linkedin"));
    }

    /** After the routes are loaded and before the CamelContext starts them (also under Main.start(), which skips beforeStart). */
    @Override
    public void afterConfigure(BaseMainSupport main) {
        try {
            CompletableFuture.allOf(databaseOpened, connected).join();
        } catch (CompletionException e) {
            dataSource.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Executor thread(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }
}
