package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkedInLeadSyncConsumerConfigurationTest extends LinkedInTestSupport {

    private void assertRejected(String uri, String option) {
        assertThatThrownBy(() -> context.getEndpoint(uri)).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining(option).hasMessageNotContaining(token);
    }

    @Test
    void misconfigurationFailsAtStartNamingTheOption() {
        assertRejected(leadsUri("pageSize=5000"), "pageSize=5000");
        assertRejected(leadsUri("owners=bad"), "owners=bad");
        assertRejected(leadsUri("leadTypes=BAD"), "leadTypes=BAD");
        assertRejected(leadsUri("operation=listForms"), "operation=listForms");
        assertRejected(leadsUri("windowSize=10"), "windowSize=10");
        assertRejected("linkedin-leadsync:leads?" + sandboxOptions(), "no LinkedIn credentials");
    }

    @Test
    void onlyTheLeadsResourceCanBeConsumed() {
        assertThatThrownBy(() -> context.getEndpoint("linkedin-leadsync:forms?accessToken=x").createConsumer(e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Only linkedin-leadsync:leads can be consumed");
    }
}
