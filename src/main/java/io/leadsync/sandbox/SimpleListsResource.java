package io.leadsync.sandbox;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The member's roles, the pages and the events of a page: {@code adAccountUsers}, {@code organizationAcls},
 * {@code organizations} (a page's name) and {@code events}.
 */
final class SimpleListsResource implements RestResource {

    private final SandboxContext ctx;
    private final String name;

    SimpleListsResource(SandboxContext ctx, String name) {
        this.ctx = ctx;
        this.name = name;
    }

    static List<RestResource> all(SandboxContext ctx) {
        return List.of(new SimpleListsResource(ctx, "adAccountUsers"), new SimpleListsResource(ctx, "organizationAcls"),
                new SimpleListsResource(ctx, "organizations"), new SimpleListsResource(ctx, "events"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SandboxResponse handle(RestCall call) {
        SandboxWorld world = ctx.world;
        switch (name) {
            case "adAccountUsers" -> {
                call.require("r_ads|rw_ads");
                if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "authenticatedUser".equals(call.finder())) {
                    return SandboxResponse.json(Paging.page(world.adAccountUsers, call.start(), call.count(10), ctx.faults));
                }
            }
            case "organizationAcls" -> {
                call.require("r_organization_admin|rw_organization_admin");
                if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "roleAssignee".equals(call.finder())) {
                    String state = call.stringParam("state");
                    String role = call.stringParam("role");
                    List<ObjectNode> acls = world.organizationAcls.stream()
                            .filter(a -> state == null || state.equals(a.get("state").asText()))
                            .filter(a -> role == null || role.equals(a.get("role").asText()))
                            .collect(Collectors.toList());
                    return SandboxResponse.json(Paging.page(acls, call.start(), call.count(10), ctx.faults));
                }
            }
            case "organizations" -> {
                call.require("r_organization_admin|rw_organization_admin|r_organization_social");
                if (call.segments() == 2 && "GET".equals(call.restliMethod)) {
                    String key = call.key(1).replace("urn:li:organization:", "");
                    long id;
                    try {
                        id = Long.parseLong(key);
                    } catch (NumberFormatException e) {
                        throw SandboxApiError.notFound("No organization " + key);
                    }
                    String name = world.organizations.get(id);
                    if (name == null) {
                        throw SandboxApiError.notFound("No organization " + id);
                    }
                    ObjectNode organization = Json.MAPPER.createObjectNode();
                    organization.put("id", id);
                    organization.put("localizedName", name);
                    organization.put("vanityName", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
                    return SandboxResponse.json(organization);
                }
            }
            case "events" -> {
                call.require("r_events");
                if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "eventsByOrganizer".equals(call.finder())) {
                    String organizer = call.requiredString("organizer");
                    List<ObjectNode> events = world.events.stream()
                            .filter(e -> organizer.equals(e.get("organizer").asText())).collect(Collectors.toList());
                    return SandboxResponse.json(Paging.page(events, call.start(), call.count(10), ctx.faults));
                }
                if (call.segments() == 2 && "GET".equals(call.restliMethod)) {
                    String id = call.key(1).replace("urn:li:event:", "");
                    return SandboxResponse.json(world.events.stream().filter(e -> id.equals(e.get("id").asText()))
                            .findFirst().orElseThrow(() -> SandboxApiError.notFound("No event " + id)));
                }
            }
            default -> throw new IllegalStateException(name);
        }
        throw call.unsupported();
    }
}
