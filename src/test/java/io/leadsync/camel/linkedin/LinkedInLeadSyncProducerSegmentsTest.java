package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.audience.ElementResult;
import io.leadsync.camel.linkedin.audience.SegmentBatchResult;
import io.leadsync.camel.linkedin.audience.SegmentSummary;
import io.leadsync.camel.linkedin.model.DmpSegment;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.testing.MutableClock;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** linkedin-leadsync:segments against the sandbox (MA-102 … MA-107), with the sandbox's clock moved by hand. */
class LinkedInLeadSyncProducerSegmentsTest extends ProducerTestSupport {

    private static final String SEGMENTS = "linkedin-leadsync:segments";
    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";

    private final MutableClock clock = MutableClock.startingNow();

    @Override
    LinkedInSandbox.Builder sandboxBuilder() {
        return super.sandboxBuilder().clock(clock);
    }

    private long create(String name, String type) {
        Exchange created = ok(SEGMENTS + "?operation=createSegment&sourcePlatform=LEADSYNC_TEST",
                Map.of("name", name, "type", type, "account", ACCOUNT), Map.of());
        DmpSegment segment = created.getMessage().getBody(DmpSegment.class);
        assertThat(segment.type()).isEqualTo(type);
        assertThat(segment.sourcePlatform()).isEqualTo("LEADSYNC_TEST");
        assertThat(created.getMessage().getHeader(LinkedInLeadSyncConstants.SEGMENT_ID)).isEqualTo(segment.id());
        return segment.id();
    }

    @Test
    void twelveThousandUsersGoOutInThreeRequestsWithPerElementResultsInInputOrder() {
        long id = create("Newsletter readers", "USER");
        clock.advance(Duration.ofSeconds(6)); // past LinkedIn's not-found window of a new segment

        List<Object> users = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            Map<String, Object> user = new LinkedHashMap<>();
            if (i % 1000 == 7) {
                user.put("firstName", "Nobody"); // no identifier: refused before sending
            } else {
                user.put("email", "  Reader" + i + "@Example.COM ");
                user.put("firstName", "Reader");
                user.put("country", i % 1000 == 9 ? "USA" : "US"); // USA is not ISO alpha-2: LinkedIn refuses it
            }
            users.add(user);
        }
        Exchange exchange = ok(SEGMENTS + "?operation=addUsers", users, Map.of(LinkedInLeadSyncConstants.SEGMENT_ID, id));
        SegmentBatchResult result = exchange.getMessage().getBody(SegmentBatchResult.class);

        assertThat(calls("BATCH_CREATE dmpSegments/users")).isEqualTo(3);
        assertThat(result.requests()).isEqualTo(3);
        assertThat(result.elements()).hasSize(12_000);
        assertThat(result.elements()).extracting(ElementResult::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 12_000).boxed().toList());
        assertThat(result.rejectedCount()).isEqualTo(24);
        assertThat(result.acceptedCount()).isEqualTo(11_976);
        assertThat(exchange.getMessage().getHeader(LinkedInLeadSyncConstants.ACCEPTED_COUNT)).isEqualTo(11_976);
        assertThat(exchange.getMessage().getHeader(LinkedInLeadSyncConstants.REJECTED_COUNT)).isEqualTo(24);
        ElementResult noId = result.elements().get(1007);
        assertThat(noId.sent()).isFalse();
        assertThat(noId.message()).isEqualTo("no identifier: set email, sha256Email, sha512Email or googleAid");
        ElementResult badCountry = result.elements().get(5009);
        assertThat(badCountry.sent()).isTrue();
        assertThat(badCountry.status()).isEqualTo(400);
        assertThat(badCountry.message()).contains("country");
        // the sandbox refuses plain emails per element ("not a plain email"): every email row was accepted, so all were hashed
        assertThat(result.elements()).filteredOn(ElementResult::accepted).hasSize(11_976);
        assertThat(result.elements()).noneMatch(e -> e.message() != null && e.message().contains("plain email"));

        clock.advance(Duration.ofSeconds(11)); // the upload settles
        Exchange got = ok(SEGMENTS + "?operation=getSegment&segmentId=" + id, null, Map.of());
        SegmentSummary summary = got.getMessage().getBody(SegmentSummary.class);
        assertThat(summary.status()).isEqualTo("READY");
        assertThat(summary.inputCount()).isEqualTo(11_976L);
        assertThat(summary.matchRate()).isEqualTo((double) summary.matchedCount() / 11_976);
        assertThat(summary.matchRate()).isBetween(0.6, 0.9);
        assertThat(summary.audienceSize()).isGreaterThanOrEqualTo(300L);
        assertThat(summary.readyToServe()).isTrue();

        Exchange removed = ok(SEGMENTS + "?operation=removeUsers", List.of(Map.of("email", "reader0@example.com")),
                Map.of(LinkedInLeadSyncConstants.SEGMENT_ID, id));
        assertThat(removed.getMessage().getHeader(LinkedInLeadSyncConstants.ACCEPTED_COUNT)).isEqualTo(1);
        assertThat(removed.getMessage().getBody(SegmentBatchResult.class).action()).isEqualTo("REMOVE");
    }

    @Test
    void companiesAreUploadedAndSegmentsOfThisIntegrationListed() {
        long users = create("Users", "USER");
        long companies = create("Target accounts", "COMPANY");
        clock.advance(Duration.ofSeconds(6));
        List<Map<String, Object>> rows = List.of(
                Map.of("name", "Contoso", "domain", "contoso.example", "organizationUrn", "urn:li:organization:1035", "stockSymbol", "CTSO",
                        "industries", "Software Development", "city", "Lagos", "country", "NG"),
                Map.of("companyName", ""));
        Exchange exchange = ok(SEGMENTS + "?operation=addCompanies&segmentId=" + companies, rows, Map.of());
        SegmentBatchResult result = exchange.getMessage().getBody(SegmentBatchResult.class);
        assertThat(result.elements()).extracting(ElementResult::status).containsExactly(201, 400);
        assertThat(result.elements().get(1).message()).isEqualTo("At least one company identifier is required");
        assertThat(calls("BATCH_CREATE dmpSegments/companies")).isEqualTo(1);

        // a segment of another source platform is not this integration's
        ok("linkedin-leadsync:segments?operation=createSegment&sourcePlatform=OTHER_TOOL",
                Map.of("name", "Not ours", "type", "USER", "account", ACCOUNT), Map.of());
        Exchange listed = ok(SEGMENTS + "?sourcePlatform=LEADSYNC_TEST", null, Map.of(LinkedInLeadSyncConstants.OWNER, ACCOUNT));
        @SuppressWarnings("unchecked")
        List<SegmentSummary> segments = listed.getMessage().getBody(List.class);
        assertThat(segments).extracting(SegmentSummary::id).containsExactly(users, companies);
        assertThat(segments).extracting(SegmentSummary::status).containsOnly("BUILDING");
        assertThat(segments).allMatch(s -> !s.readyToServe());
    }

    @Test
    void anUploadWithoutSegmentIdNamesTheHeaderAndOption() {
        Exchange exchange = call(SEGMENTS + "?operation=addUsers", List.of(Map.of("email", "a@b.example")), Map.of());
        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("addUsers needs header CamelLinkedInSegmentId or option segmentId");
    }
}
