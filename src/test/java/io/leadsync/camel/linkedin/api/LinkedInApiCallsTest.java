package io.leadsync.camel.linkedin.api;

import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.error;
import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Recorded;
import io.leadsync.camel.linkedin.model.AdAccountUser;
import io.leadsync.camel.linkedin.model.AssociatedEntity;
import io.leadsync.camel.linkedin.model.BatchElementResult;
import io.leadsync.camel.linkedin.model.Campaign;
import io.leadsync.camel.linkedin.model.DmpCompany;
import io.leadsync.camel.linkedin.model.DmpSegment;
import io.leadsync.camel.linkedin.model.Event;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.LocalizedString;
import io.leadsync.camel.linkedin.model.OrganizationAcl;
import org.junit.jupiter.api.Test;

/** Each facade call sends what linkedin-api.md §6–§10 prescribe and reads what LinkedIn answers. */
class LinkedInApiCallsTest extends ScriptedApiTestSupport {

    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";
    private static final String EMPTY = "{\"elements\":[],\"paging\":{\"start\":0,\"count\":500}}";

    @Test
    void createLeadFormPostsJsonWithoutNullsAndReturnsTheRestliId() {
        linkedIn.enqueue(json(201, "").withHeader("x-restli-id", "7234300"));
        LeadForm form = new LeadForm(null, "Demo request", "DRAFT", null, LeadOwner.of(ACCOUNT), null, List.of(), null, null, null, null);

        assertThat(api.createLeadForm(form)).isEqualTo(7234300L);

        Recorded call = linkedIn.requests().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/rest/leadForms");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.header("X-RestLi-Method")).isNull();
        assertThat(call.body()).isEqualTo("{\"name\":\"Demo request\",\"state\":\"DRAFT\",\"owner\":{\"sponsoredAccount\":\"" + ACCOUNT
                + "\"},\"hiddenFields\":[]}");
        assertThatThrownBy(() -> api.createLeadForm(new LeadForm(5L, "x", null, null, null, null, null, null, null, null, null)))
                .hasMessageContaining("must not carry an id");
    }

