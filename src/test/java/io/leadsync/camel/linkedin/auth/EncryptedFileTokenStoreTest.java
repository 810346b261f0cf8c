package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import io.leadsync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EncryptedFileTokenStore: round trip, encrypted at rest, owner-only, atomic replace, clear key errors. */
class EncryptedFileTokenStoreTest {

    @TempDir
    Path dir;

    private EncryptedFileTokenStore store(String key) {
        return new EncryptedFileTokenStore(dir.resolve("tokens/linkedin.token"), TokenCipher.fromBase64Key(key));
    }

    @Test
    void roundTripsAndReplacesAndClears() {
        EncryptedFileTokenStore store = store(TokenStoreFixtures.KEY);
        assertThat(store.load()).isEmpty();

        store.save(TokenStoreFixtures.token());
        assertThat(store(TokenStoreFixtures.KEY).load()).contains(TokenStoreFixtures.token());

        store.save(TokenStoreFixtures.tokenWithoutRefresh());
        assertThat(store.load()).contains(TokenStoreFixtures.tokenWithoutRefresh());

        store.clear();
        assertThat(store.load()).isEmpty();
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void fileHoldsNoTokenInPlainTextAndLeavesNoTemporaryFiles() throws IOException {
        EncryptedFileTokenStore store = store(TokenStoreFixtures.KEY);
        store.save(TokenStoreFixtures.token());
        store.save(TokenStoreFixtures.token());

        byte[] raw = Files.readAllBytes(store.file());
        String asText = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain(TokenStoreFixtures.ACCESS).doesNotContain(TokenStoreFixtures.REFRESH)
                .doesNotContain("AQX").doesNotContain("r_ads").doesNotContain("accessToken");
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void fileIsReadableByItsOwnerOnly() throws IOException {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        EncryptedFileTokenStore store = store(TokenStoreFixtures.KEY);
        store.save(TokenStoreFixtures.token());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void wrongKeyGivesAClearErrorWithoutContent() {
        store(TokenStoreFixtures.KEY).save(TokenStoreFixtures.token());

        assertThatThrownBy(() -> store(TokenStoreFixtures.OTHER_KEY).load())
                .isInstanceOf(TokenStoreException.class)
                .hasMessageContaining("linkedin.token")
                .hasMessageContaining("LEADSYNC_TOKEN_KEY")
                .hasMessageNotContaining(TokenStoreFixtures.ACCESS)
                .hasMessageNotContaining(TokenStoreFixtures.REFRESH);
    }

    @Test
    void tamperedFileIsRejected() throws IOException {
        EncryptedFileTokenStore store = store(TokenStoreFixtures.KEY);
        store.save(TokenStoreFixtures.token());
        byte[] raw = Files.readAllBytes(store.file());
        raw[raw.length / 2] ^= 0x20;
        Files.write(store.file(), raw);

        assertThatThrownBy(store::load).isInstanceOf(TokenStoreException.class).hasMessageContaining("altered");
    }

    @Test
    void worksAsTheTokenManagersStoreAcrossRestarts() {
        EncryptedFileTokenStore store = store(TokenStoreFixtures.KEY);
        store.save(TokenStoreFixtures.token());
        OAuthClient oauth = OAuthClient.builder().clientId("id").clientSecret("secret").redirectUri("https://x/cb")
                .scopes("r_ads").oauthBaseUrl("http://127.0.0.1:9/oauth/v2")
                .clock(new MutableClock(TokenStoreFixtures.token().grantedAt())).build();

        TokenManager restarted = TokenManager.builder().oauthClient(oauth).tokenStore(store(TokenStoreFixtures.KEY))
                .build();

        assertThat(restarted.accessToken()).isEqualTo(TokenStoreFixtures.ACCESS);
        assertThat(restarted.status().refreshTokenExpiresAt()).isEqualTo(TokenStoreFixtures.token().refreshTokenExpiresAt());
    }
}
