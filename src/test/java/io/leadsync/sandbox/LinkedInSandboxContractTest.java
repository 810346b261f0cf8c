package io.leadsync.sandbox;

import static io.leadsync.sandbox.SandboxTestSupport.fieldNames;
import static io.leadsync.sandbox.SandboxTestSupport.fixture;
import static io.leadsync.sandbox.SandboxTestSupport.get;
import static io.leadsync.sandbox.SandboxTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint answers in the shape of its fixture: same field names at the top level and in elements. */
class LinkedInSandboxContractTest {

    private static LinkedInSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = LinkedInSandbox.builder().port(0).seed(42L).leads(500).build().start();
        token = sandbox.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void adAccountsSearchMatchesFixture() {
        JsonNode page = ok("/adAccounts?q=search&pageSize=1");
        assertShape(page, fixture("ad-accounts.json"));
        assertThat(page.get("metadata").get("nextPageToken").asText()).isNotEmpty();
        JsonNode last = ok("/adAccounts?q=search&pageSize=1&pageToken=" + page.get("metadata").get("nextPageToken").asText());
        assertThat(last.get("elements").get(0).get("id").asLong()).isEqualTo(507857099L);
        assertThat(last.get("metadata").has("nextPageToken")).isFalse();
        JsonNode all = ok("/adAccounts?q=search");
        assertThat(all.get("elements")).isEqualTo(fixture("ad-accounts.json").get("elements"));
        JsonNode active = ok("/adAccounts?q=search&search=(status:(values:List(ACTIVE,DRAFT)),test:false)");
        assertThat(active.get("elements")).hasSize(1);
        assertThat(active.get("elements").get(0).get("name").asText()).isEqualTo("Northwind Ads");
        assertThat(ok("/adAccounts/507857099")).isEqualTo(fixture("ad-accounts.json").get("elements").get(1));
    }

    @Test
    void rolesAndEventsMatchFixtures() {
        assertThat(ok("/adAccountUsers?q=authenticatedUser").get("elements"))
                .isEqualTo(fixture("ad-account-users.json").get("elements"));
        JsonNode acls = ok("/organizationAcls?q=roleAssignee&state=APPROVED");
        assertShape(acls, fixture("organization-acls.json"));
        assertThat(acls.get("elements")).contains(fixture("organization-acls.json").get("elements").get(0));
        JsonNode events = ok("/events?q=eventsByOrganizer&organizer=urn%3Ali%3Aorganization%3A2414183&start=0&count=10");
        assertShape(events, fixture("events.json"));
        JsonNode event = events.get("elements").get(0);
        assertThat(event.get("id").asText()).isEqualTo("7301000000000000001");
        assertThat(event.get("name")).isEqualTo(fixture("events.json").get("elements").get(0).get("name"));
        assertThat(event.get("leadGenForm").asText()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234300,1)");
    }

    @Test
    void campaignAndCreativeHaveNames() {
        assertThat(ok("/adAccounts/507857085/adCampaigns/198356826").get("name").asText()).isNotBlank();
        JsonNode creative = ok("/adAccounts/507857085/creatives/urn%3Ali%3AsponsoredCreative%3A241257736");
        assertThat(creative.get("id").asText()).isEqualTo("urn:li:sponsoredCreative:241257736");
        assertThat(creative.get("name").asText()).isNotBlank();
        assertThat(get(sandbox, "/adAccounts/507857085/creatives/urn:li:sponsoredCreative:241257736", token).statusCode())
                .as("path keys must be percent-encoded").isEqualTo(400);
    }

    @Test
    void leadFormVersionThreeIsTheFixtureExactly() {
        assertThat(ok("/leadForms/7234246")).isEqualTo(fixture("lead-form.json"));
        JsonNode page = ok("/leadForms?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)&start=0&count=10");
        assertShape(page, fixture("lead-forms-page.json"));
        assertThat(page.get("elements")).extracting(e -> e.get("id").asLong()).containsExactly(7234246L, 7234255L);
        assertThat(page.get("elements").get(1).get("state").asText()).isEqualTo("ARCHIVED");
        assertThat(page.get("elements").get(1).get("creationLocale").get("language").asText()).isEqualTo("de");
    }

    @Test
    void leadResponsesMatchFixtures() {
        JsonNode page = ok("/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
                + "&leadType=(leadType:SPONSORED)&versionedLeadGenFormUrn=urn%3Ali%3AversionedLeadGenForm%3A%28urn%3Ali%3AleadGenForm%3A7234246%2C3%29&count=50");
        assertShape(page, fixture("lead-responses-page.json"));
        for (JsonNode lead : page.get("elements")) {
            assertThat(lead.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\\d");
            assertThat(fieldNames(lead.get("formResponse"))).containsExactly("answers", "consentResponses");
        }
        JsonNode events = ok("/leadFormResponses?q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)"
                + "&leadType=(leadType:EVENT)&count=1");
        JsonNode eventLead = events.get("elements").get(0);
        assertThat(fieldNames(eventLead)).containsExactlyElementsOf(fieldNames(fixture("lead-event.json")));
        assertThat(eventLead.get("associatedEntity")).isEqualTo(fixture("lead-event.json").get("associatedEntity"));
        assertThat(ok("/leadFormResponses/" + eventLead.get("id").asText())).isEqualTo(eventLead);
    }

    @Test
    void errorBodiesHaveLinkedInShape() {
        HttpResponse<String> missing = get(sandbox, "/leadFormResponses/00000000-0000-4000-8000-000000000000-1", token);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(fieldNames(json(missing))).containsExactlyElementsOf(fieldNames(fixture("errors.json").get("notFound")));
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = get(sandbox, path, token);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json(response);
    }

    /** Same top-level names, and every element carries the fixture element's names (optional ones may be absent). */
    static void assertShape(JsonNode actual, JsonNode fixture) {
        assertThat(fieldNames(actual)).containsExactlyInAnyOrderElementsOf(fieldNames(fixture));
        if (fixture.has("paging")) {
            assertThat(fieldNames(actual.get("paging"))).containsAll(fieldNames(fixture.get("paging")));
        }
        if (fixture.has("elements") && fixture.get("elements").size() > 0) {
            assertThat(actual.get("elements")).isNotEmpty();
            Set<String> expected = new HashSet<>(fieldNames(fixture.get("elements").get(0)));
            for (JsonNode element : actual.get("elements")) {
                assertThat(fieldNames(element)).containsAll(expected.stream()
                        .filter(name -> !Set.of("versionedForm", "leadGenForm", "associatedEntity", "leadMetadata").contains(name))
                        .toList());
                assertThat(expected).containsAll(fieldNames(element).stream()
                        .filter(name -> !Set.of("created", "lastModified", "reviewInfo", "description").contains(name)).toList());
            }
        }
    }
}
