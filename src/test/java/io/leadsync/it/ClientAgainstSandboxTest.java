package io.leadsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.camel.linkedin.api.LeadFormResponseQuery;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.NotFoundException;
import io.leadsync.camel.linkedin.auth.StaticTokenProvider;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.AdAccountUser;
import io.leadsync.camel.linkedin.model.AssociatedEntity;
import io.leadsync.camel.linkedin.model.BatchElementResult;
import io.leadsync.camel.linkedin.model.Campaign;
import io.leadsync.camel.linkedin.model.Creative;
import io.leadsync.camel.linkedin.model.DmpCompany;
import io.leadsync.camel.linkedin.model.DmpDestination;
import io.leadsync.camel.linkedin.model.DmpSegment;
import io.leadsync.camel.linkedin.model.DmpUser;
import io.leadsync.camel.linkedin.model.Event;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadNotification;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.OrganizationAcl;
import io.leadsync.camel.linkedin.model.UserId;
import io.leadsync.camel.linkedin.model.UserInfo;
import io.leadsync.sandbox.LinkedInSandbox;
import io.leadsync.sandbox.SandboxStats;
import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@link LinkedInApi} facade method against the LinkedIn sandbox over real HTTP: the client's requests must be
 * what the sandbox (the emulator of linkedin-api.md) understands, and its answers must parse into the model.
 */
class ClientAgainstSandboxTest {

    private static final long ACCOUNT = 507857085L;
    private static final long CANCELED_ACCOUNT = 507857099L;
    private static final long TRADERS_PAGE = 2414183L;
    private static final long PRODUCTS_PAGE = 2414190L;
    private static final long WHITEPAPER_FORM = 7234246L;
    private static final String EVENT_URN = "urn:li:event:7301000000000000001";
    private static final String CREATIVE_URN = "urn:li:sponsoredCreative:241257736";
    private static final int PAGE = 40;

    private static MutableClock clock;
    private static LinkedInSandbox sandbox;
    private static RecordingSleeper sleeper;
    private static LinkedInApi api;

