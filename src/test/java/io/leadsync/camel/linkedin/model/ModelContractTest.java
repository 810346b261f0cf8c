package io.leadsync.camel.linkedin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.api.Page;
import org.junit.jupiter.api.Test;

/** Every LinkedIn-shaped fixture reads into the model records (paged ones through the API's page reader). */
class ModelContractTest {

    private static byte[] fixture(String name) {
        try (InputStream in = ModelContractTest.class.getClassLoader().getResourceAsStream("fixtures/" + name)) {
            assertThat(in).as("fixtures/" + name + " on the classpath").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void leadFormCarriesEveryPredefinedFieldCustomQuestionHiddenFieldAndConsent() {
        LeadForm form = LinkedInJson.read(fixture("lead-form.json"), LeadForm.class);

        assertThat(form.versionedUrn().toString()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)");
        assertThat(form.owner().isSponsoredAccount()).isTrue();
        assertThat(form.owner().id()).isEqualTo(507857085L);
        assertThat(form.questions()).hasSize(8);
        assertThat(form.questions()).filteredOn(q -> !q.isCustom()).extracting(LeadFormQuestion::predefinedField)
                .containsExactly("FIRST_NAME", "LAST_NAME", "WORK_EMAIL", "COMPANY_NAME", "JOB_TITLE", "COUNTRY");
        LeadFormQuestion teamSize = form.questions().get(6);
        assertThat(teamSize.isCustom()).isTrue();
        assertThat(teamSize.isMultipleChoice()).isTrue();
        assertThat(teamSize.questionId()).isEqualTo(707234246L);
        assertThat(teamSize.questionDetails().multipleChoiceQuestionDetails().options())
                .extracting(QuestionOption::id, o -> o.text().text())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "1-5"), org.assertj.core.groups.Tuple.tuple(1, "6-20"),
                        org.assertj.core.groups.Tuple.tuple(2, "More than 20"));
        assertThat(form.questions().get(7).questionDetails().textQuestionDetails().maxResponseLength()).isEqualTo(1000);
        assertThat(form.hiddenFields()).extracting(HiddenField::name, HiddenField::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("utm_source", "linkedin"),
                        org.assertj.core.groups.Tuple.tuple("utm_campaign", "q1-whitepaper"));
        assertThat(form.consents()).extracting(Consent::id, Consent::checkRequired, c -> c.consent().text())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, true, "I agree to receive the report by email."),
                        org.assertj.core.groups.Tuple.tuple(1L, false, "Send me product news."));
        assertThat(form.content().legalInfo().privacyPolicyUrl()).isEqualTo("https://northwind.example.com/privacy");
        assertThat(form.reviewInfo().path("reviewStatus").asText()).isEqualTo("APPROVED");
    }

    @Test
    void leadFormsPageReadsOnceItsAbbreviatedQuestionsAreRestored() {
        // lead-forms-page.json abbreviates the first form's questions with a string LinkedIn never sends;
        // put lead-form.json's questions back before reading
        ObjectNode page = (ObjectNode) LinkedInJson.readTree(fixture("lead-forms-page.json"));
        JsonNode fullQuestions = LinkedInJson.readTree(fixture("lead-form.json")).path("content").path("questions");
        ((ObjectNode) page.path("elements").get(0).path("content")).set("questions", fullQuestions);

        Page<LeadForm> forms = LinkedInJson.readPage(LinkedInJson.write(page), LeadForm.class);

        assertThat(forms.total()).isEqualTo(2);
        assertThat(forms.elements()).extracting(LeadForm::id, LeadForm::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7234246L, "PUBLISHED"), org.assertj.core.groups.Tuple.tuple(7234255L, "ARCHIVED"));
        assertThat(forms.elements().get(0).questions()).hasSize(8);
        assertThat(forms.elements().get(1).questions()).isEmpty();
        assertThat(forms.elements().get(1).content().headline().text()).isEqualTo("Demo anfragen");
        assertThat(forms.elements().get(1).creationLocale().language()).isEqualTo("de");
    }

    @Test
    void leadResponsesCarryAnswersOptionIdsConsentsAndMetadata() {
        Page<LeadFormResponse> page = LinkedInJson.readPage(fixture("lead-responses-page.json"), LeadFormResponse.class);

        assertThat(page.elements()).hasSize(2);
        assertThat(page.start()).isZero();
        assertThat(page.count()).isEqualTo(2);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.nextPageToken()).isNull();
        LeadFormResponse lead = page.elements().get(0);
        assertThat(lead.owner().urn()).isEqualTo("urn:li:sponsoredAccount:507857085");
        assertThat(lead.submittedAt()).isEqualTo(1763900000123L);
        assertThat(lead.isTestLead()).isFalse();
        assertThat(lead.testLead()).isFalse();
        assertThat(lead.versionedForm()).isEqualTo(new VersionedLeadGenFormUrn(7234246, 3));
        assertThat(lead.campaignUrn()).isEqualTo("urn:li:sponsoredCampaign:198356826");
        assertThat(lead.associatedEntity().associatedCreative()).isEqualTo("urn:li:sponsoredCreative:241257736");
        List<Answer> answers = lead.formResponse().answers();
        assertThat(answers).hasSize(8);
        assertThat(answers.get(2).answerDetails().textQuestionAnswer().answer()).isEqualTo("Amara.Okafor@Contoso.example");
        assertThat(answers.get(6).answerDetails().multipleChoiceAnswer().options()).containsExactly(2);
        assertThat(answers.get(7).answerDetails().textQuestionAnswer().answer()).isEqualTo("Stitching ad data to CRM, \"fast\"; 日本語 too");
        assertThat(lead.formResponse().consentResponses()).extracting(ConsentResponse::consentId, ConsentResponse::accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, true), org.assertj.core.groups.Tuple.tuple(1L, false));
        LeadFormResponse test = page.elements().get(1);
        assertThat(test.isTestLead()).isTrue();
        assertThat(test.versionedForm().versionId()).isEqualTo(2);
    }

    @Test
    void eventLeadIsOwnedByTheOrganizationAndNamesItsEvent() {
        LeadFormResponse lead = LinkedInJson.read(fixture("lead-event.json"), LeadFormResponse.class);

        assertThat(lead.leadType()).isEqualTo(LeadType.EVENT.name());
        assertThat(lead.owner().isSponsoredAccount()).isFalse();
        assertThat(lead.owner().organization()).isEqualTo("urn:li:organization:2414183");
        assertThat(lead.associatedEntity().event()).isEqualTo("urn:li:event:7301000000000000001");
        assertThat(lead.formResponse().answers()).extracting(Answer::questionId).containsExactly(401L, 402L, 403L);
        assertThat(lead.formResponse().consentResponses()).isEmpty();
        assertThat(lead.campaignUrn()).isNull();
    }

    @Test
    void accountsRolesPagesAndEventsRead() {
        Page<AdAccount> accounts = LinkedInJson.readPage(fixture("ad-accounts.json"), AdAccount.class);
        assertThat(accounts.nextPageToken()).isEqualTo("CAEQAA");
        assertThat(accounts.total()).isNull();
        assertThat(accounts.elements()).extracting(AdAccount::id, AdAccount::status, AdAccount::currency)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(507857085L, "ACTIVE", "USD"),
                        org.assertj.core.groups.Tuple.tuple(507857099L, "CANCELED", "EUR"));
        assertThat(accounts.elements().get(0).urn()).isEqualTo("urn:li:sponsoredAccount:507857085");
        assertThat(accounts.elements().get(0).reference()).isEqualTo("urn:li:organization:2414183");
        assertThat(accounts.elements().get(0).test()).isFalse();

        Page<AdAccountUser> users = LinkedInJson.readPage(fixture("ad-account-users.json"), AdAccountUser.class);
        assertThat(users.elements()).extracting(AdAccountUser::role).containsExactly("CAMPAIGN_MANAGER", "VIEWER");
        assertThat(users.elements().get(0).user()).isEqualTo("urn:li:person:aB3dE5fG7h");

        Page<OrganizationAcl> acls = LinkedInJson.readPage(fixture("organization-acls.json"), OrganizationAcl.class);
        assertThat(acls.elements()).singleElement().satisfies(acl -> {
            assertThat(acl.role()).isEqualTo("LEAD_GEN_FORMS_MANAGER");
            assertThat(acl.state()).isEqualTo("APPROVED");
            assertThat(acl.organization()).isEqualTo("urn:li:organization:2414183");
        });

        Page<Event> events = LinkedInJson.readPage(fixture("events.json"), Event.class);
        Event event = events.elements().get(0);
        assertThat(event.id()).isEqualTo(7301000000000000001L);
        assertThat(event.urn()).isEqualTo("urn:li:event:7301000000000000001");
        assertThat(event.name().text()).isEqualTo("Northwind Data Summit");
        assertThat(event.timeRangeV2().startAt()).isEqualTo(1767261600000L);
        assertThat(VersionedLeadGenFormUrn.parse(event.leadGenForm())).isEqualTo(new VersionedLeadGenFormUrn(7234300, 1));
    }

    @Test
    void notificationsSubscriptionsAndDeliveriesRead() {
        LeadNotification subscribe = LinkedInJson.read(fixture("lead-notification-subscribe.json"), LeadNotification.class);
        assertThat(subscribe.owner()).isEqualTo(LeadOwner.sponsoredAccount(507857085));
        assertThat(subscribe.webhook()).isEqualTo("https://leads.northwind.example.com/linkedin/leads");

        Page<LeadNotification> subscriptions = LinkedInJson.readPage(fixture("lead-notifications-page.json"), LeadNotification.class);
        assertThat(subscriptions.elements()).extracting(LeadNotification::id).containsExactly(8801L, 8802L);
        assertThat(subscriptions.elements().get(0).sameSubscriptionAs(subscribe.withoutId())).isTrue();
        assertThat(subscriptions.elements().get(1).versionedForm()).isEqualTo("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234246,3)");

        LeadActionNotification created = LinkedInJson.read(fixture("notification-created.json"), LeadActionNotification.class);
        assertThat(created.leadAction()).isEqualTo("CREATED");
        assertThat(created.leadId()).isEqualTo("249592fc-d272-44ba-a7db-c2bdce579507-6");
        assertThat(created.occurredAtMillis()).isEqualTo(1763900000456L);
        assertThat(created.owner().sponsoredAccount()).isEqualTo("urn:li:sponsoredAccount:507857085");

        LeadActionNotification deleted = LinkedInJson.read(fixture("notification-deleted.json"), LeadActionNotification.class);
        assertThat(deleted.leadAction()).isEqualTo("DELETED");
        assertThat(deleted.leadId()).isEqualTo("c0ffee00-1111-2222-3333-444455556666-2");
        assertThat(deleted.associatedEntity().event()).isEqualTo("urn:li:event:7301000000000000001");
        LeadActionNotification inSeconds = new LeadActionNotification(null, null, null, null, null, null, null, 1763990000L);
        assertThat(inSeconds.occurredAtMillis()).isEqualTo(1763990000000L);
    }

    @Test
    void segmentsReportMatchRateAndReadiness() {
        Page<DmpSegment> segments = LinkedInJson.readPage(fixture("dmp-segments-page.json"), DmpSegment.class);
        DmpSegment ready = segments.elements().get(0);
        DmpSegment building = segments.elements().get(1);

        assertThat(ready.status()).isEqualTo("READY");
        assertThat(ready.matchRate()).isEqualTo(930.0 / 1240);
        assertThat(ready.readyToServe()).isTrue();
        assertThat(ready.linkedInDestination().destinationSegmentId()).isEqualTo("urn:li:adSegment:8596576");
        assertThat(building.status()).isEqualTo("BUILDING");
        assertThat(building.matchRate()).isZero();
        assertThat(building.readyToServe()).isFalse();

        DmpSegment create = LinkedInJson.read(fixture("dmp-segment-create.json"), DmpSegment.class);
        assertThat(create.id()).isNull();
        assertThat(create.type()).isEqualTo("USER");
        assertThat(create.destinations()).extracting(DmpDestination::destination).containsExactly("LINKEDIN");
        assertThat(LinkedInJson.readTree(LinkedInJson.write(create))).isEqualTo(LinkedInJson.readTree(fixture("dmp-segment-create.json")));
    }

    @Test
    void userAndCompanyBatchesRoundTripAndEmailHashesMatch() throws NoSuchAlgorithmException {
        JsonNode users = LinkedInJson.readTree(fixture("dmp-users-batch.json"));
        List<DmpUser> request = List.of(LinkedInJson.convert(users.path("request").path("elements"), DmpUser[].class));
        assertThat(request).extracting(DmpUser::action).containsExactly("ADD", "REMOVE");
        assertThat(request.get(0).userIds()).singleElement().extracting(UserId::idType).isEqualTo("SHA256_EMAIL");
        assertThat(request.get(0).country()).isEqualTo("NG");
        assertThat(LinkedInJson.readTree(LinkedInJson.write(request))).isEqualTo(users.path("request").path("elements"));
        Page<BatchElementResult> userResults = LinkedInJson.readPage(LinkedInJson.write(users.path("response")), BatchElementResult.class);
        assertThat(userResults.elements()).allMatch(BatchElementResult::succeeded);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (JsonNode hash : users.path("emailHashes")) {
            String normalized = hash.path("input").asText().trim().toLowerCase();
            assertThat(normalized).isEqualTo(hash.path("normalized").asText());
            assertThat(HexFormat.of().formatHex(sha256.digest(normalized.getBytes(StandardCharsets.UTF_8)))).isEqualTo(hash.path("sha256").asText());
        }
        assertThat(request.get(0).userIds().get(0).idValue()).isEqualTo(users.path("emailHashes").get(0).path("sha256").asText());

        JsonNode companies = LinkedInJson.readTree(fixture("dmp-companies-batch.json"));
        DmpCompany[] companyRequest = LinkedInJson.convert(companies.path("request").path("elements"), DmpCompany[].class);
        assertThat(companyRequest[0].organizationUrn()).isEqualTo("urn:li:organization:1035");
        assertThat(companyRequest[0].industries()).containsExactly("Software Development");
        assertThat(companyRequest[0].stockSymbol()).isEqualTo("CTSO");
        Page<BatchElementResult> companyResults = LinkedInJson.readPage(LinkedInJson.write(companies.path("response")), BatchElementResult.class);
        assertThat(companyResults.elements()).extracting(BatchElementResult::succeeded).containsExactly(true, false);
        assertThat(companyResults.elements().get(1).error().message()).isEqualTo("At least one company identifier is required");
    }

    @Test
    void userInfoReadsOpenIdClaims() {
        UserInfo me = LinkedInJson.read(fixture("userinfo.json"), UserInfo.class);

        assertThat(me.personUrn()).isEqualTo("urn:li:person:aB3dE5fG7h");
        assertThat(me.givenName()).isEqualTo("Dana");
        assertThat(me.familyName()).isEqualTo("Reyes");
        assertThat(me.emailVerified()).isTrue();
        assertThat(me.locale().country()).isEqualTo("US");
    }

    @Test
    void oauthAndWebhookFixturesHaveTheFieldsTheAuthAndWebhookCodeRelyOn() {
        // these belong to the auth and webhook packages (no model record); check the fields they read are present
        JsonNode token = LinkedInJson.readTree(fixture("token-response.json"));
        assertThat(token.path("expires_in").asLong()).isEqualTo(5_184_000L);
        assertThat(token.path("refresh_token_expires_in").asLong()).isEqualTo(31_536_000L);
        assertThat(LinkedInJson.readTree(fixture("token-error-invalid-grant.json")).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(LinkedInJson.readTree(fixture("introspect-active.json")).path("active").asBoolean()).isTrue();
        assertThat(LinkedInJson.readTree(fixture("introspect-expired.json")).path("status").asText()).isEqualTo("expired");
        assertThat(LinkedInJson.readTree(fixture("webhook-signing.json")).path("challenge").path("response").path("challengeCode").asText())
                .isEqualTo("7a3f2c9e-4b1d-4e8a-9c6f-2d5b8e1a0f37");
        assertThat(LinkedInJson.readTree(fixture("errors.json")).size()).isEqualTo(11);
    }

    @Test
    void unknownFieldsFromNewerVersionsAreTolerated() {
        ObjectNode lead = (ObjectNode) LinkedInJson.readTree(fixture("lead-event.json"));
        lead.put("someFieldOfVersion202701", "x");
        ((ObjectNode) lead.path("owner")).put("newOwnerFlag", true);
        ((ArrayNode) lead.path("formResponse").path("answers")).addObject().put("questionId", 404).putObject("answerDetails")
                .putObject("dateQuestionAnswer").put("answer", "2026-01-01");
        ObjectNode page = LinkedInJson.readTree("{\"elements\":[],\"paging\":{\"start\":0,\"count\":10,\"links\":[{\"rel\":\"next\"}]},\"extra\":1}"
                .getBytes(StandardCharsets.UTF_8)).deepCopy();
        ((ArrayNode) page.path("elements")).add(lead);

        Page<LeadFormResponse> read = LinkedInJson.readPage(LinkedInJson.write(page), LeadFormResponse.class);

        LeadFormResponse tolerated = read.elements().get(0);
        assertThat(tolerated.owner().organization()).isEqualTo("urn:li:organization:2414183");
        assertThat(tolerated.formResponse().answers()).hasSize(4);
        assertThat(tolerated.formResponse().answers().get(3).answerDetails().textQuestionAnswer()).isNull();
    }
}
