package io.leadsync.app.edge;

import java.util.Set;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;

/**
 * Deny by default: every path of the app's listener needs operator credentials except the few that LinkedIn and the
 * member's browser must reach (the webhook and the OAuth callback). A route added later is therefore protected
 * without anyone remembering to protect it. Matching uses Vert.x's normalized path, the same one the router matches
 * routes by, so {@code /api/../linkedin/leads} cannot slip past as something else.
 */
final class OperatorGate implements AuthenticationHandler {

    private final Set<String> publicPaths;
    private final AuthenticationHandler credentials;
    private final RefusalLog refusals;
    private final long maxBodySize;

    OperatorGate(Set<String> publicPaths, AuthenticationHandler credentials, RefusalLog refusals, long maxBodySize) {
        this.publicPaths = Set.copyOf(publicPaths);
        this.credentials = credentials;
        this.refusals = refusals;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        // refuse an announced oversized body before anything reads it (chunked ones meet the body handler's limit)
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            refusals.refused("body over " + maxBodySize + " bytes", describe(ctx));
            ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"the body is larger than " + maxBodySize + " bytes\"}");
            return;
        }
        if (publicPaths.contains(path)) {
            ctx.next();
            return;
        }
        ctx.addEndHandler(done -> {
            if (ctx.response().getStatusCode() == 401) {
                refusals.refused("no operator credentials", describe(ctx));
            }
        });
        credentials.handle(ctx);
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static String describe(RoutingContext ctx) {
        return ctx.request().method() + " " + ctx.normalizedPath() + " from " + ctx.request().remoteAddress();
    }
}
