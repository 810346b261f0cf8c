package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** StaticTokenProvider: a fixed token that cannot be renewed. */
class StaticTokenProviderTest {

    @Test
    void servesItsTokenAndAsksForReauthorizationWhenItIsRejected() {
        StaticTokenProvider provider = new StaticTokenProvider("AQX-portal-token");

        assertThat(provider.accessToken()).isEqualTo("AQX-portal-token");
        assertThat(provider.renewAfterUnauthorized("AQX-older")).isEqualTo("AQX-portal-token");
        assertThatThrownBy(() -> provider.renewAfterUnauthorized("AQX-portal-token"))
                .isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("cannot be refreshed").hasMessageNotContaining("AQX-portal-token")
                .satisfies(e -> assertThat(((ReauthorizationRequiredException) e).authorizationUrl()).isNull());
        assertThat(provider.toString()).doesNotContain("AQX-portal-token");
    }
}