    @BeforeAll
    static void startSandbox() {
        // one clock for both sides: the sandbox's new-segment 404 window and the client's retry window must agree
        clock = new MutableClock(Instant.now());
        sandbox = LinkedInSandbox.builder().port(0).leads(400).clock(clock).build().start();
        sleeper = new RecordingSleeper(clock);
        api = LinkedInApi.builder().settings(SandboxClients.settings(sandbox, clock, SandboxClients.EXACT_RETRIES))
                .tokenProvider(new StaticTokenProvider(sandbox.issueTokens().accessToken()))
                .sleeper(sleeper).clock(clock).pageSize(PAGE).build();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @BeforeEach
    void resetStats() {
        sandbox.resetStats();
        sleeper.clear();
    }

    // ---- accounts and permissions

    @Test
    void adAccountsFollowCursorPagesForEachStatusFilter() {
        LinkedInApi onePerPage = LinkedInApi.builder().settings(SandboxClients.settings(sandbox, clock, SandboxClients.EXACT_RETRIES))
                .tokenProvider(new StaticTokenProvider(sandbox.issueTokens().accessToken())).pageSize(1).build();

        assertThat(onePerPage.adAccounts(List.of("ACTIVE")).map(AdAccount::id)).containsExactly(ACCOUNT);
        assertThat(onePerPage.adAccounts(List.of("CANCELED")).map(AdAccount::id)).containsExactly(CANCELED_ACCOUNT);
        List<AdAccount> both = onePerPage.adAccounts(List.of("ACTIVE", "CANCELED")).toList();

        assertThat(both).extracting(AdAccount::id, AdAccount::status)
                .containsExactly(tuple(ACCOUNT, "ACTIVE"),
                        tuple(CANCELED_ACCOUNT, "CANCELED"));
        assertThat(both).extracting(AdAccount::id).containsExactlyElementsOf(
                ids(sandbox.world().get("adAccounts")));
        // one page each for the single-status searches, two pages of one (token, then no token) for both
        assertThat(sandbox.stats().calls("FINDER adAccounts", 200)).isEqualTo(4);
    }

    @Test
    void adAccountReadsOneAccount() {
        AdAccount account = api.adAccount(ACCOUNT);

        assertThat(account.name()).isEqualTo("Northwind Ads");
        assertThat(account.currency()).isEqualTo("USD");
        assertThat(account.type()).isEqualTo("BUSINESS");
        assertThat(account.reference()).isEqualTo("urn:li:organization:" + TRADERS_PAGE);
        assertThat(account.urn()).isEqualTo("urn:li:sponsoredAccount:" + ACCOUNT);
    }

    @Test
    void adAccountUsersAndOrganizationAclsAreTheMembersRoles() {
        List<AdAccountUser> users = api.adAccountUsers();
        List<OrganizationAcl> acls = api.organizationAcls();

        assertThat(users).extracting(AdAccountUser::account, AdAccountUser::role).containsExactly(
                tuple("urn:li:sponsoredAccount:" + ACCOUNT, "CAMPAIGN_MANAGER"),
                tuple("urn:li:sponsoredAccount:" + CANCELED_ACCOUNT, "VIEWER"));
        assertThat(users).extracting(AdAccountUser::user).containsOnly(sandbox.world().get("member").get("urn").asText());
        assertThat(acls).extracting(OrganizationAcl::organization, OrganizationAcl::role, OrganizationAcl::state).containsExactly(
                tuple("urn:li:organization:" + TRADERS_PAGE, "LEAD_GEN_FORMS_MANAGER", "APPROVED"),
                tuple("urn:li:organization:" + PRODUCTS_PAGE, "ADMINISTRATOR", "APPROVED"));
        assertThat(sandbox.stats().calls("FINDER adAccountUsers", 200)).isEqualTo(1);
        assertThat(sandbox.stats().calls("FINDER organizationAcls", 200)).isEqualTo(1);
    }

    @Test
    void organizationNamesAreLookedUpOnceAndAnUnknownPageHasNone() {
        assertThat(api.organizationName("urn:li:organization:2414183")).isEqualTo("Northwind Traders");
        assertThat(api.organizationName("urn:li:organization:2414183")).isEqualTo("Northwind Traders");
        assertThat(api.organizationName("urn:li:organization:2414190")).isEqualTo("Northwind Products");
        assertThat(api.organizationName("urn:li:organization:999")).isNull();
        assertThat(api.organizationName("urn:li:organization:999")).isNull();
        assertThat(sandbox.stats().calls("GET organizations", 200)).isEqualTo(2);
        assertThat(sandbox.stats().calls("GET organizations", 404)).isEqualTo(1);
    }

    @Test
    void eventsByOrganizerListOnlyThatPagesEvents() {
        List<Event> events = api.eventsByOrganizer("urn:li:organization:" + TRADERS_PAGE).toList();

        assertThat(events).hasSize(1);
        Event event = events.get(0);
        assertThat(event.urn()).isEqualTo(EVENT_URN);
        assertThat(event.organizer()).isEqualTo("urn:li:organization:" + TRADERS_PAGE);
        assertThat(event.leadGenForm()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234300,1)");
        assertThat(event.timeRangeV2()).isNotNull();
        assertThat(api.eventsByOrganizer("urn:li:organization:" + PRODUCTS_PAGE)).isEmpty();
    }

    @Test
    void campaignAndCreativeAreReadOnceAndCached() {
        Campaign campaign = api.campaign(ACCOUNT, 198356826L);
        Creative creative = api.creative(ACCOUNT, CREATIVE_URN);
        api.campaign(ACCOUNT, 198356826L);
        api.creative(ACCOUNT, CREATIVE_URN);

        assertThat(campaign.name()).isEqualTo("Q1 whitepaper: 2026 data report");
        assertThat(campaign.account()).isEqualTo("urn:li:sponsoredAccount:" + ACCOUNT);
        assertThat(creative.id()).isEqualTo(CREATIVE_URN);
        assertThat(creative.name()).isEqualTo("Whitepaper single image");
        assertThat(creative.campaign()).isEqualTo("urn:li:sponsoredCampaign:198356826");
        SandboxStats stats = sandbox.stats();
        assertThat(stats.calls("GET adAccounts/adCampaigns", 200)).isEqualTo(1);
        assertThat(stats.calls("GET adAccounts/creatives", 200)).isEqualTo(1);
    }

    // ---- lead forms

    @Test
    void leadFormsOfEachOwnerMatchTheWorld() {
        for (LeadOwner owner : List.of(LeadOwner.sponsoredAccount(ACCOUNT), LeadOwner.organization(TRADERS_PAGE),
                LeadOwner.organization(PRODUCTS_PAGE))) {
            Set<Long> expected = SandboxClients.worldForms(sandbox).stream()
                    .filter(f -> owner.urn().equals(ownerUrn(f.get("owner"))))
                    .map(f -> f.get("id").asLong()).collect(Collectors.toSet());

            List<LeadForm> forms = api.leadForms(owner).toList();

            assertThat(forms).extracting(LeadForm::id).as("forms of %s", owner.urn()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(forms).extracting(LeadForm::owner).containsOnly(owner);
        }
        assertThat(api.leadForms(LeadOwner.sponsoredAccount(ACCOUNT)).map(LeadForm::id)).contains(WHITEPAPER_FORM, 7234255L);
        assertThat(api.leadForms(LeadOwner.organization(PRODUCTS_PAGE)).map(LeadForm::id)).contains(7234320L);
    }

    @Test
    void leadFormIsTheFixturesFormAtVersionThree() {
        LeadForm expected = LinkedInJson.read(Fixtures.bytes("lead-form.json"), LeadForm.class);

        LeadForm form = api.leadForm(WHITEPAPER_FORM);

        assertThat(form).isEqualTo(expected);
        assertThat(form.versionId()).isEqualTo(3L);
        assertThat(form.versionedUrn().toString()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)");
        assertThat(form.questions()).isNotEmpty();
    }

    @Test
    void createdFormGetsANewVersionWhenEditedAndCanBeArchived() {
        LeadForm template = api.leadForm(WHITEPAPER_FORM);
        LeadForm draft = new LeadForm(null, "IT: sandbox round trip", "PUBLISHED", null, LeadOwner.sponsoredAccount(ACCOUNT),
                template.creationLocale(), template.hiddenFields(), template.content(), null, null, null);

        long id = api.createLeadForm(draft);
        LeadForm created = api.leadForm(id);

        assertThat(created.name()).isEqualTo("IT: sandbox round trip");
        assertThat(created.state()).isEqualTo("PUBLISHED");
        assertThat(created.versionId()).isEqualTo(1L);
        assertThat(created.questions()).hasSameSizeAs(template.questions());

        ObjectNode content = (ObjectNode) LinkedInJson.readTree(LinkedInJson.write(created.content()));
        content.putObject("headline").putObject("localized").put("en_US", "Edited headline");
        api.updateLeadForm(id, Map.of("content", content));
        LeadForm edited = api.leadForm(id);

        assertThat(edited.versionId()).isEqualTo(2L);
        assertThat(edited.content().headline().localized()).containsEntry("en_US", "Edited headline");

        api.archiveLeadForm(id);

        assertThat(api.leadForm(id).state()).isEqualTo("ARCHIVED");
        assertThat(api.leadForm(id).versionId()).isEqualTo(2L);
        assertThat(api.leadForms(LeadOwner.sponsoredAccount(ACCOUNT)).filter(f -> f.id() == id).map(LeadForm::state))
                .containsExactly("ARCHIVED");
        assertThat(sandbox.stats().calls("CREATE leadForms", 201)).isEqualTo(1);
        assertThat(sandbox.stats().calls("PARTIAL_UPDATE leadForms", 204)).isEqualTo(2);
    }

    // ---- leads

    @Test
    void pagingThroughEveryOwnerAndLeadTypeReadsExactlyTheWorldsLeads() {
        int total = 0;
        Set<String> ids = new HashSet<>();
        for (LeadFormResponseQuery query : List.of(
                LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(ACCOUNT), LeadType.SPONSORED),
                LeadFormResponseQuery.of(LeadOwner.organization(TRADERS_PAGE), LeadType.EVENT),
                LeadFormResponseQuery.of(LeadOwner.organization(TRADERS_PAGE), LeadType.COMPANY),
                LeadFormResponseQuery.of(LeadOwner.organization(PRODUCTS_PAGE), LeadType.ORGANIZATION_PRODUCT))) {
            List<LeadFormResponse> leads = api.leadFormResponses(query.withPageSize(PAGE)).toList();

            int expected = SandboxClients.worldLeadCount(sandbox, query.owner().urn(), query.leadType().name(), false);
            assertThat(leads).as("%s leads of %s", query.leadType(), query.owner().urn()).hasSize(expected).isNotEmpty();
            assertThat(leads).extracting(LeadFormResponse::leadType).containsOnly(query.leadType().name());
            assertThat(leads).extracting(LeadFormResponse::owner).containsOnly(query.owner());
            leads.forEach(l -> ids.add(l.id()));
            total += leads.size();
        }

        assertThat(total).isEqualTo(sandbox.world().get("leadCount").asInt()).isEqualTo(400);
        assertThat(ids).hasSize(total);
    }

    @Test
    void versionedFormFilterReturnsOnlyThatVersion() {
        String v2 = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,2)";

        List<LeadFormResponse> leads = api.leadFormResponses(sponsored().withVersionedLeadGenFormUrn(v2)).toList();

        assertThat(leads).hasSize(SandboxClients.worldVersion(sandbox, WHITEPAPER_FORM, 2).get("leadCount").asInt()).isNotEmpty();
        assertThat(leads).extracting(LeadFormResponse::versionedLeadGenFormUrn).containsOnly(v2);
        assertThat(leads).extracting(l -> l.versionedForm().versionId()).containsOnly(2L);
    }

