package io.leadsync.camel.linkedin.model;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A Matched Audiences segment ({@code /rest/dmpSegments}) with its LinkedIn destination. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DmpSegment(Long id, String name, String type, String sourcePlatform, String sourceSegmentId, String accessPolicy,
        String account, Long inputCount, Long created, Long lastModified, List<DmpDestination> destinations) {

    /** LinkedIn's smallest audience that can serve ads. */
    public static final long MINIMUM_AUDIENCE_SIZE = 300;
    private static final Set<String> SERVING_STATUSES = Set.of("READY", "UPDATING");

    /** The LinkedIn destination, where status, audience size and matched count live. */
    @JsonIgnore
    public DmpDestination linkedInDestination() {
        return destinations == null ? null
                : destinations.stream().filter(d -> "LINKEDIN".equals(d.destination())).findFirst().orElse(null);
    }

    @JsonIgnore
    public String status() {
        DmpDestination d = linkedInDestination();
        return d == null ? null : d.status();
    }

    /** matchedCount / inputCount (both over a rolling 7 days), or {@code null} before any input. */
    @JsonIgnore
    public Double matchRate() {
        DmpDestination d = linkedInDestination();
        if (d == null || d.matchedCount() == null || inputCount == null || inputCount == 0) {
            return null;
        }
        return (double) d.matchedCount() / inputCount;
    }

    /** "Display readiness": READY or UPDATING with an audience of at least 300. */
    @JsonIgnore
    public boolean readyToServe() {
        DmpDestination d = linkedInDestination();
        return d != null && SERVING_STATUSES.contains(d.status()) && d.audienceSize() != null && d.audienceSize() >= MINIMUM_AUDIENCE_SIZE;
    }
}
