package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** routes/audience-sync.yaml (MA-105 … MA-107): a table and a CSV file into a DMP segment of the sandbox. */
class AudienceSyncRouteTest extends LeadSyncAppTestSupport {

    private static final String SEGMENT_NAME = "LeadSync test audience";


    @Test
    void theTableRowsAndThenACsvFileReachASegmentCreatedOnTheFirstActiveAccount() throws Exception {
        String url = "jdbc:h2:mem:audience-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE audience_members (email VARCHAR(200), first_name VARCHAR(100), last_name VARCHAR(100),"
                    + " title VARCHAR(100), company VARCHAR(100), country VARCHAR(10), action VARCHAR(10))");
            s.execute("INSERT INTO audience_members VALUES"
                    + " ('amara.okafor@contoso.example', 'Amara', 'Okafor', 'Head of Data', 'Contoso', 'NG', 'ADD'),"
                    + " ('jonas.berg@fabrikam.example', 'Jonas', 'Berg', 'CTO', 'Fabrikam', 'DE', NULL),"
                    + " ('li.wei@northwind.example', 'Li', 'Wei', NULL, NULL, NULL, 'add'),"
                    + " ('not-an-email', 'No', 'Body', NULL, NULL, NULL, 'ADD'),"
                    + " ('gone@example.com', NULL, NULL, NULL, NULL, NULL, 'REMOVE')");
        }
        Path inbox = dataDir.resolve("audience");
        Files.createDirectories(inbox);

        app = LeadSyncApp.start(dataDir, List.of("audience-sync.yaml"), Map.of("leadsync.datasource.url", url,
                "leadsync.audience.table", "audience_members", "leadsync.audience.segment-name", SEGMENT_NAME,
                "leadsync.audience.directory", inbox.toString(), "leadsync.audience.delay", "3600000"));

        // three members added; the bad email was refused before sending; removing an absent member changes nothing
        await().atMost(Duration.ofSeconds(60)).until(() -> segment() != null && segment().path("inputCount").asInt() == 3);
        JsonNode segment = segment();
        assertThat(segment.path("account").asText()).isEqualTo("urn:li:sponsoredAccount:507857085");
        assertThat(segment.path("type").asText()).isEqualTo("USER");
        assertThat(segment.path("sourcePlatform").asText()).isEqualTo("LEADSYNC");
        AudienceSegment chosen = app.camel().getRegistry().lookupByNameAndType("audienceSegment", AudienceSegment.class);
        assertThat(chosen.segmentId()).isEqualTo(segment.path("id").asLong());

        Files.writeString(inbox.resolve("webinar.csv.tmp"), String.join("\n",
                "email,firstName,lastName,title,company,country,action",
                "sam.lee@tailspin.example,Sam,Lee,\"VP, Marketing\",Tailspin,US,ADD",
                "ana.silva@adventure.example,Ana,Silva,,Adventure Works,BR,",
                "amara.okafor@contoso.example,,,,,,REMOVE",
                ""));
        Files.move(inbox.resolve("webinar.csv.tmp"), inbox.resolve("webinar.csv"));

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve(".done/webinar.csv")));
        assertThat(segment().path("inputCount").asInt()).isEqualTo(4);
        // table: one ADD and one REMOVE batch; file: the same (the refused row was never sent)
        assertThat(app.sandbox().stats().calls().entrySet().stream().filter(e -> e.getKey().endsWith(" dmpSegments/users"))
                .flatMap(e -> e.getValue().entrySet().stream()).filter(byStatus -> byStatus.getKey() < 300)
                .mapToLong(Map.Entry::getValue).sum()).isEqualTo(4);
        // the same segment, found again rather than created twice
        assertThat(app.sandbox().world().withArray("dmpSegments").valueStream()
                .filter(s -> SEGMENT_NAME.equals(s.path("name").asText())).count()).isEqualTo(1);
    }

    @Test
    void withoutAnAudienceConfiguredNoAudienceRouteRuns() throws Exception {
        app = LeadSyncApp.start(dataDir, List.of("audience-sync.yaml"), Map.of());

        assertThat(app.camel().getRoutes()).isEmpty();
        assertThat(app.sandbox().world().withArray("dmpSegments")).isEmpty();
    }

    private JsonNode segment() {
        return app.sandbox().world().withArray("dmpSegments").valueStream()
                .filter(s -> SEGMENT_NAME.equals(s.path("name").asText())).findFirst().orElse(null);
    }
}
