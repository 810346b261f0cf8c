package io.leadsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.Page;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.sandbox.LinkedInSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LinkedIn returns pages shorter than {@code count} while more leads exist (linkedin-api.md §3). Against the sandbox's
 * short-page fault the client must read every lead once: next start = start + elements returned, stop at
 * {@code total}, never on a short page.
 */
class PagingAgainstSandboxTest {

    private static final LeadOwner ACCOUNT = LeadOwner.sponsoredAccount(507857085L);
    private static final String FINDER = "FINDER leadFormResponses";
    private static final int COUNT = 50;

    private static LinkedInSandbox sandbox;
    private static LinkedInApi api;

    @BeforeAll
    static void startSandbox() {
        Clock clock = Clock.systemUTC();
        sandbox = LinkedInSandbox.builder().port(0).leads(500).seed(7L).build().start();
        api = LinkedInApi.builder().settings(SandboxClients.settings(sandbox, clock, SandboxClients.EXACT_RETRIES))
                .tokenProvider(new StaticTokenProvider(sandbox.issueTokens().accessToken())).build();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @BeforeEach
    void resetStats() {
        sandbox.resetStats();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    @Test
    void everyPageCutShortStillYieldsEveryLeadOnceWithTheCallsThePagingRuleImplies() {
        int total = SandboxClients.worldLeadCount(sandbox, ACCOUNT.urn(), "SPONSORED", false);
        sandbox.faults().shortPageRate(1.0);

        List<Page<LeadFormResponse>> pages = pages(0);

        List<String> ids = ids(pages);
        assertThat(ids).hasSize(total).doesNotHaveDuplicates();
        assertThat(pages).as("every page but the last was cut short").allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(COUNT));
        assertThat(pages.get(0).size()).isEqualTo(COUNT / 2);
        assertThat(sandbox.stats().calls(FINDER, 200)).isEqualTo(expectedCallsWhenEveryPageIsHalved(total, COUNT))
                .isGreaterThan((total + COUNT - 1) / COUNT);
        assertContiguous(pages);
    }

    @Test
    void randomlyShortPagesLoseAndRepeatNothing() {
        sandbox.faults().shortPageRate(0.0);
        List<String> expected = ids(pages(0));
        sandbox.resetStats();
        sandbox.faults().shortPageRate(0.5);

        List<Page<LeadFormResponse>> pages = pages(0);

        assertThat(ids(pages)).containsExactlyElementsOf(expected);
        assertThat(pages).anySatisfy(p -> assertThat(p.size()).isLessThan(COUNT));
        // one FINDER call per page handed out: the walk stops at total, without a trailing empty page
        assertThat(sandbox.stats().calls(FINDER, 200)).isEqualTo(pages.size());
        assertContiguous(pages);
    }

    @Test
    void resumingFromAStoredOffsetReadsExactlyTheRest() {
        List<String> all = ids(pages(0));
        sandbox.faults().shortPageRate(1.0);

        List<String> rest = ids(pages(120));

        assertThat(rest).containsExactlyElementsOf(all.subList(120, all.size()));
    }

    private static List<Page<LeadFormResponse>> pages(int start) {
        LeadFormResponseQuery query = LeadFormResponseQuery.of(ACCOUNT, LeadType.SPONSORED).withPageSize(COUNT);
        List<Page<LeadFormResponse>> pages = new ArrayList<>();
        for (Iterator<Page<LeadFormResponse>> it = api.leadFormResponsePages(query, start); it.hasNext(); ) {
            pages.add(it.next());
        }
        return pages;
    }

    private static List<String> ids(List<Page<LeadFormResponse>> pages) {
        return pages.stream().flatMap(p -> p.elements().stream()).map(LeadFormResponse::id).toList();
    }

    private static void assertContiguous(List<Page<LeadFormResponse>> pages) {
        for (int i = 1; i < pages.size(); i++) {
            assertThat(pages.get(i).start()).as("start of page %d", i).isEqualTo(pages.get(i - 1).start() + pages.get(i - 1).size());
        }
    }

    /**
     * The paging rule of linkedin-api.md §3 applied to a server that halves every page that is not the last: each call
     * advances start by what it returned, and the walk ends when start reaches total.
     */
    private static int expectedCallsWhenEveryPageIsHalved(int total, int count) {
        int calls = 0;
        int start = 0;
        do {
            calls++;
            int returned = Math.min(count, total - start);
            if (returned > 1 && start + returned < total) {
                returned /= 2;
            }
            start += returned;
        } while (start < total);
        return calls;
    }
}
