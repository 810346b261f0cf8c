package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seeded leads: paging, filters, projection, batch get, withdrawal, permissions, validity and determinism. */
class LinkedInSandboxLeadsTest {

    private static final String SPONSORED = "/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
            + "&leadType=(leadType:SPONSORED)";
    private static LinkedInSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).seed(7L).leads(3000).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void pagesAreNewestFirstWithTotalAndCoverEveryLeadOnce() {
        List<JsonNode> all = new ArrayList<>();
        int total = -1;
        for (int start = 0; ; ) {
            JsonNode page = ok(SPONSORED + "&start=" + start + "&count=400");
            total = page.get("paging").get("total").asInt();
            page.get("elements").forEach(all::add);
            start += page.get("elements").size();
            if (page.get("elements").isEmpty() || start >= total) {
                break;
            }
        }
        assertThat(all).hasSize(total);
        assertThat(total).isBetween(1500, 1800);
        assertThat(all.stream().map(l -> l.get("id").asText()).distinct().count()).isEqualTo(total);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).get("submittedAt").asLong()).isGreaterThanOrEqualTo(all.get(i).get("submittedAt").asLong());
        }
    }

    @Test
    void seededWorldCoversEveryLeadTypeVersionAndSomeTestLeads() {
        JsonNode world = SandboxTestSupport.json(SandboxTestSupport.admin(sandbox, "GET", "world", null));
        assertThat(world.get("leadCount").asInt()).isEqualTo(3000);
        Map<String, Integer> byType = new HashMap<>();
        int test = 0;
        for (JsonNode form : world.get("forms")) {
            byType.merge(form.get("leadType").asText(), form.get("leadCount").asInt(), Integer::sum);
            test += form.get("testLeadCount").asInt();
            if (form.get("id").asLong() == 7234246L) {
                assertThat(form.get("versions")).hasSize(3);
                form.get("versions").forEach(v -> assertThat(v.get("leadCount").asInt()).isPositive());
            }
        }
        assertThat(byType.keySet()).containsExactlyInAnyOrder("SPONSORED", "EVENT", "COMPANY", "ORGANIZATION_PRODUCT");
        byType.values().forEach(count -> assertThat(count).isPositive());
        assertThat(test).isBetween(90, 210);
    }

    @Test
    void everyAnswerIsValidForItsOwnFormVersion() {
        String[] owners = {SPONSORED,
            "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)&leadType=(leadType:EVENT)",
            "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)&leadType=(leadType:COMPANY)",
            "/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414190)&leadType=(leadType:ORGANIZATION_PRODUCT)"};
        int checked = 0;
        List<JsonNode> leads = new ArrayList<>();
        for (String owner : owners) {
            for (int start = 0; start < 3000; start += 1000) {
                ok(owner + "&start=" + start + "&count=1000&fields=id,formResponse,versionedLeadGenFormUrn,form:(content)")
                        .get("elements").forEach(leads::add);
            }
        }
        for (JsonNode lead : leads) {
            {
                JsonNode questions = lead.get("form").get("content").get("questions");
                Map<Long, JsonNode> byId = new HashMap<>();
                questions.forEach(q -> byId.put(q.get("questionId").asLong(), q));
                Set<Long> answered = new HashSet<>();
                for (JsonNode answer : lead.get("formResponse").get("answers")) {
                    JsonNode q = byId.get(answer.get("questionId").asLong());
                    assertThat(q).as("question %s of %s", answer.get("questionId"), lead.get("versionedLeadGenFormUrn")).isNotNull();
                    answered.add(answer.get("questionId").asLong());
                    JsonNode options = q.get("questionDetails").path("multipleChoiceQuestionDetails").get("options");
                    if (options != null) {
                        int chosen = answer.get("answerDetails").get("multipleChoiceAnswer").get("options").get(0).asInt();
                        assertThat(chosen).isBetween(0, options.size() - 1);
                    } else {
                        String text = answer.get("answerDetails").get("textQuestionAnswer").get("answer").asText();
                        assertThat(text.length()).isLessThanOrEqualTo(
                                q.get("questionDetails").get("textQuestionDetails").get("maxResponseLength").asInt());
                    }
                }
                questions.forEach(q -> {
                    if (q.get("responseRequired").asBoolean()) {
                        assertThat(answered).contains(q.get("questionId").asLong());
                    }
                });
                JsonNode consents = lead.get("form").get("content").get("legalInfo").get("consents");
                assertThat(lead.get("formResponse").get("consentResponses")).hasSize(consents.size());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3000);
    }

    @Test
    void filtersByVersionTestLeadsAndTimeRange() {
        String v2 = "&versionedLeadGenFormUrn=urn%3Ali%3AversionedLeadGenForm%3A%28urn%3Ali%3AleadGenForm%3A7234246%2C2%29";
        JsonNode page = ok(SPONSORED + v2 + "&count=1000");
        assertThat(page.get("elements")).isNotEmpty().allSatisfy(l -> assertThat(l.get("versionedLeadGenFormUrn").asText())
                .isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,2)"));
        JsonNode tests = ok(SPONSORED + "&limitedToTestLeads=true&count=1000");
        assertThat(tests.get("elements")).isNotEmpty().allSatisfy(l -> assertThat(l.get("testLead").asBoolean()).isTrue());
        JsonNode newest = ok(SPONSORED + "&count=10").get("elements");
        long from = newest.get(9).get("submittedAt").asLong();
        long to = newest.get(0).get("submittedAt").asLong();
        JsonNode ranged = ok(SPONSORED + "&submittedAtTimeRange=(start:" + from + ",end:" + to + ")&count=100");
        assertThat(ranged.get("paging").get("total").asInt()).isEqualTo(10);
        JsonNode creative = ok(SPONSORED + "&associatedEntity=(associatedCreative:urn%3Ali%3AsponsoredCreative%3A241257801)&count=1000");
        assertThat(creative.get("elements")).isNotEmpty().allSatisfy(l -> assertThat(l.get("associatedEntity").get("associatedCreative")
                .asText()).isEqualTo("urn:li:sponsoredCreative:241257801"));
    }

    @Test
    void projectionInlinesTheLeadsOwnFormVersionAndNames() {
        String v1 = "&versionedLeadGenFormUrn=urn%3Ali%3AversionedLeadGenForm%3A%28urn%3Ali%3AleadGenForm%3A7234246%2C1%29";
        JsonNode lead = ok(SPONSORED + v1 + "&count=1&fields=id,submittedAt,ownerInfo,leadMetadataInfo,associatedEntityInfo,"
                + "form:(hiddenFields,name,id,versionId,content)").get("elements").get(0);
        assertThat(SandboxTestSupport.fieldNames(lead)).containsExactly("id", "submittedAt", "ownerInfo", "leadMetadataInfo",
                "associatedEntityInfo", "form");
        assertThat(lead.get("form").get("versionId").asInt()).isEqualTo(1);
        assertThat(lead.get("form").get("content").get("questions")).hasSize(4);
        assertThat(lead.get("form").get("content").get("legalInfo").get("consents")).hasSize(1);
        assertThat(lead.get("form").get("hiddenFields")).isEqualTo(SandboxTestSupport.fixture("lead-form.json").get("hiddenFields"));
        assertThat(lead.get("ownerInfo").get("sponsoredAccountInfo").get("name").asText()).isEqualTo("Northwind Ads");
        assertThat(lead.get("leadMetadataInfo").get("sponsoredLeadMetadataInfo").get("campaign").get("id").asLong()).isEqualTo(198356826L);
        assertThat(lead.get("associatedEntityInfo").get("associatedCreativeInfo").get("name").asText()).isNotBlank();

        JsonNode event = ok("/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)&leadType=(leadType:EVENT)"
                + "&count=1&fields=id,ownerInfo,associatedEntityInfo").get("elements").get(0);
        assertThat(event.get("ownerInfo").get("organizationInfo").get("name").asText()).isEqualTo("Northwind Traders");
        assertThat(event.get("associatedEntityInfo").get("eventInfo").get("name").asText()).isEqualTo("Northwind Data Summit");
    }

    @Test
    void batchGetAnswersResultsAndErrors() {
        JsonNode two = ok(SPONSORED + "&count=2").get("elements");
        String a = two.get(0).get("id").asText();
        String b = two.get(1).get("id").asText();
        HttpResponse<String> response = SandboxTestSupport.send(SandboxTestSupport.rest(sandbox,
                "/leadFormResponses?ids=List(" + a + "," + b + ",00000000-0000-4000-8000-000000000000-0)", token)
                .header("X-RestLi-Method", "BATCH_GET").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("results").get(a)).isEqualTo(two.get(0));
        assertThat(body.get("results").get(b)).isEqualTo(two.get(1));
        assertThat(body.get("errors").get("00000000-0000-4000-8000-000000000000-0").get("status").asInt()).isEqualTo(404);
    }

    @Test
    void withdrawnLeadsNoLongerAppear() {
        String id = sandbox.submitLeads(7234246L, 1, true).get(0);
        assertThat(get(sandbox, "/leadFormResponses/" + id, token).statusCode()).isEqualTo(200);
        assertThat(ok(SPONSORED + "&count=1").get("elements").get(0).get("id").asText()).isEqualTo(id);
        assertThat(SandboxTestSupport.admin(sandbox, "DELETE", "leads/" + id, null).statusCode()).isEqualTo(204);
        assertThat(get(sandbox, "/leadFormResponses/" + id, token).statusCode()).isEqualTo(404);
        assertThat(ok(SPONSORED + "&count=1").get("elements").get(0).get("id").asText()).isNotEqualTo(id);
        assertThat(SandboxTestSupport.admin(sandbox, "DELETE", "leads/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void projectingEveryFieldGivesTheWholeLeadAndNestedProjectionsApply() {
        JsonNode whole = ok(SPONSORED + "&start=100&count=200").get("elements");
        JsonNode projected = ok(SPONSORED + "&start=100&count=200&fields=id,leadType,owner,submitter,submittedAt,testLead,"
                + "versionedLeadGenFormUrn,associatedEntity,leadMetadata,formResponse").get("elements");
        assertThat(projected).isEqualTo(whole);
        JsonNode narrow = ok(SPONSORED + "&start=100&count=200&fields=testLead,owner:(sponsoredAccount),formResponse:(consentResponses),"
                + "nothing").get("elements");
        for (int i = 0; i < whole.size(); i++) {
            JsonNode lead = narrow.get(i);
            assertThat(SandboxTestSupport.fieldNames(lead)).containsExactly("id", "testLead", "owner", "formResponse");
            assertThat(lead.get("id")).isEqualTo(whole.get(i).get("id"));
            assertThat(lead.get("testLead")).isEqualTo(whole.get(i).get("testLead"));
            assertThat(lead.get("owner")).isEqualTo(whole.get(i).get("owner"));
            assertThat(SandboxTestSupport.fieldNames(lead.get("formResponse"))).containsExactly("consentResponses");
            assertThat(lead.get("formResponse").get("consentResponses")).isEqualTo(whole.get(i).get("formResponse").get("consentResponses"));
        }
    }

    @Test
    void filteredAndRangedFindersSeeNewAndWithdrawnLeads() {
        String v3 = "&versionedLeadGenFormUrn=urn%3Ali%3AversionedLeadGenForm%3A%28urn%3Ali%3AleadGenForm%3A7234246%2C3%29";
        int total = ok(SPONSORED + v3 + "&count=5").get("paging").get("total").asInt();
        int testTotal = ok(SPONSORED + "&limitedToTestLeads=true&count=5").get("paging").get("total").asInt();
        String id = sandbox.submitLeads(7234246L, 1, true).get(0);
        JsonNode page = ok(SPONSORED + v3 + "&count=5");
        assertThat(page.get("paging").get("total").asInt()).isEqualTo(total + 1);
        assertThat(page.get("elements").get(0).get("id").asText()).isEqualTo(id);
        assertThat(ok(SPONSORED + "&limitedToTestLeads=true&count=5").get("paging").get("total").asInt()).isEqualTo(testTotal + 1);
        long at = page.get("elements").get(0).get("submittedAt").asLong();
        JsonNode ranged = ok(SPONSORED + "&submittedAtTimeRange=(start:" + at + ",end:" + at + ")&count=5");
        assertThat(ranged.get("elements")).extracting(l -> l.get("id").asText()).contains(id);
        sandbox.deleteLead(id);
        assertThat(ok(SPONSORED + v3 + "&count=5").get("paging").get("total").asInt()).isEqualTo(total);
        assertThat(ok(SPONSORED + "&limitedToTestLeads=true&count=5").get("paging").get("total").asInt()).isEqualTo(testTotal);
        assertThat(ok(SPONSORED + "&submittedAtTimeRange=(start:" + at + ",end:" + at + ")&count=5").get("elements"))
                .extracting(l -> l.get("id").asText()).doesNotContain(id);
    }

    @Test
    void viewerOnAnAccountCannotReadItsLeads() {
        HttpResponse<String> response = get(sandbox, SPONSORED.replace("507857085", "507857099"), token);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("code").asText()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void sameSeedGivesTheSameLeads() {
        try (LinkedInSandbox twin = LinkedInSandbox.builder().port(0).seed(7L).leads(3000).build().start()) {
            JsonNode mine = ok(SPONSORED + "&count=50&start=100").get("elements");
            JsonNode theirs = json(get(twin, SPONSORED + "&count=50&start=100", twin.issueTokens().accessToken())).get("elements");
            assertThat(theirs.get(0).get("id")).isEqualTo(mine.get(0).get("id"));
            assertThat(theirs.get(49).get("formResponse")).isEqualTo(mine.get(49).get("formResponse"));
        }
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = get(sandbox, path, token);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json(response);
    }
}
