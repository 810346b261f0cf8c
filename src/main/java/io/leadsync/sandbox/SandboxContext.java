package io.leadsync.sandbox;

import io.leadsync.sandbox.dmp.DmpSegments;

import java.time.Clock;

/** The state one running sandbox shares between its handlers. */
final class SandboxContext {

    final Clock clock;
    final String clientId;
    final String clientSecret;
    final boolean autoApproveConsent;
    final TokenStore tokens;
    final SandboxFaults faults;
    final StatsRecorder stats = new StatsRecorder();
    final SandboxWorld world;
    final WebhookPusher pusher;
    final DmpSegments dmp;
    final LeadNotificationStore notifications = new LeadNotificationStore();
    final LeadActions leadActions = new LeadActions(this);

    SandboxContext(Clock clock, String clientId, String clientSecret, boolean autoApproveConsent, long seed,
                   int leads, WebhookPusher.Retry retry) {
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.autoApproveConsent = autoApproveConsent;
        this.tokens = new TokenStore(clock);
        this.faults = new SandboxFaults(seed);
        this.world = new SandboxWorld(clock, seed, leads);
        this.pusher = new WebhookPusher(clientSecret, faults, stats, retry);
        this.dmp = new DmpSegments(clock, seed);
    }
}
