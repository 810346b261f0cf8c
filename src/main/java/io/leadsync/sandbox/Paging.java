package io.leadsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** LinkedIn's two paging styles: {@code start/count} with {@code paging}, and cursors with {@code metadata.nextPageToken}. */
final class Paging {

    private Paging() {
    }

    /**
     * A {@code start/count} page. With the short-page fault LinkedIn's habit is reproduced: fewer elements than
     * {@code count} although more exist.
     */
    static ObjectNode page(List<? extends JsonNode> all, int start, int count, SandboxFaults faults) {
        int from = Math.min(start, all.size());
        int to = end(from, count, all.size(), faults);
        ObjectNode page = Json.object();
        ArrayNode elements = page.putArray("elements");
        all.subList(from, to).forEach(elements::add);
        ObjectNode paging = page.putObject("paging");
        paging.put("start", start);
        paging.put("count", count);
        paging.put("total", all.size());
        paging.putArray("links");
        return page;
    }

    /** Where a page from {@code from} ends: {@code count} further, or half as far with the short-page fault. */
    static int end(int from, int count, int size, SandboxFaults faults) {
        int to = (int) Math.min((long) from + count, size);
        if (to - from > 1 && to < size && faults.shortPage()) {
            to = from + (to - from) / 2;
        }
        return to;
    }

    /** The {@code paging} object of a {@code start/count} page, as bytes. */
    static byte[] pagingJson(int start, int count, int total) {
        return ("{\"start\":" + start + ",\"count\":" + count + ",\"total\":" + total + ",\"links\":[]}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A cursor page: {@code pageSize} + opaque {@code pageToken}; no {@code nextPageToken} on the last page. */
    static ObjectNode cursorPage(List<? extends JsonNode> all, RestCall call, SandboxFaults faults) {
        int pageSize = call.intParam("pageSize", 100);
        if (pageSize < 1 || pageSize > RestCall.MAX_COUNT) {
            throw SandboxApiError.badRequest("Invalid value for parameter 'pageSize': " + pageSize
                    + " (must be between 1 and " + RestCall.MAX_COUNT + ")");
        }
        String token = call.stringParam("pageToken");
        int offset = token == null ? 0 : offset(token);
        int from = Math.min(offset, all.size());
        int to = Math.min(from + pageSize, all.size());
        if (to - from > 1 && to < all.size() && faults.shortPage()) {
            to = from + (to - from) / 2;
        }
        ObjectNode page = Json.object();
        ArrayNode elements = page.putArray("elements");
        all.subList(from, to).forEach(elements::add);
        ObjectNode metadata = page.putObject("metadata");
        if (to < all.size()) {
            metadata.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("o:" + to).getBytes(StandardCharsets.US_ASCII)));
        }
        ObjectNode paging = page.putObject("paging");
        paging.put("start", from);
        paging.put("count", pageSize);
        paging.putArray("links");
        return page;
    }

    private static int offset(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (decoded.startsWith("o:")) {
                return Integer.parseInt(decoded.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw SandboxApiError.badRequest("Invalid value for parameter 'pageToken'");
    }
}