    @Test
    void associatedEntityFilterNarrowsToACreativeOrAnEvent() {
        List<LeadFormResponse> all = api.leadFormResponses(sponsored()).toList();
        long withCreative = all.stream().filter(l -> l.associatedEntity() != null
                && CREATIVE_URN.equals(l.associatedEntity().associatedCreative())).count();

        List<LeadFormResponse> byCreative = api.leadFormResponses(sponsored()
                .withAssociatedEntity(AssociatedEntity.creative(CREATIVE_URN))).toList();
        List<LeadFormResponse> byEvent = api.leadFormResponses(LeadFormResponseQuery.of(LeadOwner.organization(TRADERS_PAGE),
                LeadType.EVENT).withPageSize(PAGE).withAssociatedEntity(AssociatedEntity.event(EVENT_URN))).toList();

        assertThat(byCreative).hasSize((int) withCreative).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(byCreative).extracting(l -> l.associatedEntity().associatedCreative()).containsOnly(CREATIVE_URN);
        assertThat(byEvent).hasSize(SandboxClients.worldLeadCount(sandbox, "urn:li:organization:" + TRADERS_PAGE, "EVENT", false));
        assertThat(byEvent).extracting(l -> l.associatedEntity().event()).containsOnly(EVENT_URN);
    }