    @Test
    void updateAndArchiveArePartialUpdatesWithSetPatches() {
        linkedIn.enqueue(json(204, ""), json(204, ""));

        api.updateLeadForm(7234246, Map.of("name", "Whitepaper Q2"));
        api.archiveLeadForm(7234246);

        List<Recorded> calls = linkedIn.requests();
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.path()).isEqualTo("/rest/leadForms/7234246");
            assertThat(c.header("X-RestLi-Method")).isEqualTo("PARTIAL_UPDATE");
        });
        assertThat(calls.get(0).body()).isEqualTo("{\"patch\":{\"$set\":{\"name\":\"Whitepaper Q2\"}}}");
        assertThat(calls.get(1).body()).isEqualTo("{\"patch\":{\"$set\":{\"state\":\"ARCHIVED\"}}}");
    }

    @Test
    void leadByUrnUsesAnEncodedPathKey() {
        linkedIn.enqueue(json(200, "{\"id\":\"249592fc-d272-44ba-a7db-c2bdce579507-6\",\"testLead\":false}"));

        LeadFormResponse lead = api.leadFormResponse("urn:li:leadGenFormResponse:249592fc-d272-44ba-a7db-c2bdce579507-6");

        assertThat(lead.id()).isEqualTo("249592fc-d272-44ba-a7db-c2bdce579507-6");
        assertThat(linkedIn.requests().get(0).path())
                .isEqualTo("/rest/leadFormResponses/urn%3Ali%3AleadGenFormResponse%3A249592fc-d272-44ba-a7db-c2bdce579507-6");
    }

    @Test
    void batchGetFallsBackToSingleGetsAndRemembersIt() {
        linkedIn.on("GET", "/rest/leadFormResponses", call -> error(405, "METHOD_NOT_ALLOWED", "BATCH_GET is not supported"));
        linkedIn.on("GET", "/rest/leadFormResponses/a-1", call -> json(200, "{\"id\":\"a-1\"}"));
        linkedIn.on("GET", "/rest/leadFormResponses/b-2", call -> error(404, "RESOURCE_NOT_FOUND", "Could not find entity"));
        linkedIn.on("GET", "/rest/leadFormResponses/c-3", call -> json(200, "{\"id\":\"c-3\"}"));

        Map<String, LeadFormResponse> first = api.batchGetLeadFormResponses(List.of("a-1", "b-2", "c-3"));
        Map<String, LeadFormResponse> second = api.batchGetLeadFormResponses(List.of("c-3"));

        assertThat(first.keySet()).containsExactly("a-1", "c-3");
        assertThat(second.keySet()).containsExactly("c-3");
        assertThat(linkedIn.requests()).extracting(Recorded::path).containsExactly("/rest/leadFormResponses",
                "/rest/leadFormResponses/a-1", "/rest/leadFormResponses/b-2", "/rest/leadFormResponses/c-3",
                "/rest/leadFormResponses/c-3");
    }

    @Test
    void batchGetReadsResultsInTheOrderAsked() {
        linkedIn.enqueue(json(200, "{\"results\":{\"b-2\":{\"id\":\"b-2\"},\"a-1\":{\"id\":\"a-1\"}},\"errors\":{\"c-3\":{\"status\":404}}}"));

        Map<String, LeadFormResponse> leads = api.batchGetLeadFormResponses(List.of("a-1", "b-2", "c-3"));

        assertThat(leads.keySet()).containsExactly("a-1", "b-2");
        assertThat(linkedIn.requests()).hasSize(1);
        assertThat(linkedIn.requests().get(0).header("X-RestLi-Method")).isEqualTo("BATCH_GET");
        assertThat(api.batchGetLeadFormResponses(List.of())).isEmpty();
        assertThat(linkedIn.requests()).hasSize(1);
    }

    @Test
    void leadNotificationsUseTheCriteriaFinderWithItsValueWrapper() {
        linkedIn.enqueue(json(201, "").withHeader("x-restli-id", "8801"),
                json(200, "{\"elements\":[{\"id\":8801,\"webhook\":\"https://h.example/l\",\"owner\":{\"sponsoredAccount\":\"" + ACCOUNT
                        + "\"},\"leadType\":\"SPONSORED\"}],\"paging\":{\"start\":0,\"count\":500,\"total\":1}}"),
                json(204, ""));
        LeadNotification subscription = new LeadNotification(99L, "https://h.example/l", LeadOwner.of(ACCOUNT), "SPONSORED", null, null);

        long id = api.createLeadNotification(subscription);
        List<LeadNotification> found = api.leadNotifications(LeadOwner.of(ACCOUNT), LeadType.SPONSORED);
        api.deleteLeadNotification(id);

        List<Recorded> calls = linkedIn.requests();
        assertThat(id).isEqualTo(8801L);
        assertThat(calls.get(0).body()).isEqualTo("{\"webhook\":\"https://h.example/l\",\"owner\":{\"sponsoredAccount\":\"" + ACCOUNT
                + "\"},\"leadType\":\"SPONSORED\"}");
        assertThat(found).singleElement().satisfies(n -> assertThat(n.sameSubscriptionAs(subscription)).isTrue());
        assertThat(calls.get(1).query()).isEqualTo("q=criteria&owner=(value:(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085))"
                + "&leadType=(leadType:SPONSORED)&start=0&count=500");
        assertThat(calls.get(2).method()).isEqualTo("DELETE");
        assertThat(calls.get(2).path()).isEqualTo("/rest/leadNotifications/8801");
        assertThat(calls.get(2).header("X-RestLi-Method")).isEqualTo("DELETE");
    }

    @Test
    void eventLeadsAreQueriedByOrganizationWithTheirEvent() {
        linkedIn.enqueue(json(200, EMPTY));

        api.leadFormResponses(LeadFormResponseQuery.of(LeadOwner.organization(2414183), LeadType.EVENT)
                .withAssociatedEntity(AssociatedEntity.event("urn:li:event:7301000000000000001"))).toList();

        assertThat(linkedIn.requests().get(0).query()).isEqualTo("q=owner&owner=(organization:urn%3Ali%3Aorganization%3A2414183)"
                + "&leadType=(leadType:EVENT)&associatedEntity=(event:urn%3Ali%3Aevent%3A7301000000000000001)&start=0&count=500");
        assertThatThrownBy(() -> LeadFormResponseQuery.of(LeadOwner.organization(1), LeadType.SPONSORED))
                .hasMessageContaining("SPONSORED leads are owned by a sponsoredAccount");
    }

    @Test
    void accountsRolesPagesAndEventsUseTheirFinders() {
        linkedIn.enqueue(json(200, "{\"elements\":[{\"account\":\"" + ACCOUNT + "\",\"role\":\"CAMPAIGN_MANAGER\"}],\"paging\":{\"start\":0,\"count\":500,\"total\":1}}"),
                json(200, "{\"elements\":[{\"organization\":\"urn:li:organization:2414183\",\"role\":\"ADMINISTRATOR\"}],\"paging\":{\"start\":0,\"count\":500,\"total\":1}}"),
                json(200, "{\"elements\":[{\"id\":7301000000000000001,\"name\":{\"localized\":{\"en_US\":\"Summit\"}}}],\"paging\":{\"start\":0,\"count\":500,\"total\":1}}"));

        List<AdAccountUser> roles = api.adAccountUsers();
        List<OrganizationAcl> pages = api.organizationAcls();
        List<Event> events = api.eventsByOrganizer("urn:li:organization:2414183").toList();

        assertThat(roles).extracting(AdAccountUser::role).containsExactly("CAMPAIGN_MANAGER");
        assertThat(pages).extracting(OrganizationAcl::role).containsExactly("ADMINISTRATOR");
        assertThat(events).extracting(e -> e.name().text()).containsExactly("Summit");
        assertThat(linkedIn.requests()).extracting(c -> c.path() + "?" + c.query()).containsExactly(
                "/rest/adAccountUsers?q=authenticatedUser&start=0&count=500",
                "/rest/organizationAcls?q=roleAssignee&state=APPROVED&start=0&count=500",
                "/rest/events?q=eventsByOrganizer&organizer=urn%3Ali%3Aorganization%3A2414183&start=0&count=500");
    }

    @Test
    void campaignAndCreativeNamesAreFetchedOnceAndCached() {
        linkedIn.enqueue(json(200, "{\"id\":198356826,\"name\":\"Q1 whitepaper\",\"account\":\"" + ACCOUNT + "\"}"),
                json(200, "{\"id\":\"urn:li:sponsoredCreative:241257736\",\"name\":\"Carousel A\",\"campaign\":\"urn:li:sponsoredCampaign:198356826\"}"));

        Campaign campaign = api.campaign(507857085, 198356826);
        api.campaign(507857085, 198356826);
        String creativeName = api.creative(507857085, "urn:li:sponsoredCreative:241257736").name();
        api.creative(507857085, "urn:li:sponsoredCreative:241257736");

        assertThat(campaign.name()).isEqualTo("Q1 whitepaper");
        assertThat(campaign.urn()).isEqualTo("urn:li:sponsoredCampaign:198356826");
        assertThat(creativeName).isEqualTo("Carousel A");
        assertThat(linkedIn.requests()).extracting(Recorded::path).containsExactly(
                "/rest/adAccounts/507857085/adCampaigns/198356826",
                "/rest/adAccounts/507857085/creatives/urn%3Ali%3AsponsoredCreative%3A241257736");
    }

    @Test
    void dmpSegmentsAreFoundByAccountAndFedInBatchCreates() {
        linkedIn.enqueue(json(200, "{\"elements\":[{\"id\":9821736,\"inputCount\":1240,\"destinations\":[{\"destination\":\"LINKEDIN\","
                        + "\"status\":\"READY\",\"audienceSize\":910,\"matchedCount\":930}]}],\"paging\":{\"start\":0,\"count\":500,\"total\":1}}"),
                json(200, "{\"elements\":[{\"status\":201},{\"status\":400,\"error\":{\"message\":\"At least one company identifier is required\"}}]}"));

        List<DmpSegment> segments = api.dmpSegments(ACCOUNT, "LEADSYNC").toList();
        List<BatchElementResult> results = api.dmpSegmentCompanies(9821736, List.of(
                new DmpCompany("ADD", "Contoso", null, "contoso.example", null, null, null, null, null, null, null, "NG"),
                new DmpCompany("ADD", "", null, null, null, null, null, null, null, null, null, null)));

        assertThat(segments).singleElement().satisfies(s -> {
            assertThat(s.readyToServe()).isTrue();
            assertThat(s.matchRate()).isEqualTo(0.75);
        });
        assertThat(results).extracting(BatchElementResult::succeeded).containsExactly(true, false);
        assertThat(results.get(1).error().message()).isEqualTo("At least one company identifier is required");
        Recorded find = linkedIn.requests().get(0);
        assertThat(find.query()).isEqualTo("q=account&account=urn%3Ali%3AsponsoredAccount%3A507857085&sourcePlatform=LEADSYNC&start=0&count=500");
        Recorded batch = linkedIn.requests().get(1);
        assertThat(batch.path()).isEqualTo("/rest/dmpSegments/9821736/companies");
        assertThat(batch.header("X-RestLi-Method")).isEqualTo("BATCH_CREATE");
        assertThat(batch.body()).isEqualTo("{\"elements\":[{\"action\":\"ADD\",\"companyName\":\"Contoso\",\"companyWebsiteDomain\":\"contoso.example\","
                + "\"country\":\"NG\"},{\"action\":\"ADD\",\"companyName\":\"\"}]}");
    }

    @Test
    void dmpBatchesAboveFiveThousandAreRejectedAndEmptyOnesCostNothing() {
        assertThatThrownBy(() -> api.dmpSegmentUsers(1, Collections.nCopies(5001, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 5000 elements, got 5001");
        assertThat(api.dmpSegmentUsers(1, List.of())).isEmpty();
        assertThat(linkedIn.requests()).isEmpty();
    }

    @Test
    void aCreateWithoutRestliIdIsReportedClearly() {
        linkedIn.enqueue(json(201, ""));

        assertThatThrownBy(() -> api.createDmpSegment(new DmpSegment(null, "n", "USER", null, null, null, ACCOUNT, null, null, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no x-restli-id");
    }

    @Test
    void requestBuilderRejectsInconsistentRequestsWithExactMessages() {
        assertThatThrownBy(() -> ApiRequest.builder().build()).isInstanceOf(NullPointerException.class).hasMessage("path == null");
        assertThatThrownBy(() -> ApiRequest.builder().path("leadForms").build()).hasMessage("path must start with '/': leadForms");
        assertThatThrownBy(() -> ApiRequest.builder().path("/leadForms").method("POST").build())
                .hasMessage("method POST must have a request body.");
        assertThatThrownBy(() -> ApiRequest.builder().path("/leadForms").body(new byte[1]).build())
                .hasMessage("method GET must not have a request body.");
        assertThatThrownBy(() -> ApiRequest.builder().path("/leadForms").method("PUT").build())
                .hasMessage("method PUT is not one LinkedIn uses (GET, POST, DELETE).");
        assertThatThrownBy(() -> ApiRequest.builder().path("/leadForms/a b").build())
                .hasMessage("path must be encoded, without query or fragment: /leadForms/a b");
        ApiRequest get = ApiRequest.builder().path("/leadForms").param("q", "owner").build();
        ApiRequest copy = get.toBuilder().param("start", 500).build();
        assertThat(get.encodedQuery()).isEqualTo("q=owner");
        assertThat(copy.encodedQuery()).isEqualTo("q=owner&start=500");
        assertThat(LocalizedString.of("en_US", "x").text()).isEqualTo("x");
    }
}
