package io.leadsync.camel.linkedin.metrics;

import java.util.Locale;

/** The {@code outcome} tag of {@code leadsync.webhook.deliveries}: how the webhook answered a request. */
public final class WebhookOutcome {

    /** A notification delivery was verified and routed, or committed to the inbox (200). */
    public static final String ACCEPTED = "accepted";
    /** LinkedIn's validation GET was answered (200). */
    public static final String CHALLENGE = "challenge";
    /** A verified delivery could not be done now (leads not fetched, route failed, inbox not written): 500, LinkedIn retries. */
    public static final String FAILED = "failed";

    private WebhookOutcome() {
    }

    /**
     * The tag of a refused request from the webhook's kind of refusal ({@code "bad signature"} becomes
     * {@code bad_signature}). The kinds are the webhook's own constants, never text from the request.
     */
    public static String refused(String kind) {
        return kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
