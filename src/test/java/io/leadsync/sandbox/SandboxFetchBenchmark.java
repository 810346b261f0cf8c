package io.leadsync.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Measures the sandbox's raw lead fetch rate: one client pages the SPONSORED finder ({@code count=1000}) over
 * loopback, sequentially, from the first page to the last, and reports leads/s. Also reports the time to seed and
 * start, and the heap in use after a GC. Nothing here is asserted: speed is measured, not tested.
 * <p>
 * {@code java -Xmx2g -cp <test classpath> io.leadsync.sandbox.SandboxFetchBenchmark [leads] [passes] [fields]}
 * (defaults 100000 leads, 3 passes, no projection). Each page is read whole and its elements counted with Jackson's
 * streaming parser, so the client does the least a real client must.
 */
public final class SandboxFetchBenchmark {

    private static final String FINDER = "/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
            + "&leadType=(leadType:SPONSORED)&count=1000";

    private SandboxFetchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String fields = args.length > 2 ? args[2] : null;
        long t0 = System.nanoTime();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long process0 = processCpuNanos();
        try (LinkedInSandbox sandbox = LinkedInSandbox.builder().port(0).leads(leads).build().start()) {
            double readySeconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
            double processSeconds = (processCpuNanos() - process0) / 1e9;
            long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> g.getCollectionTime()).sum();
            System.gc();
            long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            System.out.printf("%,d leads ready in %.2f s (CPU: %.2f s seeding thread, %.2f s whole process, GC %.2f s; "
                    + "load average %.1f on %d cores), heap after GC %,d MB (max %,d MB)%n", leads, readySeconds, cpuSeconds,
                    processSeconds, gcMillis / 1e3,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), heapMb, Runtime.getRuntime().maxMemory() >> 20);
            String token = sandbox.issueTokens().accessToken();
            HttpClient http = HttpClient.newHttpClient();
            JsonFactory json = new JsonFactory();
            for (int pass = 1; pass <= passes; pass++) {
                long start = System.nanoTime();
                long fetched = 0;
                long bytes = 0;
                int pages = 0;
                for (int offset = 0; ; ) {
                    String url = sandbox.restBaseUrl() + FINDER + "&start=" + offset + (fields == null ? "" : "&fields=" + fields);
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token).header("LinkedIn-Version", SandboxTestSupport.VERSION)
                            .header("X-Restli-Protocol-Version", "2.0.0").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body()));
                    }
                    int[] page = count(json, response.body());
                    pages++;
                    bytes += response.body().length;
                    fetched += page[0];
                    offset += page[0];
                    if (page[0] == 0 || offset >= page[1]) {
                        break;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("pass %d: %,d leads in %,d pages, %.2f s: %,.0f leads/s (%.1f MB/s)%n", pass, fetched, pages,
                        seconds, fetched / seconds, bytes / seconds / 1e6);
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The number of elements in a page and its {@code paging.total}. */
    private static int[] count(JsonFactory json, byte[] body) throws IOException {
        int elements = 0;
        int total = -1;
        try (JsonParser p = json.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                p.nextToken();
                if ("elements".equals(name)) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        elements++;
                    }
                } else if ("paging".equals(name)) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.getCurrentName();
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
