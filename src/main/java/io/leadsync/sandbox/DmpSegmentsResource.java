package io.leadsync.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code dmpSegments} routes; the segment logic itself is {@link io.leadsync.sandbox.dmp.DmpSegments}. */
final class DmpSegmentsResource implements RestResource {

    private final SandboxContext ctx;

    DmpSegmentsResource(SandboxContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "dmpSegments";
    }

    @Override
    public SandboxResponse handle(RestCall call) {
        call.require("rw_dmp_segments");
        if (call.segments() == 1 && "CREATE".equals(call.restliMethod) && "POST".equals(call.method)) {
            long id = ctx.dmp.create(call.body());
            return SandboxResponse.created(String.valueOf(id), "/rest/dmpSegments/" + id);
        }
        if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "account".equals(call.finder())) {
            String account = call.requiredString("account");
            List<ObjectNode> found = ctx.dmp.find(account, call.stringParam("sourcePlatform"), call.stringParam("sourceSegmentId"));
            return SandboxResponse.json(Paging.page(found, call.start(), call.count(10), ctx.faults));
        }
        if (call.segments() == 2 && "GET".equals(call.restliMethod)) {
            return SandboxResponse.json(ctx.dmp.get(id(call)));
        }
        if (call.segments() == 3 && "BATCH_CREATE".equals(call.restliMethod) && "POST".equals(call.method)) {
            String kind = call.key(2);
            if (!"users".equals(kind) && !"companies".equals(kind)) {
                throw SandboxApiError.notFound("No resource at " + call.request.rawPath());
            }
            ObjectNode body = Json.object();
            body.set("elements", ctx.dmp.batch(id(call), kind, call.body(), SandboxWorld.MEMBER_URN));
            return SandboxResponse.json(body);
        }
        throw call.unsupported();
    }

    private static long id(RestCall call) {
        try {
            return Long.parseLong(call.key(1));
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("Segment id must be a number");
        }
    }
}
