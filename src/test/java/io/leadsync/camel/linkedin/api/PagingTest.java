package io.leadsync.camel.linkedin.api;

import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Recorded;
import io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import org.junit.jupiter.api.Test;

/** Start/count paging through short pages, totals, cursor paging, laziness and page-size limits. */
class PagingTest extends ScriptedApiTestSupport {

    private static final Pattern START_COUNT = Pattern.compile("start=(\\d+)&count=(\\d+)");
    private static final LeadFormResponseQuery SPONSORED = LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(507857085), LeadType.SPONSORED);

    /** Serves {@code total} leads, but at most {@code maxPerPage} per page whatever count asks, and never a total. */
    private static Scripted shortPages(Recorded call, int total, int maxPerPage, boolean reportTotal) {
        Matcher m = START_COUNT.matcher(call.query());
        assertThat(m.find()).as(call.query()).isTrue();
        int start = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        int end = Math.min(total, start + Math.min(count, maxPerPage));
        String elements = IntStream.range(start, end).mapToObj(i -> "{\"id\":\"lead-" + i + "\",\"leadType\":\"SPONSORED\"}")
                .collect(Collectors.joining(","));
        return json(200, "{\"elements\":[" + elements + "],\"paging\":{\"start\":" + start + ",\"count\":" + count
                + (reportTotal ? ",\"total\":" + total : "") + ",\"links\":[]}}");
    }

    @Test
    void shortPagesLoseNothingAndEndOnTheFirstEmptyPage() {
        linkedIn.on("GET", "/rest/leadFormResponses", call -> shortPages(call, 1234, 300, false));

        List<String> ids = api.leadFormResponses(SPONSORED).map(LeadFormResponse::id).toList();

        assertThat(ids).hasSize(1234).doesNotHaveDuplicates()
                .isEqualTo(IntStream.range(0, 1234).mapToObj(i -> "lead-" + i).toList());
        // pages of 300 from 0,300,600,900,1200 then the empty page at 1234 that ends the walk
        assertThat(linkedIn.requests()).extracting(Recorded::query).map(q -> q.replaceAll(".*(start=\\d+&count=\\d+).*", "$1"))
                .containsExactly("start=0&count=500", "start=300&count=500", "start=600&count=500", "start=900&count=500",
                        "start=1200&count=500", "start=1234&count=500");
    }

    @Test
    void aReportedTotalSavesTheFinalEmptyCall() {
        linkedIn.on("GET", "/rest/leadFormResponses", call -> shortPages(call, 1234, 300, true));

        assertThat(api.leadFormResponses(SPONSORED).count()).isEqualTo(1234);
        assertThat(linkedIn.requests()).hasSize(5);
    }

    @Test
    void pagesAreFetchedOnlyWhenConsumedAndCanResumeFromAnOffset() {
        linkedIn.on("GET", "/rest/leadFormResponses", call -> shortPages(call, 30, 10, true));

        Iterator<Page<LeadFormResponse>> pages = api.leadFormResponsePages(SPONSORED.withPageSize(10), 10);
        assertThat(linkedIn.requests()).isEmpty();

        Page<LeadFormResponse> first = pages.next();
        assertThat(linkedIn.requests()).hasSize(1);
        assertThat(first.start()).isEqualTo(10);
        assertThat(first.total()).isEqualTo(30);
        assertThat(first.elements()).extracting(LeadFormResponse::id).first().isEqualTo("lead-10");

        List<Page<LeadFormResponse>> rest = new ArrayList<>();
        pages.forEachRemaining(rest::add);
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).elements()).extracting(LeadFormResponse::id).last().isEqualTo("lead-29");
        assertThat(linkedIn.requests()).hasSize(2);
    }

    @Test
    void cursorPagingFollowsNextPageTokenUntilThereIsNone() {
        Map<String, String> pageByToken = Map.of(
                "", "{\"elements\":[{\"id\":1,\"status\":\"ACTIVE\"},{\"id\":2,\"status\":\"DRAFT\"}],\"metadata\":{\"nextPageToken\":\"CAEQAA\"}}",
                "CAEQAA", "{\"elements\":[{\"id\":3,\"status\":\"ACTIVE\"}],\"metadata\":{\"nextPageToken\":\"CAIQAA\"}}",
                "CAIQAA", "{\"elements\":[{\"id\":4,\"status\":\"ACTIVE\"}],\"metadata\":{}}");
        linkedIn.on("GET", "/rest/adAccounts", call -> {
            Matcher token = Pattern.compile("pageToken=([^&]+)").matcher(call.query());
            return json(200, pageByToken.get(token.find() ? token.group(1) : ""));
        });

        List<Long> ids = api.adAccounts(List.of("ACTIVE", "DRAFT")).map(AdAccount::id).toList();

        assertThat(ids).containsExactly(1L, 2L, 3L, 4L);
        assertThat(linkedIn.requests()).extracting(Recorded::query).containsExactly(
                "q=search&search=(status:(values:List(ACTIVE,DRAFT)),test:false)&pageSize=500",
                "q=search&search=(status:(values:List(ACTIVE,DRAFT)),test:false)&pageSize=500&pageToken=CAEQAA",
                "q=search&search=(status:(values:List(ACTIVE,DRAFT)),test:false)&pageSize=500&pageToken=CAIQAA");
    }

    @Test
    void aRepeatedPageTokenEndsTheWalkInsteadOfLooping() {
        linkedIn.on("GET", "/rest/adAccounts", call -> json(200, "{\"elements\":[{\"id\":1}],\"metadata\":{\"nextPageToken\":\"SAME\"}}"));

        assertThat(api.adAccounts(List.of()).count()).isEqualTo(2);
        assertThat(linkedIn.requests()).hasSize(2);
        assertThat(linkedIn.requests().get(0).query()).isEqualTo("q=search&search=(test:false)&pageSize=500");
    }

    @Test
    void pageSizesAboveLinkedInsMaximumAreRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> SPONSORED.withPageSize(1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pageSize must be between 1 and 1000 (LinkedIn's maximum): 1001");
        assertThatThrownBy(() -> LinkedInApi.builder().pageSize(0)).hasMessageContaining("between 1 and 1000");
        assertThat(linkedIn.requests()).isEmpty();
    }
}
