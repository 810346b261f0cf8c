package io.leadsync.camel.linkedin.poll;

import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;

/**
 * One poll stream: LinkedIn's lead finder takes exactly one owner and one lead type per call, so the consumer keeps a
 * watermark per (owner, lead type).
 *
 * @param owner     the ad account or organization page
 * @param leadType  the lead type read from it
 * @param ownerName the account or page name when discovery learnt it, else {@code null}
 */
public record LeadStream(LeadOwner owner, LeadType leadType, String ownerName) {

    /** The state repository key: {@code <routeId or endpoint key>|<ownerUrn>|<leadType>}. */
    public String stateKey(String prefix) {
        return prefix + "|" + owner.urn() + "|" + leadType.name();
    }

    /** How the stream reads in logs and health details: {@code SPONSORED urn:li:sponsoredAccount:507857085}. */
    public String describe() {
        return leadType + " " + owner.urn();
    }
}
