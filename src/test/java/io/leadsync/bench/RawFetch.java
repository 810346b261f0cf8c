package io.leadsync.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The raw-fetch ceiling against the standalone sandbox:
 * one client pages every stream's finder over the window at {@code count=1000} with the connector's enrichment
 * projection, sequentially over loopback, reads each page whole and counts its elements with Jackson's streaming
 * parser (the least a client must do). Nothing is stored: this is how fast the sandbox serves what a back-fill asks.
 */
final class RawFetch {

    /** One pass: leads read, pages, bytes and wall-clock seconds. */
    record Pass(long leads, int pages, long bytes, double seconds) {
        double leadsPerSecond() {
            return leads / seconds;
        }
    }

    private RawFetch() {
    }

    static Pass pass(SandboxClient sandbox, String token, List<SandboxClient.Stream> streams, long windowStart, long windowEnd)
            throws IOException, InterruptedException {
        JsonFactory json = new JsonFactory();
        long t0 = System.nanoTime();
        long leads = 0;
        long bytes = 0;
        int pages = 0;
        for (SandboxClient.Stream stream : streams) {
            for (int start = 0; ; ) {
                HttpResponse<byte[]> response = sandbox.http().send(sandbox.finderRequest(
                        sandbox.finderUrl(stream, windowStart, windowEnd, start, 1000, SandboxClient.ENRICHED_FIELDS, null), token),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + ": " + new String(response.body()));
                }
                int[] page = count(json, response.body());
                pages++;
                bytes += response.body().length;
                leads += page[0];
                start += page[0];
                if (page[0] == 0 || (page[1] >= 0 && start >= page[1])) {
                    break;
                }
            }
        }
        return new Pass(leads, pages, bytes, (System.nanoTime() - t0) / 1e9);
    }

    /** The number of elements in a page and its {@code paging.total} (-1 when absent). */
    private static int[] count(JsonFactory json, byte[] body) throws IOException {
        int elements = 0;
        int total = -1;
        try (JsonParser p = json.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("elements".equals(name)) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        elements++;
                    }
                } else if ("paging".equals(name)) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if ("total".equals(field)) {
                            total = p.getIntValue();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new int[] {elements, total};
    }
}
