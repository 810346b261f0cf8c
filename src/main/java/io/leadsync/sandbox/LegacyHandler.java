package io.leadsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The unversioned {@code /v2} endpoints the connector uses: {@code userinfo} (OpenID) and {@code me}. */
final class LegacyHandler {

    private final SandboxContext ctx;
    private final RestGate gate;

    LegacyHandler(SandboxContext ctx, RestGate gate) {
        this.ctx = ctx;
        this.gate = gate;
    }

    SandboxResponse handle(SandboxRequest request) {
        String path = request.rawPath().substring("/v2/".length());
        if (!"GET".equals(request.method()) || !("userinfo".equals(path) || "me".equals(path))) {
            throw SandboxApiError.notFound("No resource at " + request.rawPath());
        }
        TokenStore.Token token = gate.authenticate(request);
        SandboxWorld world = ctx.world;
        ObjectNode body = Json.object();
        if ("userinfo".equals(path)) {
            if (!token.scopes.contains("openid") || !token.scopes.contains("profile")) {
                throw new SandboxApiError(403, 100, "ACCESS_DENIED", "Not enough permissions to access: userinfo.GET.NO_VERSION");
            }
            body.put("sub", world.memberId());
            body.put("name", world.memberName());
            body.put("given_name", SandboxWorld.MEMBER_GIVEN_NAME);
            body.put("family_name", SandboxWorld.MEMBER_FAMILY_NAME);
            if (token.scopes.contains("email")) {
                body.put("email", SandboxWorld.MEMBER_EMAIL);
                body.put("email_verified", true);
            }
            ObjectNode locale = body.putObject("locale");
            locale.put("country", "US");
            locale.put("language", "en");
        } else {
            if (!token.scopes.contains("profile")) {
                throw new SandboxApiError(403, 100, "ACCESS_DENIED", "Not enough permissions to access: me.GET.NO_VERSION");
            }
            body.put("id", world.memberId());
            body.put("localizedFirstName", SandboxWorld.MEMBER_GIVEN_NAME);
            body.put("localizedLastName", SandboxWorld.MEMBER_FAMILY_NAME);
        }
        return SandboxResponse.json(body);
    }
}