    @Test
    void submittedAtTimeRangeKeepsOnlyLeadsInsideTheWindow() {
        List<LeadFormResponse> all = api.leadFormResponses(sponsored()).toList();
        long newest = all.stream().mapToLong(LeadFormResponse::submittedAt).max().orElseThrow();
        long start = newest - Duration.ofDays(120).toMillis();
        long end = newest - Duration.ofDays(30).toMillis();
        long inside = all.stream().filter(l -> l.submittedAt() >= start && l.submittedAt() <= end).count();

        List<LeadFormResponse> windowed = api.leadFormResponses(sponsored().withSubmittedAtTimeRange(start, end)).toList();

        assertThat(windowed).hasSize((int) inside).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(windowed).allSatisfy(l -> assertThat(l.submittedAt()).isBetween(start, end));
    }

    @Test
    void limitedToTestLeadsTrueReturnsOnlyTestLeadsAndFalseReturnsBoth() {
        String account = "urn:li:sponsoredAccount:" + ACCOUNT;

        List<LeadFormResponse> testOnly = api.leadFormResponses(sponsored().withLimitedToTestLeads(true)).toList();
        List<LeadFormResponse> both = api.leadFormResponses(sponsored().withLimitedToTestLeads(false)).toList();

        assertThat(testOnly).hasSize(SandboxClients.worldLeadCount(sandbox, account, "SPONSORED", true)).isNotEmpty();
        assertThat(testOnly).allMatch(LeadFormResponse::isTestLead);
        assertThat(both).hasSize(SandboxClients.worldLeadCount(sandbox, account, "SPONSORED", false));
        assertThat(both).anyMatch(LeadFormResponse::isTestLead).anyMatch(l -> !l.isTestLead());
    }

