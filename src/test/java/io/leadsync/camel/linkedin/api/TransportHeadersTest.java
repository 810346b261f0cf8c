package io.leadsync.camel.linkedin.api;

import static io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.leadsync.camel.linkedin.api.ScriptedLinkedIn.Recorded;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;
import io.leadsync.camel.linkedin.model.UserInfo;
import org.junit.jupiter.api.Test;

/** The headers every call carries, and query tunneling past 4000 characters. */
class TransportHeadersTest extends ScriptedApiTestSupport {

    private static final String EMPTY_PAGE = "{\"elements\":[],\"paging\":{\"start\":0,\"count\":500,\"links\":[]}}";

    @Test
    void everyRestCallCarriesBearerVersionAndProtocolHeaders() {
        linkedIn.enqueue(json(200, EMPTY_PAGE));

        assertThat(api.leadForms(LeadOwner.sponsoredAccount(507857085)).toList()).isEmpty();

        Recorded call = linkedIn.requests().get(0);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.path()).isEqualTo("/rest/leadForms");
        assertThat(call.query()).isEqualTo("q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)&start=0&count=500");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + TestTokens.FIRST);
        assertThat(call.header("LinkedIn-Version")).isEqualTo(LinkedInApiSettings.DEFAULT_VERSION).isEqualTo("202610");
        assertThat(call.header("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
        assertThat(call.header("X-RestLi-Method")).isEqualTo("FINDER");
    }

    @Test
    void configuredVersionIsSent() {
        linkedIn.enqueue(json(200, "{\"id\":1}"));
        LinkedInApi versioned = apiBuilder().settings(linkedIn.settings().toBuilder().version("202511").build()).build();

        versioned.leadForm(1);

        assertThat(linkedIn.requests().get(0).header("LinkedIn-Version")).isEqualTo("202511");
        assertThat(linkedIn.requests().get(0).header("X-RestLi-Method")).isNull();
    }

    @Test
    void legacyUserinfoCarriesBearerButNoRestLiVersion() {
        linkedIn.enqueue(json(200, "{\"sub\":\"aB3dE5fG7h\",\"name\":\"Dana Reyes\"}"));

        UserInfo me = api.userInfo();

        Recorded call = linkedIn.requests().get(0);
        assertThat(me.personUrn()).isEqualTo("urn:li:person:aB3dE5fG7h");
        assertThat(call.path()).isEqualTo("/v2/userinfo");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + TestTokens.FIRST);
        assertThat(call.header("LinkedIn-Version")).isNull();
    }

    @Test
    void longQueryIsTunneledThroughPostWithMethodOverride() {
        List<String> ids = IntStream.range(0, 120).mapToObj(i -> "249592fc-d272-44ba-a7db-c2bdce5795" + String.format("%02d", i % 100) + "-" + i).toList();
        linkedIn.enqueue(json(200, "{\"results\":{},\"errors\":{}}"));

        api.batchGetLeadFormResponses(ids);

        Recorded call = linkedIn.requests().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/rest/leadFormResponses");
        assertThat(call.query()).isNull();
        assertThat(call.header("X-HTTP-Method-Override")).isEqualTo("GET");
        assertThat(call.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(call.header("X-RestLi-Method")).isEqualTo("BATCH_GET");
        assertThat(call.body().length()).isGreaterThan(Transport.MAX_QUERY_LENGTH);
        assertThat(call.body()).startsWith("ids=List(249592fc-d272-44ba-a7db-c2bdce579500-0,");
        String decoded = URLDecoder.decode(call.body().substring("ids=List(".length(), call.body().length() - 1), StandardCharsets.UTF_8);
        assertThat(decoded.split(",")).containsExactlyElementsOf(ids);
    }

    @Test
    void shortQueryStaysAGet() {
        linkedIn.enqueue(json(200, "{\"results\":{\"a-1\":{\"id\":\"a-1\"}},\"errors\":{}}"));

        assertThat(api.batchGetLeadFormResponses(List.of("a-1", "b-2"))).containsOnlyKeys("a-1");

        Recorded call = linkedIn.requests().get(0);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.query()).isEqualTo("ids=List(a-1,b-2)");
        assertThat(call.header("X-HTTP-Method-Override")).isNull();
    }

    @Test
    void leadQueryEncodesEveryCriterionAndSendsProjectionUnencoded() {
        linkedIn.enqueue(json(200, EMPTY_PAGE));
        LeadFormResponseQuery query = LeadFormResponseQuery.of(LeadOwner.sponsoredAccount(507857085), LeadType.SPONSORED)
                .withVersionedLeadGenFormUrn("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)")
                .withSubmittedAtTimeRange(1700000000000L, 1700086400000L)
                .withLimitedToTestLeads(true).withPageSize(1000).withFields("id,form:(hiddenFields,name)");

        List<LeadFormResponse> leads = new ArrayList<>();
        api.leadFormResponsePages(query).forEachRemaining(p -> leads.addAll(p.elements()));

        assertThat(leads).isEmpty();
        assertThat(linkedIn.requests().get(0).query()).isEqualTo("q=owner"
                + "&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A507857085)"
                + "&leadType=(leadType:SPONSORED)"
                + "&versionedLeadGenFormUrn=urn%3Ali%3AversionedLeadGenForm%3A%28urn%3Ali%3AleadGenForm%3A7234246%2C3%29"
                + "&limitedToTestLeads=true"
                + "&fields=id,form:(hiddenFields,name)"
                + "&submittedAtTimeRange=(start:1700000000000,end:1700086400000)"
                + "&start=0&count=1000");
    }
}
