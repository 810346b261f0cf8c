package io.leadsync.camel.linkedin.audience;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.model.DmpUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Email hashing against fixtures/dmp-users-batch.json, user elements, and the per-minute pacing. */
class AudienceHashingTest {

    @Test
    void emailsAreNormalizedAndHashedAsTheFixtureSays() throws Exception {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/dmp-users-batch.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertThat(fixture.get("emailHashes").size()).isGreaterThanOrEqualTo(2);
        for (JsonNode hash : fixture.get("emailHashes")) {
            String input = hash.get("input").asText();
            assertThat(AudienceHashing.normalizeEmail(input)).isEqualTo(hash.get("normalized").asText());
            assertThat(AudienceHashing.sha256Email(input)).isEqualTo(hash.get("sha256").asText());
            assertThat(AudienceHashing.sha512Email(input)).isEqualTo(hash.get("sha512").asText());
            // digests pass unchanged
            assertThat(AudienceHashing.sha256Email(hash.get("sha256").asText())).isEqualTo(hash.get("sha256").asText());
            assertThat(AudienceHashing.sha512Email(hash.get("sha512").asText())).isEqualTo(hash.get("sha512").asText());
        }
        JsonNode first = fixture.get("request").get("elements").get(0);
        DmpUser user = AudienceElements.user(Map.of("email", fixture.get("emailHashes").get(0).get("input").asText(), "firstName", "Amara",
                "lastName", "Okafor", "title", "Head of Data", "company", "Contoso", "country", "NG"), "ADD").element();
        JsonNode sent = new ObjectMapper().valueToTree(user);
        assertThat((Object) sent).isEqualTo(first);
    }

    @Test
    void aUserRowNeverKeepsAPlainEmail() {
        record Row(String email, String firstName) {
        }
        DmpUser user = AudienceElements.user(new Row("Someone@Example.com", "Some"), "REMOVE").element();
        assertThat(user.userIds()).singleElement().satisfies(id -> {
            assertThat(id.idType()).isEqualTo("SHA256_EMAIL");
            assertThat(id.idValue()).hasSize(64).doesNotContain("@");
        });
        assertThat(user.action()).isEqualTo("REMOVE");
        assertThat(AudienceElements.user(Map.of("email", "not-an-address"), "ADD").problem())
                .isEqualTo("email is neither an email address nor a SHA-256 digest");
    }

    @Test
    void theLimiterWaitsOnlyOnceTheMinutesBudgetIsSpent() throws Exception {
        Instant[] now = {Instant.parse("2026-03-02T10:00:00Z")};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        List<Duration> waits = new ArrayList<>();
        MinuteRateLimiter limiter = new MinuteRateLimiter(3, clock, d -> {
            waits.add(d);
            now[0] = now[0].plus(d);
        });
        limiter.acquire();
        now[0] = now[0].plusSeconds(10);
        limiter.acquire();
        limiter.acquire();
        assertThat(waits).isEmpty();
        limiter.acquire();
        assertThat(waits).containsExactly(Duration.ofSeconds(50));
    }
}
