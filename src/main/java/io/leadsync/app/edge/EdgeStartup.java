package io.leadsync.app.edge;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.ext.web.handler.HttpException;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.model.ModelCamelContext;

/**
 * What the edge does once the listener runs: a failure handler that answers an oversized chunked body with 413 and
 * one rate-limited WARN (without one, Vert.x logs "Unhandled exception in router" at ERROR for each), and the HTTP
 * endpoints summary once every route exists. The supervising route controller adds routes one by one after the
 * context started and calls this listener again for each, hence the once-only guards.
 */
final class EdgeStartup implements StartupListener {

    private final MainHttpServer server;
    private final Set<String> publicPaths;
    private final RefusalLog refusals;
    private final long maxBodySize;
    private final AtomicBoolean failureHandlerInstalled = new AtomicBoolean();
    private final AtomicBoolean summarized = new AtomicBoolean();

    EdgeStartup(MainHttpServer server, Set<String> publicPaths, RefusalLog refusals, long maxBodySize) {
        this.server = server;
        this.publicPaths = publicPaths;
        this.refusals = refusals;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (failureHandlerInstalled.compareAndSet(false, true)) {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(server.getPort()));
            if (router != null) {
                router.route().failureHandler(ctx -> {
                    int status = ctx.statusCode() > 0 ? ctx.statusCode() : ctx.failure() instanceof HttpException http ? http.getStatusCode() : 500;
                    if (status != 413) {
                        ctx.next();
                        return;
                    }
                    refusals.refused("body over " + maxBodySize + " bytes", OperatorGate.describe(ctx));
                    ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                            .end("{\"error\":\"the body is larger than " + maxBodySize + " bytes\"}");
                });
            }
        }
        int defined = context instanceof ModelCamelContext model ? model.getRouteDefinitions().size() : 0;
        if (context.getRoutes().size() >= defined && summarized.compareAndSet(false, true)) {
            HttpEndpointsSummary.log(context, server.getHost() == null ? "0.0.0.0" : server.getHost(), server.getPort(), publicPaths);
        }
    }
}
