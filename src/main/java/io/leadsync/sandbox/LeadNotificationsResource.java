package io.leadsync.sandbox;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code leadNotifications}: subscribe (after validating the webhook with LinkedIn's challenge), the criteria
 * finder, get and delete.
 */
final class LeadNotificationsResource implements RestResource {

    private static final String READ = "r_marketing_leadgen_automation";
    private final SandboxContext ctx;

    LeadNotificationsResource(SandboxContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "leadNotifications";
    }

    @Override
    public SandboxResponse handle(RestCall call) {
        call.require(READ);
        if (call.segments() == 1 && "CREATE".equals(call.restliMethod) && "POST".equals(call.method)) {
            return create(call);
        }
        if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "criteria".equals(call.finder())) {
            Map<String, Object> wrapper = call.recordParam("owner");
            if (wrapper == null || !(wrapper.get("value") instanceof Map<?, ?> value)) {
                throw SandboxApiError.badRequest("Missing required parameter 'owner', e.g. owner=(value:(sponsoredAccount:urn%3A…))");
            }
            @SuppressWarnings("unchecked")
            ObjectNode owner = Owners.ownerOf((Map<String, Object>) value, "owner");
            Map<String, Object> leadType = call.recordParam("leadType");
            String type = leadType == null ? null : String.valueOf(leadType.get("leadType"));
            List<ObjectNode> found = ctx.notifications.find(owner, type);
            return SandboxResponse.json(Paging.page(found, call.start(), call.count(10), ctx.faults));
        }
        if (call.segments() == 2) {
            long id = id(call);
            if ("GET".equals(call.restliMethod)) {
                ObjectNode subscription = ctx.notifications.get(id);
                if (subscription == null) {
                    throw SandboxApiError.notFound("No lead notification subscription " + id);
                }
                return SandboxResponse.json(subscription);
            }
            if ("DELETE".equals(call.restliMethod)) {
                if (!ctx.notifications.delete(id)) {
                    throw SandboxApiError.notFound("No lead notification subscription " + id);
                }
                return SandboxResponse.empty(204);
            }
        }
        throw call.unsupported();
    }

    private SandboxResponse create(RestCall call) {
        JsonNode body = call.body();
        String webhook = Json.text(body, "webhook");
        checkWebhookUrl(webhook);
        JsonNode owner = body.get("owner");
        Owners.leadTypeOf(owner, "owner");
        String leadType = Json.text(body, "leadType");
        if (leadType == null) {
            throw SandboxApiError.badRequest("Field 'leadType' is required");
        }
        Owners.checkLeadType(owner, leadType, "leadType");
        if ("EVENT".equals(leadType)) {
            call.require(READ, "r_events");
        }
        if (!ctx.world.canReadLeads(owner)) {
            throw call.denied();
        }
        ObjectNode subscription = Json.object();
        subscription.put("webhook", webhook);
        subscription.set("owner", owner.deepCopy());
        subscription.put("leadType", leadType);
        String versionedForm = Json.text(body, "versionedForm");
        if (versionedForm != null) {
            if (!versionedForm.matches("urn:li:versionedLeadGenForm:\\(urn:li:leadGenForm:\\d+,\\d+\\)")) {
                throw SandboxApiError.badRequest("Field 'versionedForm' must be urn:li:versionedLeadGenForm:(urn:li:leadGenForm:{id},{version})");
            }
            subscription.put("versionedForm", versionedForm);
        }
        if (body.has("associatedEntity")) {
            if (!body.get("associatedEntity").isObject()) {
                throw SandboxApiError.badRequest("Field 'associatedEntity' must be an object such as {\"event\":\"urn:li:event:…\"}");
            }
            subscription.set("associatedEntity", body.get("associatedEntity").deepCopy());
        }
        ctx.notifications.checkRoomFor(owner);
        String why = ctx.pusher.validate(webhook, ctx.clientId);
        if (why != null) {
            throw SandboxApiError.badRequest("Webhook validation failed: " + why);
        }
        long id = ctx.notifications.add(subscription);
        return SandboxResponse.created(String.valueOf(id), "/rest/leadNotifications/" + id);
    }

    /** HTTPS only, as in production; plain HTTP is allowed for loopback receivers (tests, the demo). */
    private static void checkWebhookUrl(String webhook) {
        if (webhook == null) {
            throw SandboxApiError.badRequest("Field 'webhook' is required");
        }
        URI uri;
        try {
            uri = URI.create(webhook);
        } catch (IllegalArgumentException e) {
            throw SandboxApiError.badRequest("Field 'webhook' is not a valid URL");
        }
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
            throw SandboxApiError.badRequest("Field 'webhook' must be an https URL (http is allowed only for 127.0.0.1 and localhost)");
        }
    }

    private static long id(RestCall call) {
        try {
            return Long.parseLong(call.key(1));
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("Lead notification id must be a number");
        }
    }
}
