package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** InMemoryTokenStore round trip. */
class InMemoryTokenStoreTest {

    @Test
    void roundTripsReplacesAndClears() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        assertThat(store.load()).isEmpty();

        store.save(TokenStoreFixtures.token());
        assertThat(store.load()).contains(TokenStoreFixtures.token());
        store.save(TokenStoreFixtures.tokenWithoutRefresh());
        assertThat(store.load()).contains(TokenStoreFixtures.tokenWithoutRefresh());
        assertThat(store.toString()).doesNotContain("AQX");

        store.clear();
        assertThat(store.load()).isEmpty();
    }
}
