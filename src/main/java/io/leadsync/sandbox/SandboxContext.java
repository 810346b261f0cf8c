package io.leadsync.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.dmp.DmpSegments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The state one running sandbox shares between its handlers. */
final class SandboxContext {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxContext.class);

    final Clock clock;
    final String clientId;
    final String clientSecret;
    final boolean autoApproveConsent;
    final SandboxJournal journal;
    final TokenStore tokens;
    final SandboxFaults faults;
    final StatsRecorder stats = new StatsRecorder();
    final SandboxWorld world;
    final WebhookPusher pusher;
    final DmpSegments dmp;
    final LeadNotificationStore notifications;
    final LeadActions leadActions = new LeadActions(this);
    /** Which start of this world this is: 1 without a data directory, and on a new one. */
    final int run;

    SandboxContext(Clock clock, String clientId, String clientSecret, boolean autoApproveConsent, long seed,
                   int leads, WebhookPusher.Retry retry, Path dataDir) {
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.autoApproveConsent = autoApproveConsent;
        this.journal = dataDir == null ? SandboxJournal.NONE : SandboxJournal.open(dataDir);
        try {
            ObjectNode header = journal.header();
            Instant seededAt = clock.instant();
            if (header != null) {
                checkSameWorld(header, dataDir, seed, leads);
                seededAt = Instant.parse(header.get("seededAt").asText());
            }
            this.tokens = new TokenStore(clock, clientId, journal);
            this.faults = new SandboxFaults(seed);
            this.world = new SandboxWorld(clock, seed, leads, seededAt);
            this.pusher = new WebhookPusher(clientSecret, faults, stats, retry);
            this.dmp = new DmpSegments(clock, seed);
            this.notifications = new LeadNotificationStore(journal);
            int runs = 0;
            if (journal.durable()) {
                if (header == null) {
                    ObjectNode world = SandboxJournal.record("world");
                    world.put("format", 1);
                    world.put("seed", seed);
                    world.put("leads", leads);
                    world.put("seededAt", seededAt.toString());
                    journal.append(world);
                }
                int[] starts = {0};
                journal.replay(record -> {
                    if ("start".equals(record.get("type").asText())) {
                        starts[0]++;
                    } else {
                        replay(record);
                    }
                });
                runs = starts[0];
                journal.append(SandboxJournal.record("start").put("run", runs + 1).put("at", clock.instant().toString()));
            }
            this.run = runs + 1;
            world.startRun(run, journal);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    private static void checkSameWorld(JsonNode header, Path dataDir, long seed, int leads) {
        if (!"world".equals(header.get("type").asText()) || !header.hasNonNull("seededAt")) {
            throw new IllegalStateException("Sandbox data directory " + dataDir + " holds no sandbox journal");
        }
        if (header.get("seed").asLong() != seed || header.get("leads").asInt() != leads) {
            throw new IllegalStateException("Sandbox data directory " + dataDir + " holds a world seeded with seed "
                    + header.get("seed").asLong() + " and " + header.get("leads").asInt() + " leads; start with the same "
                    + "--seed and --leads, or use another directory (asked for seed " + seed + ", " + leads + " leads)");
        }
    }

    /** Applies one journal record over the seeded world. */
    private void replay(JsonNode record) {
        String type = record.get("type").asText();
        switch (type) {
            case "grant", "refresh", "expire", "revoke" -> tokens.replay(record);
            case "lead" -> world.leads.add((ObjectNode) record.get("lead"), record.path("visibleAt").asLong(0));
            case "withdraw" -> world.leads.withdraw(record.get("id").asText());
            case "subscribe", "unsubscribe" -> notifications.replay(record);
            case "formCreate", "formStore" -> world.replayForm(record);
            default -> LOG.warn("Sandbox journal: skipped a record of unknown type {}", type);
        }
    }
}
