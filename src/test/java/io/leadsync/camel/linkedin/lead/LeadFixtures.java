package io.leadsync.camel.linkedin.lead;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormContent;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;

/** The LinkedIn fixtures on the test classpath, and the leads and form versions the tests build from them. */
public final class LeadFixtures {

    public static final ObjectMapper MAPPER = LeadJson.mapper();
    public static final long FORM_ID = 7234246L;
    public static final VersionedLeadGenFormUrn V2 = new VersionedLeadGenFormUrn(FORM_ID, 2);
    public static final VersionedLeadGenFormUrn V3 = new VersionedLeadGenFormUrn(FORM_ID, 3);
    public static final String V3_LEAD_ID = "249592fc-d272-44ba-a7db-c2bdce579507-6";
    public static final String V2_LEAD_ID = "5f0c2a71-3b8e-4c1d-9e2f-8a7b6c5d4e3f-1";
    /** The questions version 3 added (README of the fixtures): company, job title, country, the free-text custom one. */
    public static final Set<Long> ADDED_IN_V3 = Set.of(307234249L, 307234250L, 307234251L, 707234247L);

    private LeadFixtures() {
    }

    public static String text(String resource) {
        try (InputStream in = LeadFixtures.class.getClassLoader().getResourceAsStream("fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String resource) {
        try {
            return MAPPER.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LeadForm formV3() {
        return read(json("lead-form.json"), LeadForm.class);
    }

    /** Version 2: version 3 without the questions it added. */
    public static LeadForm formV2() {
        LeadForm v3 = formV3();
        List<LeadFormQuestion> questions = v3.questions().stream().filter(q -> !ADDED_IN_V3.contains(q.questionId())).toList();
        LeadFormContent c = v3.content();
        return new LeadForm(v3.id(), v3.name(), v3.state(), 2L, v3.owner(), v3.creationLocale(), v3.hiddenFields(),
                new LeadFormContent(c.headline(), c.description(), questions, c.legalInfo(), c.postSubmissionInfo()),
                v3.created(), v3.lastModified(), v3.reviewInfo());
    }

    /** The JSON of the n-th lead of {@code lead-responses-page.json}, as LinkedIn sent it. */
    public static JsonNode pageLead(int index) {
        return json("lead-responses-page.json").get("elements").get(index);
    }

    public static LeadFormResponse response(JsonNode lead) {
        return read(lead, LeadFormResponse.class);
    }

    public static LeadActionNotification notification(String resource) {
        return read(json(resource), LeadActionNotification.class);
    }

    /** A context that knows versions 2 and 3 of the fixture form and a few names. */
    public static FakeLeadContext context() {
        return new FakeLeadContext()
                .form(formV2()).form(formV3())
                .name("urn:li:sponsoredAccount:507857085", "Northwind Ads")
                .name("urn:li:sponsoredCampaign:198356826", "Q1 whitepaper campaign")
                .name("urn:li:organization:2414183", "Fabrikam")
                .name("urn:li:event:7301000000000000001", "Fabrikam Data Summit");
    }

    /** The v3 lead and the v2 test lead of the page, normalized as polled. */
    public static List<Lead> normalizedPage() {
        LeadNormalizer normalizer = new LeadNormalizer(context());
        return List.of(normalize(normalizer, pageLead(0)), normalize(normalizer, pageLead(1)));
    }

    public static Lead normalize(LeadNormalizer normalizer, JsonNode lead) {
        return normalizer.normalize(response(lead), lead.toString(), LeadSource.POLL);
    }
}
