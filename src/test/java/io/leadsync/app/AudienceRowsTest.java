package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.auth.ReauthorizationRequiredException;
import org.junit.jupiter.api.Test;

/** The audience rows' CSV reading and column matching, and the alert's reason and de-duplication. */
class AudienceRowsTest {

    @Test
    void csvFieldsMayBeQuotedAndEmptyLinesAreSkipped() {
        List<Map<String, Object>> rows = AudienceRows.parseCsv("\uFEFFemail,title,company\r\n"
                + "a@x.example,\"VP, Marketing\",\"The \"\"Best\"\" Co\"\r\n\r\n" + "b@x.example,,\n");

        assertThat(rows).containsExactly(Map.of("email", "a@x.example", "title", "VP, Marketing", "company", "The \"Best\" Co"),
                Map.of("email", "b@x.example", "title", "", "company", ""));
    }

    @Test
    void columnsMatchWhateverTheirCaseAndActionsSplitIntoAddAndRemove() {
        List<Map<String, Object>> rows = List.of(
                Map.of("EMAIL", "a@x.example", "FIRST_NAME", "Ann", "ACTION", "add"),
                Map.of("email", "b@x.example", "lastName", "Bo"),
                Map.of("Email", "c@x.example", "action", "REMOVE", "notes", "ignored"),
                Map.of("email", "d@x.example", "action", "UPSERT"));

        assertThat(AudienceRows.adds(rows)).containsExactly(Map.of("email", "a@x.example", "firstName", "Ann", "action", "add"),
                Map.of("email", "b@x.example", "lastName", "Bo"));
        assertThat(AudienceRows.removes(rows)).containsExactly(Map.of("email", "c@x.example", "action", "REMOVE"));
        assertThat(AudienceRows.unknownAction(rows)).extracting(r -> r.get("email")).containsExactly("d@x.example");
    }

    @Test
    void theSameReasonIsAlertedOnceAndTheAuthorizationUrlNeverTravels() {
        ReauthorizationAlerts alerts = new ReauthorizationAlerts("https://app.example/connect",
                Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC));
        ReauthorizationRequiredException dead = new ReauthorizationRequiredException("the refresh token was revoked",
                "https://www.linkedin.com/oauth/v2/authorization?client_id=x&state=one-time");

        ReauthorizationAlerts.Alert first = alerts.alert(dead);

        assertThat(first).isEqualTo(new ReauthorizationAlerts.Alert("linkedin.reauthorization_required", "the refresh token was revoked",
                "https://app.example/connect"));
        assertThat(alerts.alert(dead)).isNull();
        assertThat(alerts.alert(new ReauthorizationRequiredException("no LinkedIn token is stored: connect first", null)).reason())
                .isEqualTo("no LinkedIn token is stored: connect first");
    }
}
