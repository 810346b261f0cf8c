package io.leadsync.camel.linkedin.poll;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;

/**
 * What a poller remembers in memory, held by the endpoint because Camel creates a new consumer each time a route
 * starts: the default state repository (watermarks survive a route restart, not a JVM restart) and, per stream, the
 * ids delivered but not yet behind watermark - overlap (so a slice read again after a failure emits nothing twice),
 * and the streams to read ({@link LeadStreamDirectory}: which streams rest, kept across route restarts).
 */
public final class LeadPollMemory {

    private final MemoryStateRepository defaultStates = new MemoryStateRepository();
    private final Map<String, Map<String, Long>> delivered = new ConcurrentHashMap<>();
    private final Set<String> told = ConcurrentHashMap.newKeySet();
    private final LeadStreamDirectory directory = new LeadStreamDirectory();

    /** Which of this endpoint's streams are read and which rest, kept across route restarts. */
    public LeadStreamDirectory directory() {
        return directory;
    }

    /** The default state repository when the {@code stateRepository} option is not set. */
    public StateRepository<String, String> defaultStates() {
        return defaultStates;
    }

    /** The delivered ids of one stream: id → submittedAt (epoch ms). Used by one poll thread at a time. */
    Map<String, Long> delivered(String streamKey) {
        return delivered.computeIfAbsent(streamKey, k -> new LinkedHashMap<>());
    }

    /** {@code true} the first time it is asked about {@code what}: a warning worth one line per endpoint, not per poll. */
    boolean firstTime(String what) {
        return told.add(what);
    }
}
