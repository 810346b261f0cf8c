package io.leadsync.camel.linkedin;

import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.access.AccessCheck;
import io.leadsync.camel.linkedin.access.OrganizationRoles;
import io.leadsync.camel.linkedin.access.ProfileStatus;
import io.leadsync.camel.linkedin.auth.TokenIntrospection;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.Event;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** linkedin-leadsync:accounts, :events and :profile against the sandbox, and the profile health check. */
class LinkedInLeadSyncProducerAccountsTest extends ProducerTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void listAdAccountsShowsEveryAccountWithItsStatus() {
        List<AdAccount> accounts = ok("linkedin-leadsync:accounts", null, Map.of()).getMessage().getBody(List.class);
        assertThat(accounts).extracting(AdAccount::id, AdAccount::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(507857085L, "ACTIVE"), org.assertj.core.groups.Tuple.tuple(507857099L, "CANCELED"));
        assertThat(calls("FINDER adAccounts")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listOrganizationsGivesThePagesWithTheirRoles() {
        List<OrganizationRoles> pages = ok("linkedin-leadsync:accounts?operation=listOrganizations", null, Map.of()).getMessage().getBody(List.class);
        assertThat(pages).containsExactly(new OrganizationRoles("urn:li:organization:2414183", List.of("LEAD_GEN_FORMS_MANAGER"), true),
                new OrganizationRoles("urn:li:organization:2414190", List.of("ADMINISTRATOR"), true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkAccessSaysTheViewerAccountCannotReceiveLeadsAndWhy() {
        List<AccessCheck> checks = ok("linkedin-leadsync:accounts?operation=checkAccess", null, Map.of()).getMessage().getBody(List.class);
        assertThat(checks).extracting(AccessCheck::ownerUrn, AccessCheck::canReceiveLeads).containsExactly(
                org.assertj.core.groups.Tuple.tuple("urn:li:sponsoredAccount:507857085", true),
                org.assertj.core.groups.Tuple.tuple("urn:li:sponsoredAccount:507857099", false),
                org.assertj.core.groups.Tuple.tuple("urn:li:organization:2414183", true),
                org.assertj.core.groups.Tuple.tuple("urn:li:organization:2414190", true));
        assertThat(checks.get(1).name()).isEqualTo("Northwind EMEA");
        assertThat(checks.get(1).missing()).containsExactly("The member is only a VIEWER of ad account 507857099; ACCOUNT_BILLING_ADMIN, "
                + "ACCOUNT_MANAGER, CAMPAIGN_MANAGER or CREATIVE_MANAGER is needed.");
        assertThat(checks.get(0).missing()).isEmpty();
        assertThat(calls("POST introspectToken")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listEventsReturnsTheEventsOfThePageWithTheirForm() {
        Exchange exchange = ok("linkedin-leadsync:events", null, Map.of(LinkedInLeadSyncConstants.ORGANIZATION, "urn:li:organization:2414183"));
        List<Event> events = exchange.getMessage().getBody(List.class);
        assertThat(events).extracting(Event::id, Event::leadGenForm).containsExactly(org.assertj.core.groups.Tuple.tuple(
                7301000000000000001L, "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:7234300,1)"));
        assertThat(events.get(0).name().text()).isEqualTo("Northwind Data Summit");
        Exchange missing = call("linkedin-leadsync:events", null, Map.of());
        assertThat(missing.getException()).hasMessage("listEvents needs header CamelLinkedInOrganization or an urn:li:organization:… in option owners");
    }

    @Test
    void heartbeatAndIntrospectReportTheToken() {
        ProfileStatus status = ok("linkedin-leadsync:profile", null, Map.of()).getMessage().getBody(ProfileStatus.class);
        assertThat(status.active()).isTrue();
        assertThat(status.status()).isEqualTo("active");
        assertThat(status.memberUrn()).isEqualTo("urn:li:person:aB3dE5fG7h");
        assertThat(status.memberName()).isEqualTo("Dana Reyes");
        assertThat(status.accessTokenDaysLeft()).isBetween(58L, 60L);
        assertThat(status.reauthorizationRequired()).isFalse();
        assertThat(status.checkedWith()).isEqualTo("introspection");
        assertThat(calls("POST introspectToken")).isEqualTo(1);

        TokenIntrospection introspection = ok("linkedin-leadsync:profile?operation=introspect", null, Map.of()).getMessage()
                .getBody(TokenIntrospection.class);
        assertThat(introspection.active()).isTrue();
        assertThat(introspection.scopes()).contains("r_marketing_leadgen_automation", "rw_dmp_segments");
        assertThat(introspection.clientId()).isEqualTo(CLIENT_ID);
    }

    @Test
    void theHealthCheckGoesDownWithTheAuthorizationUrlAfterTheGrantIsRevoked() throws Exception {
        LinkedInLeadSyncEndpoint endpoint = context.getEndpoint("linkedin-leadsync:profile", LinkedInLeadSyncEndpoint.class);
        endpoint.start();
        LinkedInLeadSyncProfileHealthCheck check = new LinkedInLeadSyncProfileHealthCheck("linkedin", endpoint, java.time.Duration.ZERO);
        HealthCheck.Result up = check.call();
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsKey(LinkedInLeadSyncProfileHealthCheck.ACCESS_TOKEN_DAYS_LEFT);

        sandbox.revokeToken(tokens.accessToken());
        sandbox.revokeToken(tokens.refreshToken());
        HealthCheck.Result down = check.call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("invalid_grant"));
        assertThat((String) down.getDetails().get(LinkedInLeadSyncProfileHealthCheck.AUTHORIZATION_URL))
                .startsWith(sandbox.oauthBaseUrl() + "/authorization?").contains("client_id=" + CLIENT_ID);
        assertThat(down.getMessage().get()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
    }
}
