package io.leadsync.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.audience.SegmentSummary;
import io.leadsync.camel.linkedin.model.AdAccount;
import io.leadsync.camel.linkedin.model.LeadOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which DMP segment {@code routes/audience-sync.yaml} uploads to (MA-105): {@code leadsync.audience.segment-id} when
 * set; else the USER segment named {@code leadsync.audience.segment-name} that this integration created earlier on
 * the member's first ACTIVE ad account, found again after a restart by listing the account's segments; else a new one.
 */
public final class AudienceSegment {

    private static final Logger LOG = LoggerFactory.getLogger(AudienceSegment.class);

    private final Long configuredId;
    private final String name;
    private volatile Long knownId;

    public AudienceSegment(String configuredId, String name) {
        this.configuredId = configuredId == null || configuredId.isBlank() ? null : Long.valueOf(configuredId.trim());
        this.name = name;
    }

    /** The configured segment, or the one found or created earlier in this process; {@code null} before the first lookup. */
    public Long segmentId() {
        return configuredId != null ? configuredId : knownId;
    }

    /** The URN of the first ACTIVE account of {@code accounts} ({@code accounts?operation=listAdAccounts}). */
    public String firstActiveAccount(List<AdAccount> accounts) {
        return accounts.stream().filter(a -> "ACTIVE".equals(a.status())).findFirst()
                .map(a -> LeadOwner.SPONSORED_ACCOUNT_PREFIX + a.id())
                .orElseThrow(() -> new IllegalStateException("The member has no ACTIVE ad account to create audience segment '" + name
                        + "' on; set leadsync.audience.segment-id"));
    }

    /** The id of this integration's USER segment with the configured name among {@code segments}, or {@code null}. */
    public Long segmentNamed(List<SegmentSummary> segments) {
        return segments.stream().filter(s -> name.equals(s.name()) && "USER".equals(s.type()) && !"ARCHIVED".equals(s.status()))
                .map(SegmentSummary::id).findFirst().orElse(null);
    }

    /** The body of {@code segments?operation=createSegment} for the configured name on {@code account}. */
    public Map<String, Object> newSegment(String account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "USER");
        body.put("account", account);
        return body;
    }

    /** Remembers the segment found or created, so later runs skip the lookup. */
    public void remember(Long id) {
        if (id != null && !id.equals(knownId)) {
            LOG.info("Audience segment '{}' is {}", name, id);
            knownId = id;
        }
    }
}
