package io.leadsync.camel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.leadsync.camel.linkedin.poll.LeadStreamState;
import org.junit.jupiter.api.Test;

/** The stream state the poller stores: states written before the cursor existed still read, and the cursor round-trips. */
class LinkedInLeadSyncConsumerStateTest {

    private static final String KEY = "leads|urn:li:sponsoredAccount:507857085|SPONSORED";

    @Test
    void statesWithoutACursorReadAsTheyWereWritten() {
        LeadStreamState old = LeadStreamState.parse(KEY, "{\"watermark\":1700000000000,\"recent\":[\"a-1\",\"b-2\"]}");
        assertThat(old).isEqualTo(new LeadStreamState(1_700_000_000_000L, List.of("a-1", "b-2"), null));
        assertThat(LeadStreamState.parse(KEY, "1700000000000")).isEqualTo(new LeadStreamState(1_700_000_000_000L, List.of(), null));
        assertThat(LeadStreamState.parse(KEY, " ")).isNull();
        // written between slices, a state has no cursor field: readers of the old format see what they knew
        assertThat(old.toJson()).isEqualTo("{\"watermark\":1700000000000,\"recent\":[\"a-1\",\"b-2\"]}");
    }

    @Test
    void theCursorRoundTrips() {
        LeadStreamState state = LeadStreamState.of(1_700_000_000_000L, List.of("a-1"))
                .withCursor(new LeadStreamState.Cursor(1_699_000_000_000L, 1_701_000_000_000L, 1_700_500_000_000L, List.of("c-3", "d-4")));
        String json = state.toJson();
        assertThat(json).contains("\"watermark\":1700000000000").contains("\"cursor\":{\"start\":1699000000000,\"end\":1701000000000,"
                + "\"upper\":1700500000000,\"boundary\":[\"c-3\",\"d-4\"]}");
        assertThat(LeadStreamState.parse(KEY, json)).isEqualTo(state);
    }

    @Test
    void aCursorWithoutItsBoundsIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> LeadStreamState.parse(KEY, "{\"watermark\":1,\"recent\":[],\"cursor\":{\"start\":1}}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("end").hasMessageContaining(KEY);
    }
}
