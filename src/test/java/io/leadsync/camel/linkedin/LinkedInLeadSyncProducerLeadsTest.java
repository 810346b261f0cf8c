package io.leadsync.camel.linkedin;

import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.model.LeadNotification;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** linkedin-leadsync:leads and :notifications producers against the sandbox. */
class LinkedInLeadSyncProducerLeadsTest extends ProducerTestSupport {

    private static final String ACCOUNT = "urn:li:sponsoredAccount:507857085";

    @Test
    @SuppressWarnings("unchecked")
    void searchLeadsOfOneFormIsBoundedByMaxResultsAndGetLeadNormalizesOne() {
        Exchange all = ok("linkedin-leadsync:leads?operation=searchLeads&maxResults=1000", null,
                Map.of(LinkedInLeadSyncConstants.OWNER, ACCOUNT, LinkedInLeadSyncConstants.FORM_ID, 7234246L));
        List<Lead> leads = all.getMessage().getBody(List.class);
        assertThat(leads).hasSize(149).allMatch(l -> l.formId() == 7234246L && "SPONSORED".equals(l.leadType()));
        assertThat(leads).extracting(Lead::formVersion).containsOnly(1L, 2L, 3L);
        assertThat(all.getMessage().getHeader(LinkedInLeadSyncConstants.RESULT_TRUNCATED)).isEqualTo(false);
        assertThat(all.getMessage().getHeader(LinkedInLeadSyncConstants.LEAD_COUNT)).isEqualTo(149);
        // the enrichment projection inlines each lead's form version: no leadForms call per lead
        assertThat(calls("GET leadForms")).isZero();

        Exchange cut = ok("linkedin-leadsync:leads?operation=searchLeads&maxResults=10&owners=" + ACCOUNT, null, Map.of());
        assertThat((List<Lead>) cut.getMessage().getBody(List.class)).hasSize(10);
        assertThat(cut.getMessage().getHeader(LinkedInLeadSyncConstants.RESULT_TRUNCATED)).isEqualTo(true);

        Lead first = leads.get(0);
        Exchange one = ok("linkedin-leadsync:leads?operation=getLead", first.id(), Map.of());
        Lead got = one.getMessage().getBody(Lead.class);
        assertThat(got.id()).isEqualTo(first.id());
        assertThat(got.answers()).isEqualTo(first.answers());
        assertThat(got.hiddenFields()).isEqualTo(first.hiddenFields());
        assertThat(one.getMessage().getHeader(LinkedInLeadSyncConstants.FORM_ID)).isEqualTo(7234246L);
        assertThat(calls("GET leadFormResponses")).isEqualTo(1);

        Exchange missing = call("linkedin-leadsync:leads?operation=getLead", null, Map.of());
        assertThat(missing.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("getLead needs header CamelLinkedInLeadId or a body holding the lead id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void notificationsAreRegisteredListedAndDeleted() throws Exception {
        // the sandbox validates a webhook with LinkedIn's challenge before subscribing it
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/linkedin", exchange -> {
            String code = exchange.getRequestURI().getQuery().replaceAll(".*challengeCode=([^&]*).*", "$1");
            javax.crypto.Mac mac = hmac();
            String response = java.util.HexFormat.of().formatHex(mac.doFinal(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            byte[] body = ("{\"challengeCode\":\"" + code + "\",\"challengeResponse\":\"" + response + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hook.start();
        try {
            String webhook = "http://127.0.0.1:" + hook.getAddress().getPort() + "/linkedin";
            Map<String, Object> subscription = Map.of("webhook", webhook, "owner", Map.of("sponsoredAccount", ACCOUNT), "leadType", "SPONSORED");
            Exchange registered = ok("linkedin-leadsync:notifications?operation=registerNotification", subscription, Map.of());
            long id = registered.getMessage().getHeader(LinkedInLeadSyncConstants.NOTIFICATION_ID, Long.class);
            assertThat(registered.getMessage().getBody(LeadNotification.class).webhook()).isEqualTo(webhook);
            assertThat(registered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);

            List<LeadNotification> listed = ok("linkedin-leadsync:notifications", null, Map.of(LinkedInLeadSyncConstants.OWNER, ACCOUNT))
                    .getMessage().getBody(List.class);
            assertThat(listed).extracting(LeadNotification::id).containsExactly(id);

            ok("linkedin-leadsync:notifications?operation=deleteNotification", null, Map.of(LinkedInLeadSyncConstants.NOTIFICATION_ID, id));
            assertThat(calls("DELETE leadNotifications")).isEqualTo(1);
            List<LeadNotification> after = ok("linkedin-leadsync:notifications", null, Map.of(LinkedInLeadSyncConstants.OWNER, ACCOUNT))
                    .getMessage().getBody(List.class);
            assertThat(after).isEmpty();
        } finally {
            hook.stop(0);
        }
    }

    private static javax.crypto.Mac hmac() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(CLIENT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
