package io.leadsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code adAccounts}: search (cursor paging), get, and the campaigns and creatives beneath an account. */
final class AccountsResource implements RestResource {

    private static final String READ_ADS = "r_ads|rw_ads";
    private final SandboxContext ctx;

    AccountsResource(SandboxContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "adAccounts";
    }

    @Override
    public SandboxResponse handle(RestCall call) {
        call.require(READ_ADS);
        if (call.segments() == 1 && "FINDER".equals(call.restliMethod) && "search".equals(call.finder())) {
            return SandboxResponse.json(Paging.cursorPage(search(call), call, ctx.faults));
        }
        if (call.segments() == 2 && "GET".equals(call.restliMethod)) {
            return SandboxResponse.json(account(call));
        }
        if (call.segments() >= 3) {
            ObjectNode account = account(call);
            String accountUrn = "urn:li:sponsoredAccount:" + account.get("id").asLong();
            String sub = call.key(2);
            List<ObjectNode> children = new ArrayList<>();
            if ("adCampaigns".equals(sub)) {
                ctx.world.campaigns.values().stream().filter(c -> accountUrn.equals(c.get("account").asText())).forEach(children::add);
            } else if ("creatives".equals(sub)) {
                ctx.world.creatives.values().stream().filter(c -> accountUrn.equals(c.get("account").asText())).forEach(children::add);
            } else {
                throw SandboxApiError.notFound("No resource at " + call.request.rawPath());
            }
            if (call.segments() == 3 && "FINDER".equals(call.restliMethod) && "search".equals(call.finder())) {
                return SandboxResponse.json(Paging.cursorPage(children, call, ctx.faults));
            }
            if (call.segments() == 4 && "GET".equals(call.restliMethod)) {
                String key = call.key(3);
                String id = "creatives".equals(sub) && key.matches("\\d+") ? "urn:li:sponsoredCreative:" + key : key;
                return SandboxResponse.json(children.stream().filter(c -> id.equals(c.get("id").asText())).findFirst()
                        .orElseThrow(() -> SandboxApiError.notFound("No " + sub + " " + key + " in account " + account.get("id"))));
            }
        }
        throw call.unsupported();
    }

    private ObjectNode account(RestCall call) {
        long id;
        try {
            id = Long.parseLong(call.key(1));
        } catch (NumberFormatException e) {
            throw SandboxApiError.badRequest("Ad account id must be a number");
        }
        ObjectNode account = ctx.world.account(id);
        if (account == null) {
            throw SandboxApiError.notFound("No ad account " + id);
        }
        return account;
    }

    @SuppressWarnings("unchecked")
    private List<ObjectNode> search(RestCall call) {
        Map<String, Object> search = call.recordParam("search");
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode account : ctx.world.adAccounts) {
            if (search == null || matches(account, search)) {
                found.add(account);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(JsonNode account, Map<String, Object> search) {
        for (Map.Entry<String, Object> criterion : search.entrySet()) {
            String field = criterion.getKey();
            Object value = criterion.getValue();
            JsonNode actual = account.get(field);
            if (value instanceof Map<?, ?> map && map.get("values") instanceof List<?> values) {
                if (actual == null || !values.contains(actual.asText())) {
                    return false;
                }
            } else if (value instanceof String s) {
                if (actual == null || !actual.asText().equals(s)) {
                    return false;
                }
            } else {
                throw SandboxApiError.badRequest("Invalid value for parameter 'search': " + field);
            }
        }
        return true;
    }
}
