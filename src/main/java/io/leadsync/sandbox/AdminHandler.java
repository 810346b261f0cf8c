package io.leadsync.sandbox;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The admin API under {@code /_sandbox/} (design.md's table): tokens and grants, world, leads, forms, faults, stats.
 * <p>
 * {@code POST /_sandbox/forms/{formId}/leads} takes {@code {"count":N,"test":true,"perSecond":R,"corruptAnswers":K,
 * "visibleAfterSeconds":S,"withdrawImmediately":false,"reverseNotifications":false}} (every field optional: 1 test
 * lead at once, none broken) and answers {@code {"leadIds":[…],"corruptLeadIds":[…]}}.
 * The first K of the N leads carry broken answers, as LinkedIn sometimes delivers them (LGF-111): their first
 * multiple-choice answer names an option id the question does not have, their first text answer is longer than the
 * question's {@code maxResponseLength}, and they answer a question id that is on no version of the form. Their other
 * answers stay valid. With S, CREATED is pushed at once but the finder, get and batch get serve the lead only S
 * seconds after its submission. With {@code withdrawImmediately} each lead is withdrawn at once (CREATED then DELETED,
 * delivered in that order), and with {@code reverseNotifications} DELETED is delivered before CREATED.
 * <p>
 * {@code POST /_sandbox/grants/{clientId}/expire} (body {@code {"refreshToken":true}} optional) expires the access
 * tokens of the client's latest grant now (and its refresh token); {@code POST /_sandbox/grants/{clientId}/revoke}
 * revokes that grant. Form edits are {@link FormEdits}.
 */
final class AdminHandler {

    private final SandboxContext ctx;

    AdminHandler(SandboxContext ctx) {
        this.ctx = ctx;
    }

    SandboxResponse handle(SandboxRequest request) {
        String[] path = request.rawPath().substring("/_sandbox/".length()).split("/");
        String route = request.method() + " " + path[0];
        if (path.length == 3 && "POST".equals(request.method()) && "forms".equals(path[0])) {
            switch (path[2]) {
                case "leads" -> {
                    return submitLeads(path[1], request);
                }
                case "versions" -> {
                    return new FormEdits(ctx).newVersion(form(path[1]), body(request));
                }
                case "archive" -> {
                    return new FormEdits(ctx).archive(form(path[1]));
                }
                default -> throw SandboxApiError.notFound("No admin endpoint POST " + request.rawPath());
            }
        }
        if (path.length == 3 && "POST".equals(request.method()) && "grants".equals(path[0])) {
            return changeGrant(RestLiDecoder.percentDecode(path[1]), path[2], body(request));
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

    private static JsonNode body(SandboxRequest request) {
        return request.body().length == 0 ? Json.object() : Json.parseBody(request.body());
    }

    private static long formId(String formId) {
        try {
            return Long.parseLong(formId);
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("formId must be a number");
        }
    }

    private FormRecord form(String formId) {
        FormRecord form = ctx.world.form(formId(formId));
        if (form == null) {
            throw SandboxApiError.notFound("No lead form " + formId);
        }
        return form;
    }

    /** {@code POST /_sandbox/grants/{clientId}/expire} ({@code {"refreshToken":true}} optional) and {@code …/revoke}. */
    private SandboxResponse changeGrant(String clientId, String action, JsonNode body) {
        ObjectNode answer = Json.object();
        answer.put("clientId", clientId);
        switch (action) {
            case "expire" -> {
                TokenStore.GrantChange change = ctx.tokens.expireGrant(clientId, body.path("refreshToken").asBoolean(false));
                if (change == null) {
                    throw SandboxApiError.notFound("Client " + clientId + " has no grant");
                }
                answer.put("accessTokensExpired", change.accessTokensExpired());
                answer.put("refreshTokenExpired", change.refreshTokenExpired());
            }
            case "revoke" -> {
                if (!ctx.tokens.revokeGrant(clientId)) {
                    throw SandboxApiError.notFound("Client " + clientId + " has no grant");
                }
                answer.put("revoked", true);
            }
            default -> throw SandboxApiError.notFound("No admin endpoint POST /_sandbox/grants/" + clientId + "/" + action);
        }
        return SandboxResponse.json(answer);
    }

    private SandboxResponse submitLeads(String formId, SandboxRequest request) {
        JsonNode body = body(request);
        long id = formId(formId);
        int corrupt = body.path("corruptAnswers").asInt(0);
        List<String> ids = ctx.leadActions.submit(id, new LeadActions.Submission(body.path("count").asInt(1),
                body.path("test").asBoolean(true), body.path("perSecond").asDouble(0), corrupt,
                body.path("visibleAfterSeconds").asLong(0), body.path("withdrawImmediately").asBoolean(false),
                body.path("reverseNotifications").asBoolean(false)));
        ObjectNode answer = Json.object();
        ids.forEach(answer.putArray("leadIds")::add);
        ids.subList(0, corrupt).forEach(answer.putArray("corruptLeadIds")::add);
        return SandboxResponse.json(answer);
    }
}
