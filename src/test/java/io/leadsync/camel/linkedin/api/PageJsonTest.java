package io.leadsync.camel.linkedin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.leadsync.camel.linkedin.model.LeadFormResponse;
import org.junit.jupiter.api.Test;

/** A page of leads keeps each element's JSON as the response carried it (the lead's raw JSON), not a re-serialization. */
class PageJsonTest {

    private static final String FIRST = "{\"id\":\"urn:li:leadFormResponse:(urn:li:sponsoredAccount:1,a1)\", \"submittedAt\" : 1700000000000,"
            + "\"futureField\":{\"nested\":[1,2,{\"x\":\"日本語 \\\"quoted\\\"\"}]},\"testLead\":false}";
    private static final String SECOND = "{\"id\":\"urn:li:leadFormResponse:(urn:li:sponsoredAccount:1,a2)\",\"leadType\":\"SPONSORED\"}";
    private static final String BODY = "{\"paging\":{\"start\":0,\"count\":2,\"total\":7},\n \"elements\" : [ " + FIRST + " ,\n" + SECOND
            + "],\"metadata\":{\"nextPageToken\":\"t2\"},\"other\":[{\"elements\":[]}]}";

    @Test
    void eachElementKeepsTheResponsesBytesWithFieldsTheModelDoesNotKnow() {
        Page<LeadFormResponse> page = LinkedInJson.readPageKeepingJson(BODY.getBytes(StandardCharsets.UTF_8), LeadFormResponse.class);

        assertThat(page.elements()).extracting(LeadFormResponse::id)
                .containsExactly("urn:li:leadFormResponse:(urn:li:sponsoredAccount:1,a1)", "urn:li:leadFormResponse:(urn:li:sponsoredAccount:1,a2)");
        assertThat(page.elements().get(0).submittedAt()).isEqualTo(1_700_000_000_000L);
        assertThat(page.elementsJson()).containsExactly(FIRST, SECOND);
        assertThat(page.elementJson(0)).isEqualTo(FIRST);
        assertThat(List.of(page.start(), page.count(), page.total())).containsExactly(0, 2, 7);
        assertThat(page.nextPageToken()).isEqualTo("t2");
    }

    @Test
    void itReadsTheSamePageAsThePlainReader() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        Page<LeadFormResponse> kept = LinkedInJson.readPageKeepingJson(body, LeadFormResponse.class);
        Page<LeadFormResponse> plain = LinkedInJson.readPage(body, LeadFormResponse.class);

        assertThat(kept.elements()).isEqualTo(plain.elements());
        assertThat(new Page<>(kept.elements(), kept.start(), kept.count(), kept.total(), kept.nextPageToken())).isEqualTo(plain);
    }

    @Test
    void leadsOfOneFormVersionShareOneTreeOfTheirInlineFormAndOtherFormsGetTheirOwn() {
        String form = "{\"id\":7,\"versionId\":2,\"name\":\"Q1\",\"content\":{\"questions\":[{\"questionId\":1,\"name\":\"n\"}]}}";
        String other = "{\"id\":7,\"versionId\":3,\"name\":\"Q1\",\"content\":{\"questions\":[]}}";
        String body = "{\"elements\":[{\"id\":\"a\",\"form\":" + form + "},{\"id\":\"b\",\"form\":" + form + "},{\"id\":\"c\",\"form\":"
                + other + "},{\"id\":\"d\",\"form\":null},{\"id\":\"e\"}]}";

        List<LeadFormResponse> leads = LinkedInJson.readPageKeepingJson(body.getBytes(StandardCharsets.UTF_8), LeadFormResponse.class).elements();

        assertThat(leads.get(0).form()).isEqualTo(LinkedInJson.readTree(form.getBytes(StandardCharsets.UTF_8)));
        assertThat(leads.get(1).form()).isSameAs(leads.get(0).form());
        assertThat(leads.get(2).form()).isEqualTo(LinkedInJson.readTree(other.getBytes(StandardCharsets.UTF_8)));
        assertThat(leads.get(2).form().path("versionId").asLong()).isEqualTo(3);
        assertThat(leads.get(3).form().isNull()).isTrue();
        assertThat(leads.get(4).form()).isNull();
        // the same as the plain reader, which builds every tree
        assertThat(leads).isEqualTo(LinkedInJson.readPage(body.getBytes(StandardCharsets.UTF_8), LeadFormResponse.class).elements());
    }

    @Test
    void aPageWithoutElementsOrPagingIsEmpty() {
        Page<LeadFormResponse> page = LinkedInJson.readPageKeepingJson("{\"elements\":[]}".getBytes(StandardCharsets.UTF_8),
                LeadFormResponse.class);

        assertThat(page.isEmpty()).isTrue();
        assertThat(page.total()).isNull();
    }

    @Test
    void aPageBuiltWithoutTheTextWritesTheElementBack() {
        Page<LeadFormResponse> plain = LinkedInJson.readPage(BODY.getBytes(StandardCharsets.UTF_8), LeadFormResponse.class);

        assertThat(plain.elementJson(1)).isEqualTo(SECOND);
    }

    @Test
    void unreadableJsonSaysWhyWithoutQuotingTheLead() {
        byte[] broken = "{\"elements\":[{\"id\":\"secret-lead-text\",".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LinkedInJson.readPageKeepingJson(broken, LeadFormResponse.class))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("Unreadable LinkedIn JSON")
                .hasMessageNotContaining("secret-lead-text");
    }
}
