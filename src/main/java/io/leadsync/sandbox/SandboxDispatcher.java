package io.leadsync.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request on the sandbox port: {@code /rest/…} (gate, faults, resources), {@code /v2/…},
 * {@code /oauth/v2/…} and {@code /_sandbox/…} (never faulted, never counted). Turns {@link SandboxApiError} into
 * LinkedIn's error body.
 */
final class SandboxDispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);

    private final SandboxContext ctx;
    private final RestGate gate;
    private final Map<String, RestResource> resources = new HashMap<>();
    private final OAuthHandler oauth;
    private final LegacyHandler legacy;
    private final AdminHandler admin;
    private final CampaignManagerPages campaignManager;
    private LocalDate quotaDay;
    private int quotaCalls;

    SandboxDispatcher(SandboxContext ctx, List<RestResource> restResources) {
        this.ctx = ctx;
        this.gate = new RestGate(ctx.clock, ctx.faults, ctx.tokens);
        restResources.forEach(r -> resources.put(r.name(), r));
        this.oauth = new OAuthHandler(ctx);
        this.legacy = new LegacyHandler(ctx, gate);
        this.admin = new AdminHandler(ctx);
        this.campaignManager = new CampaignManagerPages(ctx);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SandboxResponse response;
        String statsKey = null;
        try {
            SandboxRequest request = SandboxRequest.from(exchange);
            String path = request.rawPath();
            if (path.startsWith("/rest/")) {
                RestCall call = restCall(request);
                statsKey = call.statsKey();
                response = rest(call);
            } else if (path.startsWith("/v2/")) {
                statsKey = request.method() + " " + path.substring("/v2/".length());
                faults();
                response = legacy.handle(request);
            } else if (path.startsWith("/oauth/v2/")) {
                statsKey = request.method() + " " + path.substring("/oauth/v2/".length());
                response = oauth.handle(request);
            } else if (path.startsWith("/_sandbox/")) {
                response = admin.handle(request);
            } else if (path.equals("/campaignmanager") || path.startsWith("/campaignmanager/")) {
                response = campaignManager.handle(request);
            } else {
                throw SandboxApiError.notFound("No such path: " + path);
            }
        } catch (SandboxApiError e) {
            response = error(e);
        } catch (OAuthHandler.OAuthError e) {
            response = e.response();
        } catch (RuntimeException e) {
            LOG.warn("Sandbox handler failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            response = error(new SandboxApiError(500, 0, null, "Internal Server Error"));
        }
        if (statsKey != null) {
            ctx.stats.record(statsKey, response.status());
        }
        if (exchange.getRequestURI().getRawPath().startsWith("/rest/")) {
            response.headers().put("X-RestLi-Protocol-Version", "2.0.0");
        }
        // LinkedIn tags every answer with a request id; clients put it in error reports.
        response.headers().put("x-li-uuid", UUID.randomUUID().toString());
        write(exchange, response);
    }

    private RestCall restCall(SandboxRequest request) {
        String method = request.method();
        Map<String, String> params = new LinkedHashMap<>(request.rawQuery());
        String override = request.header("X-HTTP-Method-Override");
        if ("POST".equals(method) && override != null) {
            // Query tunnelling: long queries travel as a form body of a POST that pretends to be a GET.
            String contentType = request.header("Content-Type");
            if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                throw SandboxApiError.badRequest("A tunnelled query needs Content-Type: application/x-www-form-urlencoded");
            }
            method = override.trim().toUpperCase();
            params.putAll(SandboxRequest.splitQuery(request.bodyText()));
        }
        return new RestCall(request, method, params);
    }

    private SandboxResponse rest(RestCall call) {
        faults();
        gate.check(call);
        RestResource resource = call.segments() == 0 ? null : resources.get(call.rawSegments.get(0));
        if (resource == null) {
            throw SandboxApiError.notFound("No resource at " + call.request.rawPath());
        }
        return resource.handle(call);
    }

    private void faults() {
        long latency = ctx.faults.latencyMs();
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SandboxApiError fault = ctx.faults.nextCallFault();
        if (fault != null) {
            throw fault;
        }
        Integer quota = ctx.faults.dailyQuota();
        synchronized (this) {
            LocalDate today = LocalDate.ofInstant(ctx.clock.instant(), ZoneOffset.UTC);
            if (!today.equals(quotaDay)) {
                quotaDay = today;
                quotaCalls = 0;
            }
            quotaCalls++;
            if (quota != null && quotaCalls > quota) {
                throw new SandboxApiError(429, 101, "TOO_MANY_REQUESTS",
                        "Resource level throttle APPLICATION_AND_MEMBER DAY limit for calls to this resource is reached.");
            }
        }
    }

    static SandboxResponse error(SandboxApiError e) {
        ObjectNode body = Json.object();
        body.put("status", e.status());
        if (e.serviceErrorCode() != null) {
            body.put("serviceErrorCode", e.serviceErrorCode());
        }
        if (e.code() != null) {
            body.put("code", e.code());
        }
        body.put("message", e.getMessage());
        SandboxResponse response = SandboxResponse.json(e.status(), body);
        if (e.retryAfterSeconds() != null) {
            response.headers().put("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return response;
    }

    private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
