package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.lead.Lead;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class LeadConvertersTest extends LinkedInTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(leadsUri("owners=" + ACCOUNT + "&leadTypes=SPONSORED&pageSize=5")).routeId("leads")
                        .setHeader("pageJson", simple("${bodyAs(String)}"))
                        .split(body())
                            .setHeader("leadJson", simple("${bodyAs(String)}"))
                            .convertBodyTo(Map.class)
                            .setHeader("leadId", simple("${body[leadId]}"))
                            .setHeader("email", simple("${body[answers][WORK_EMAIL]}"))
                            .to("mock:lead");
            }
        };
    }

    @Test
    void aLeadConvertsToAMapForSimpleAndToJsonAndAPageToAJsonArray() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:lead");
        await().atMost(Duration.ofSeconds(60)).until(() -> mock.getReceivedCounter() >= 5);
        Exchange exchange = mock.getExchanges().get(0);
        Map<?, ?> map = exchange.getMessage().getBody(Map.class);
        String leadId = exchange.getMessage().getHeader("leadId", String.class);
        assertThat(leadId).isNotBlank().isEqualTo(map.get("leadId"));

        assertThat(exchange.getMessage().getHeader("email", String.class)).isNotBlank()
                .isEqualTo(((Map<?, ?>) map.get("answers")).get("WORK_EMAIL"));
        ObjectMapper json = new ObjectMapper();
        JsonNode lead = json.readTree(exchange.getMessage().getHeader("leadJson", String.class));
        assertThat(lead.path("id").asText()).isEqualTo(leadId);
        JsonNode page = json.readTree(exchange.getMessage().getHeader("pageJson", String.class));
        assertThat(page.isArray()).isTrue();
        assertThat(page).extracting(n -> n.path("id").asText()).contains(leadId);
    }

    @Test
    void aListOfSomethingElseIsLeftToCamelsOwnConversion() {
        assertThat(context.getTypeConverter().convertTo(String.class, List.of("a", "b"))).isEqualTo("[a, b]");
        assertThat(LeadConverters.toJson(List.of(1, 2))).isNull();
        assertThat(context.getTypeConverter().convertTo(String.class, List.<Lead>of())).isEqualTo("[]");
    }
}
