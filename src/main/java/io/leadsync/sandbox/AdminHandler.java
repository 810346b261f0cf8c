package io.leadsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admin API under {@code /_sandbox/} (design.md's table): tokens, world, leads, faults, stats.
 * <p>
 * {@code POST /_sandbox/forms/{formId}/leads} takes {@code {"count":N,"test":true,"perSecond":R,"corruptAnswers":K}}
 * (every field optional: 1 test lead at once, none broken) and answers {@code {"leadIds":[…],"corruptLeadIds":[…]}}.
 * The first K of the N leads carry broken answers, as LinkedIn sometimes delivers them (LGF-111): their first
 * multiple-choice answer names an option id the question does not have, their first text answer is longer than the
 * question's {@code maxResponseLength}, and they answer a question id that is on no version of the form. Their other
 * answers stay valid.
 */
final class AdminHandler {

    private final SandboxContext ctx;

    AdminHandler(SandboxContext ctx) {
        this.ctx = ctx;
    }

    SandboxResponse handle(SandboxRequest request) {
        String[] path = request.rawPath().substring("/_sandbox/".length()).split("/");
        String route = request.method() + " " + path[0];
        if (path.length == 3 && "POST".equals(request.method()) && "forms".equals(path[0]) && "leads".equals(path[2])) {
            return submitLeads(path[1], request);
        }
        if (path.length == 2 && "DELETE".equals(request.method()) && "leads".equals(path[0])) {
            if (!ctx.leadActions.withdraw(RestLiDecoder.percentDecode(path[1]))) {
                throw SandboxApiError.notFound("No live lead " + path[1]);
            }
            return SandboxResponse.empty(204);
        }
        if (path.length == 2 && "POST".equals(request.method()) && "tokens".equals(path[0])) {
            return changeToken(path[1], request);
        }
        if (path.length != 1) {
            throw SandboxApiError.notFound("No admin endpoint " + request.method() + " " + request.rawPath());
        }
        return switch (route) {
            case "POST tokens" -> issueTokens(request);
            case "GET world" -> SandboxResponse.json(world());
            case "POST faults" -> {
                ctx.faults.apply(Json.parseBody(request.body()));
                yield SandboxResponse.json(ctx.faults.toJson());
            }
            case "GET faults" -> SandboxResponse.json(ctx.faults.toJson());
            case "DELETE faults" -> {
                ctx.faults.clear();
                yield SandboxResponse.empty(204);
            }
            case "GET stats" -> SandboxResponse.json(ctx.stats.toJson());
            case "DELETE stats" -> {
                ctx.stats.reset();
                yield SandboxResponse.empty(204);
            }
            default -> throw SandboxApiError.notFound("No admin endpoint " + request.method() + " " + request.rawPath());
        };
    }

    ObjectNode world() {
        ObjectNode world = WorldView.of(ctx.world);
        ArrayNode segments = world.putArray("dmpSegments");
        ctx.dmp.all().forEach(segments::add);
        return world;
    }

    private SandboxResponse issueTokens(SandboxRequest request) {
        Set<String> scopes = TokenStore.ALL_SCOPES;
        if (request.body().length > 0) {
            String scope = Json.text(Json.parseBody(request.body()), "scope");
            if (scope != null) {
                scopes = Arrays.stream(scope.split("[ ,]+")).filter(s -> !s.isBlank())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
            }
        }
        return SandboxResponse.json(OAuthHandler.tokenResponse(ctx.tokens.grant(scopes), ctx.tokens.now()));
    }

    private SandboxResponse changeToken(String action, SandboxRequest request) {
        String token = Json.text(Json.parseBody(request.body()), "token");
        boolean found = switch (action) {
            case "expire" -> ctx.tokens.expire(token);
            case "revoke" -> ctx.tokens.revoke(token);
            default -> throw SandboxApiError.notFound("No admin endpoint POST /_sandbox/tokens/" + action);
        };
        if (!found) {
            throw SandboxApiError.notFound("Unknown token");
        }
        return SandboxResponse.empty(204);
    }

    private SandboxResponse submitLeads(String formId, SandboxRequest request) {
        JsonNode body = request.body().length == 0 ? Json.object() : Json.parseBody(request.body());
        long id;
        try {
            id = Long.parseLong(formId);
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("formId must be a number");
        }
        int corrupt = body.path("corruptAnswers").asInt(0);
        List<String> ids = ctx.leadActions.submit(id, body.path("count").asInt(1), body.path("test").asBoolean(true),
                body.path("perSecond").asDouble(0), corrupt);
        ObjectNode answer = Json.object();
        ids.forEach(answer.putArray("leadIds")::add);
        ids.subList(0, corrupt).forEach(answer.putArray("corruptLeadIds")::add);
        return SandboxResponse.json(answer);
    }
}
