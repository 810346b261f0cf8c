package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadsync.app.SalesforceFake.Refusal;
import io.leadsync.app.SalesforceFake.Request;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadAction;
import io.leadsync.camel.linkedin.ledger.JdbcLeadDeliveryRepository;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.lead.LeadSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routes/leads-to-salesforce.yaml as the app loads it (camel-main, the YAML file, camel.component.salesforce.*
 * properties), with the real camel-salesforce component talking to {@link SalesforceFake}.
 */
class LeadsToSalesforceTest {

    private static final String API_VERSION = "62.0";
    private static final String LEAD_BY_LINKEDIN_ID = "/services/data/v" + API_VERSION + "/sobjects/Lead/LinkedIn_Lead_Id__c/";

    @TempDir
    Path tempDir;

    private SalesforceFake salesforce;
    private JdbcConnectionPool dataSource;
    private DeadLetters deadLetters;
    private Main main;

    @BeforeEach
    void startSalesforce() throws Exception {
        salesforce = new SalesforceFake();
        dataSource = JdbcConnectionPool.create("jdbc:h2:mem:sf-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        deadLetters = new DeadLetters(dataSource, "salesforce");
    }

    @AfterEach
    void stopAll() {
        if (main != null) {
            main.stop();
        }
        salesforce.close();
        dataSource.dispose();
    }

    @Test
    void upsertsEachLeadOnItsLinkedInLeadIdWithTheFieldsMapped() throws Exception {
        start(Map.of());

        send(LeadFixtures.normalizedPage());

        assertThat(salesforce.requests()).filteredOn(r -> r.path().equals("/services/oauth2/token")).hasSize(1);
        List<Request> upserts = salesforce.sObjectRequests();
        assertThat(upserts).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PATCH", LEAD_BY_LINKEDIN_ID + LeadFixtures.V3_LEAD_ID),
                org.assertj.core.groups.Tuple.tuple("PATCH", LEAD_BY_LINKEDIN_ID + LeadFixtures.V2_LEAD_ID));
        assertThat(upserts).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + SalesforceFake.ACCESS_TOKEN);
            assertThat(r.contentType()).startsWith("application/json");
        });

        Map<String, Object> amara = upserts.get(0).json();
        assertThat(amara).containsEntry("FirstName", "Amara").containsEntry("LastName", "Okafor")
                .containsEntry("Email", "Amara.Okafor@Contoso.example").containsEntry("Company", "Contoso")
                .containsEntry("Title", "Head of Data").containsEntry("Country", "Nigeria").containsEntry("LeadSource", "LinkedIn")
                .containsEntry("LinkedIn_Form_Id__c", 7234246).containsEntry("LinkedIn_Campaign_Name__c", "Q1 whitepaper campaign")
                .containsEntry("LinkedIn_Submitted_At__c", "2025-11-23T12:13:20.123Z").containsEntry("LinkedIn_Test_Lead__c", false);
        // the external id travels in the URL only; unanswered fields are left out so that an update never blanks them
        assertThat(amara).doesNotContainKeys("LinkedIn_Lead_Id__c", "Phone", "City", "LinkedIn_Field_Errors__c");

        Map<String, Object> testLead = upserts.get(1).json();
        assertThat(testLead).containsEntry("FirstName", "Test").containsEntry("LastName", "Lead")
                .containsEntry("Email", "test.lead@northwind.example.com").containsEntry("Company", "Unknown")
                .containsEntry("LinkedIn_Test_Lead__c", true).doesNotContainKey("Title");

        assertThat(salesforce.recordCount()).isEqualTo(2);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void sendingTheSameLeadsAgainSendsNothingTwice() throws Exception {
        start(Map.of());
        List<Lead> page = LeadFixtures.normalizedPage();

        send(page);
        send(page);

        assertThat(salesforce.sObjectRequests()).as("the delivery ledger knows both leads are in Salesforce")
                .extracting(Request::externalId).containsExactly(LeadFixtures.V3_LEAD_ID, LeadFixtures.V2_LEAD_ID);
        assertThat(salesforce.recordCount()).isEqualTo(2);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void aWithdrawnLeadIsNeverUpsertedAgainEvenWhenItsWithdrawalCameFirst() throws Exception {
        start(Map.of());
        Lead lead = LeadFixtures.normalizedPage().get(0);
        Lead withdrawal = new Lead(lead.id(), LeadAction.DELETED, lead.leadType(), lead.ownerUrn(), lead.formId(), lead.formVersion(),
                null, null, false, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                LeadSource.WEBHOOK);

        send(List.of(withdrawal));
        send(List.of(lead));
        send(List.of(withdrawal));

        assertThat(salesforce.sObjectRequests()).as("one delete, no upsert, no second delete")
                .extracting(Request::method, Request::externalId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", lead.id()));
        assertThat(salesforce.recordCount()).isZero();
    }

    @Test
    void aFieldThatFailsToMapIsRecordedOnTheLeadWhichIsStillUpserted() throws Exception {
        Path mapping = tempDir.resolve("salesforce-lead.properties");
        Files.writeString(mapping, String.join("\n",
                "LastName=LAST_NAME|const:Unknown",
                "Company=COMPANY_NAME|const:Unknown",
                "Email=WORK_EMAIL:trim:lower",
                "NumberOfEmployees=FIRST_NAME:int",
                "LinkedIn_Lead_Id__c=meta:leadId"));
        start(Map.of("leadsync.salesforce.mapping", mapping.toString(),
                "leadsync.salesforce.field-errors-field", "LinkedIn_Field_Errors__c"));

        send(List.of(LeadFixtures.normalizedPage().get(0)));

        List<Request> upserts = salesforce.sObjectRequests();
        assertThat(upserts).singleElement().satisfies(r -> assertThat(r.externalId()).isEqualTo(LeadFixtures.V3_LEAD_ID));
        Map<String, Object> body = upserts.get(0).json();
        assertThat(body).containsEntry("LastName", "Okafor").containsEntry("Company", "Contoso")
                .containsEntry("Email", "amara.okafor@contoso.example")
                .containsEntry("LinkedIn_Field_Errors__c", "NumberOfEmployees: value of FIRST_NAME is not an integer")
                .doesNotContainKeys("NumberOfEmployees", "FirstName", "LinkedIn_Lead_Id__c");
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void aLeadSalesforceRefusesIsDeadLetteredWithItsMessageAndTheOthersGoOn() throws Exception {
        salesforce.refuse(LeadFixtures.V3_LEAD_ID, 1, new Refusal(400, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Leads from Nigeria need a phone number", List.of("Phone")));
        start(Map.of());

        send(LeadFixtures.normalizedPage());

        // a 400 repeats identically: sent once, not redelivered
        assertThat(salesforce.sObjectRequests()).extracting(Request::externalId)
                .containsExactly(LeadFixtures.V3_LEAD_ID, LeadFixtures.V2_LEAD_ID);
        assertThat(salesforce.record("Lead", "LinkedIn_Lead_Id__c", LeadFixtures.V3_LEAD_ID)).isNull();
        assertThat(salesforce.record("Lead", "LinkedIn_Lead_Id__c", LeadFixtures.V2_LEAD_ID)).containsEntry("LastName", "Lead");
        assertThat(deadLetterReasons()).containsExactly(Map.entry(LeadFixtures.V3_LEAD_ID,
                "Salesforce 400 FIELD_CUSTOM_VALIDATION_EXCEPTION: Leads from Nigeria need a phone number [fields: Phone]"));
        assertThat(deadLetters.all()).singleElement().satisfies(lead -> assertThat(lead.field("FIRST_NAME")).isEqualTo("Amara"));

        // the validation rule is fixed in Salesforce: the replay sends the lead again and empties the dead letters
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = main.getCamelContext().createProducerTemplate()
                .requestBody("direct:salesforce-dead-letter-replay", null, Map.class);
        assertThat(answer).containsEntry("replayed", 1).containsEntry("deadLetters", 0);
        assertThat(salesforce.record("Lead", "LinkedIn_Lead_Id__c", LeadFixtures.V3_LEAD_ID)).containsEntry("FirstName", "Amara");
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void aDeadLetterThatCannotBeWrittenFailsTheExchangeSoThePollKeepsItsWatermark() throws Exception {
        salesforce.refuse(LeadFixtures.V3_LEAD_ID, 1, new Refusal(400, "INVALID_EMAIL_ADDRESS", "Email: invalid email address", List.of("Email")));
        start(Map.of());
        // the table exists and has been checked once (as at the app's start), then it goes away
        assertThat(deadLetters.count()).isZero();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DROP TABLE " + DeadLetters.TABLE)) {
            ps.execute();
        }

        assertThatThrownBy(() -> send(LeadFixtures.normalizedPage())).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(java.sql.SQLException.class);
        // the failure is reported once the page is done: the other lead still went to Salesforce
        assertThat(salesforce.record("Lead", "LinkedIn_Lead_Id__c", LeadFixtures.V2_LEAD_ID)).isNotNull();
    }

    @Test
    void aPassingSalesforceOutageIsRedeliveredUntilTheLeadIsUpserted() throws Exception {
        salesforce.refuse(LeadFixtures.V2_LEAD_ID, 2, new Refusal(503, "SERVER_UNAVAILABLE", "Service unavailable", List.of()));
        start(Map.of("leadsync.salesforce.maximum-redeliveries", "3"));

        send(LeadFixtures.normalizedPage());

        assertThat(salesforce.sObjectRequests()).extracting(Request::externalId)
                .containsExactly(LeadFixtures.V3_LEAD_ID, LeadFixtures.V2_LEAD_ID, LeadFixtures.V2_LEAD_ID, LeadFixtures.V2_LEAD_ID);
        assertThat(salesforce.recordCount()).isEqualTo(2);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void aLeadStillFailingAfterTheRedeliveriesIsDeadLettered() throws Exception {
        salesforce.refuse(LeadFixtures.V3_LEAD_ID, 10, new Refusal(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred", List.of()));
        start(Map.of("leadsync.salesforce.maximum-redeliveries", "2"));

        send(LeadFixtures.normalizedPage());

        assertThat(salesforce.sObjectRequests()).extracting(Request::externalId)
                .containsExactly(LeadFixtures.V3_LEAD_ID, LeadFixtures.V3_LEAD_ID, LeadFixtures.V3_LEAD_ID, LeadFixtures.V2_LEAD_ID);
        assertThat(deadLetterReasons()).containsExactly(Map.entry(LeadFixtures.V3_LEAD_ID,
                "Salesforce 500 UNKNOWN_EXCEPTION: An unexpected error occurred"));
        assertThat(salesforce.record("Lead", "LinkedIn_Lead_Id__c", LeadFixtures.V2_LEAD_ID)).isNotNull();
    }

    @Test
    void aWithdrawnLeadIsDeletedByItsLinkedInLeadId() throws Exception {
        Lead withdrawn = Lead.deleted(LeadFixtures.notification("notification-deleted.json"), LeadSource.WEBHOOK);
        salesforce.existing("Lead", "LinkedIn_Lead_Id__c", withdrawn.id());
        start(Map.of());

        send(List.of(withdrawn));

        assertThat(salesforce.sObjectRequests()).extracting(Request::method, Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", LEAD_BY_LINKEDIN_ID + withdrawn.id()));
        assertThat(salesforce.record("Lead", "LinkedIn_Lead_Id__c", withdrawn.id())).isNull();
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void aWithdrawnLeadSalesforceNeverHadIsNotAFailure() throws Exception {
        Lead withdrawn = Lead.deleted(LeadFixtures.notification("notification-deleted.json"), LeadSource.WEBHOOK);
        start(Map.of());

        send(List.of(withdrawn, LeadFixtures.normalizedPage().get(1)));

        assertThat(salesforce.sObjectRequests()).extracting(Request::method, Request::externalId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DELETE", withdrawn.id()),
                org.assertj.core.groups.Tuple.tuple("PATCH", LeadFixtures.V2_LEAD_ID));
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void withoutSalesforceEnabledTheAppStartsAndNeverTouchesSalesforce() throws Exception {
        main = new Main();
        main.configure().withRoutesIncludePattern("file:routes/leads-to-salesforce.yaml");
        main.bind("deadLetters", deadLetters);
        main.bind("salesforceLedger", new JdbcLeadDeliveryRepository(dataSource, "salesforce"));
        main.start();

        CamelContext camel = main.getCamelContext();
        assertThat(camel.getRoute("leads-to-salesforce")).isNull();
        assertThat(camel.hasComponent("salesforce")).isNull();
        assertThat(salesforce.requests()).isEmpty();
    }

    private void start(Map<String, String> settings) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("leadsync.salesforce.enabled", "true");
        properties.put("leadsync.salesforce.redelivery-delay", "10");
        properties.put("camel.component.salesforce.loginUrl", salesforce.baseUrl());
        properties.put("camel.component.salesforce.clientId", "3MVG9fake-consumer-key");
        properties.put("camel.component.salesforce.clientSecret", "fake-consumer-secret");
        properties.put("camel.component.salesforce.userName", "integration@leadsync.example");
        properties.put("camel.component.salesforce.password", "fake-password-and-security-token");
        properties.put("camel.component.salesforce.lazyLogin", "true");
        properties.put("camel.component.salesforce.apiVersion", API_VERSION);
        // the replay's HTTP route needs the app's HTTP server
        properties.put("camel.server.enabled", "true");
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            properties.put("camel.server.port", Integer.toString(socket.getLocalPort()));
        }
        properties.putAll(settings);
        main = new Main();
        main.configure().withRoutesIncludePattern("file:routes/leads-to-salesforce.yaml");
        properties.forEach(main::addInitialProperty);
        main.bind("deadLetters", deadLetters);
        main.bind("salesforceLedger", new JdbcLeadDeliveryRepository(dataSource, "salesforce"));
        main.start();
        // lazyLogin: nothing reaches Salesforce before the first lead
        assertThat(salesforce.requests()).isEmpty();
    }

    private void send(List<Lead> leads) {
        main.getCamelContext().createProducerTemplate().sendBody("direct:leads-to-salesforce", leads);
    }

    private List<Map.Entry<String, String>> deadLetterReasons() throws Exception {
        List<Map.Entry<String, String>> reasons = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT lead_id, reason FROM " + DeadLetters.TABLE + " ORDER BY lead_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reasons.add(Map.entry(rs.getString(1), rs.getString(2)));
            }
        }
        return reasons;
    }
}