    @Test
    void fieldsProjectionInlinesTheLeadsOwnFormVersionAndOwnerInfo() {
        String v3 = "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)";
        LeadForm form = api.leadForm(WHITEPAPER_FORM);

        List<LeadFormResponse> leads = api.leadFormResponses(sponsored().withVersionedLeadGenFormUrn(v3)
                .withFields("id,submittedAt,versionedLeadGenFormUrn,ownerInfo,form:(hiddenFields,name,id,content)")).toList();

        assertThat(leads).isNotEmpty();
        assertThat(leads).allSatisfy(lead -> {
            assertThat(lead.id()).isNotBlank();
            assertThat(lead.submittedAt()).isNotNull();
            assertThat(lead.formResponse()).as("answers were not asked for").isNull();
            assertThat(lead.form().get("name").asText()).isEqualTo(form.name());
            assertThat(lead.form().get("content").get("questions")).hasSize(form.questions().size());
            assertThat(lead.ownerInfo().get("sponsoredAccountInfo").get("name").asText()).isEqualTo("Northwind Ads");
        });
    }

    @Test
    void oneLeadIsTheSameByIdAndByUrn() {
        LeadFormResponse listed = api.leadFormResponses(sponsored()).findFirst().orElseThrow();

        LeadFormResponse byId = api.leadFormResponse(listed.id());
        LeadFormResponse byUrn = api.leadFormResponse("urn:li:leadGenFormResponse:" + listed.id());

        assertThat(byId).isEqualTo(listed);
        assertThat(byUrn).isEqualTo(listed);
        assertThat(byId.formResponse().answers()).isNotEmpty();
        assertThat(sandbox.stats().calls("GET leadFormResponses", 200)).isEqualTo(2);
        assertThatThrownBy(() -> api.leadFormResponse("00000000-0000-0000-0000-000000000000-0"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void batchGetFetchesSeveralLeadsInOneCall() {
        List<LeadFormResponse> some = api.leadFormResponses(sponsored()).limit(5).toList();
        List<String> ids = some.stream().map(LeadFormResponse::id).toList();
        sandbox.resetStats();

        Map<String, LeadFormResponse> found = api.batchGetLeadFormResponses(ids);

        assertThat(found.keySet()).containsExactlyElementsOf(ids);
        for (LeadFormResponse lead : some) {
            assertThat(found.get(lead.id())).isEqualTo(lead);
        }
        SandboxStats stats = sandbox.stats();
        assertThat(stats.calls("BATCH_GET leadFormResponses", 200)).isEqualTo(1);
        assertThat(stats.calls("GET leadFormResponses")).isZero();
        assertThat(stats.total()).isEqualTo(1);
    }

    // ---- lead notifications

    @Test
    void leadNotificationSubscriptionIsValidatedListedReadAndDeleted() {
        LeadOwner owner = LeadOwner.sponsoredAccount(ACCOUNT);
        try (WebhookReceiver receiver = new WebhookReceiver("sandbox-client-secret-0001")) {
            long id = api.createLeadNotification(new LeadNotification(null, receiver.url(), owner, "SPONSORED",
                    "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)", null));

            assertThat(receiver.challenges()).as("LinkedIn validates the webhook before subscribing").hasSize(1);
            LeadNotification read = api.leadNotification(id);
            assertThat(read.id()).isEqualTo(id);
            assertThat(read.webhook()).isEqualTo(receiver.url());
            assertThat(read.owner()).isEqualTo(owner);
            assertThat(read.versionedForm()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)");
            assertThat(api.leadNotifications(owner, LeadType.SPONSORED)).extracting(LeadNotification::id).contains(id);

            api.deleteLeadNotification(id);

            assertThatThrownBy(() -> api.leadNotification(id)).isInstanceOf(NotFoundException.class);
            assertThat(api.leadNotifications(owner, LeadType.SPONSORED)).extracting(LeadNotification::id).doesNotContain(id);
            assertThat(sandbox.stats().calls("CREATE leadNotifications", 201)).isEqualTo(1);
            assertThat(sandbox.stats().calls("DELETE leadNotifications", 204)).isEqualTo(1);
        }
    }

    // ---- Matched Audiences

    @Test
    void newSegmentIsReadThroughLinkedInsFirstSecondsOf404s() {
        long id = api.createDmpSegment(segment("IT users", "USER", "it-users-1"));

        DmpSegment segment = api.dmpSegment(id);

        assertThat(segment.id()).isEqualTo(id);
        assertThat(segment.name()).isEqualTo("IT users");
        assertThat(segment.type()).isEqualTo("USER");
        assertThat(segment.account()).isEqualTo("urn:li:sponsoredAccount:" + ACCOUNT);
        assertThat(segment.linkedInDestination().destinationSegmentId()).startsWith("urn:li:adSegment:");
        SandboxStats stats = sandbox.stats();
        // the sandbox hides a new segment for 5 s; back-offs of 1, 2 and 4 s (no jitter) reach it on the fourth GET
        assertThat(stats.calls("GET dmpSegments", 404)).isEqualTo(3);
        assertThat(stats.calls("GET dmpSegments", 200)).isEqualTo(1);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(api.dmpSegments("urn:li:sponsoredAccount:" + ACCOUNT, "LEADSYNC").map(DmpSegment::id)).contains(id);
    }

    @Test
    void segmentUsersBatchAnswersPerElementInOrder() {
        JsonNode hashes = Fixtures.json("dmp-users-batch.json").get("emailHashes");
        long id = api.createDmpSegment(segment("IT users batch", "USER", "it-users-2"));
        List<DmpUser> users = List.of(
                user("ADD", "SHA256_EMAIL", hashes.get(0).get("sha256").asText(), "Amara"),
                user("ADD", "SHA256_EMAIL", "amara.okafor@contoso.example", "Amara"),
                user("ADD", "SHA256_EMAIL", hashes.get(1).get("sha256").asText(), "A".repeat(36)),
                user("REMOVE", "SHA512_EMAIL", hashes.get(2).get("sha512").asText(), null));

        List<BatchElementResult> results = api.dmpSegmentUsers(id, users);

        assertThat(results).extracting(BatchElementResult::status).containsExactly(201, 400, 400, 201);
        assertThat(results.get(1).error().message()).contains("not a plain email");
        assertThat(results.get(2).error().message()).contains("firstName");
        assertThat(sandbox.stats().calls("BATCH_CREATE dmpSegments/users", 200)).isEqualTo(1);
        assertThat(sandbox.stats().calls("BATCH_CREATE dmpSegments/users", 404)).as("the new segment's 404s were retried").isPositive();
    }

    @Test
    void segmentCompaniesBatchAnswersPerElementInOrder() {
        long id = api.createDmpSegment(segment("IT companies", "COMPANY", "it-companies-1"));
        List<DmpCompany> companies = List.of(
                new DmpCompany("ADD", "Contoso", "urn:li:organization:1035", "contoso.example", null, null, "CTSO",
                        List.of("Software Development"), "Lagos", null, null, "NG"),
                new DmpCompany("ADD", "Fabrikam", null, "fabrikam.example", null, null, "TOOLONG", null, null, null, null, null),
                new DmpCompany("REMOVE", null, null, "northwind.example", null, null, null, null, null, null, null, null));

        List<BatchElementResult> results = api.dmpSegmentCompanies(id, companies);

        assertThat(results).extracting(BatchElementResult::status).containsExactly(201, 400, 201);
        assertThat(results.get(1).error().message()).contains("stockSymbol");
        assertThat(api.dmpSegment(id).destinations()).extracting(DmpDestination::destination).containsExactly("LINKEDIN");
    }

    // ---- member

    @Test
    void userInfoIsTheConnectedMember() {
        UserInfo me = api.userInfo();
        JsonNode member = sandbox.world().get("member");

        assertThat(me.personUrn()).isEqualTo(member.get("urn").asText());
        assertThat(me.name()).isEqualTo(member.get("name").asText());
        assertThat(me.givenName()).isEqualTo("Dana");
        assertThat(me.familyName()).isEqualTo("Reyes");
        assertThat(me.email()).isEqualTo(member.get("email").asText());
        assertThat(sandbox.stats().calls("GET userinfo", 200)).isEqualTo(1);
    }

    // ---- helpers

    private static LeadFormResponseQuery sponsored() {
        return LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(ACCOUNT), LeadType.SPONSORED).withPageSize(PAGE);
    }

    private static DmpSegment segment(String name, String type, String sourceSegmentId) {
        return new DmpSegment(null, name, type, "LEADSYNC", sourceSegmentId, "PRIVATE", "urn:li:sponsoredAccount:" + ACCOUNT,
                null, null, null, List.of(new DmpDestination("LINKEDIN", null, null, null, null, null, null)));
    }

    private static DmpUser user(String action, String idType, String idValue, String firstName) {
        return new DmpUser(action, List.of(new UserId(idType, idValue)), firstName, null, null, null, null);
    }

    private static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get("id").asLong()).toList();
    }

    private static String ownerUrn(JsonNode owner) {
        return owner.has("sponsoredAccount") ? owner.get("sponsoredAccount").asText() : owner.get("organization").asText();
    }
}
