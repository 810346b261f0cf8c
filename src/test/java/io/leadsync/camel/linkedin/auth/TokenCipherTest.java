package io.leadsync.camel.linkedin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** TokenCipher: AES-256-GCM round trips, fresh IVs, context binding, clear errors. */
class TokenCipherTest {

    private final TokenCipher cipher = TokenCipher.fromBase64Key(TokenStoreFixtures.KEY);

    @Test
    void roundTripsWithAFreshIvEachTime() {
        byte[] plain = "AQX-secret-token".getBytes(StandardCharsets.UTF_8);

        byte[] one = cipher.encrypt(plain, "ctx");
        byte[] two = cipher.encrypt(plain, "ctx");

        assertThat(one).isNotEqualTo(two);
        assertThat(one).hasSize(2 + 12 + plain.length + 16);
        assertThat(cipher.decrypt(one, "ctx")).isEqualTo(plain);
        assertThat(cipher.decrypt(two, "ctx")).isEqualTo(plain);
    }

    @Test
    void wrongKeyTamperingAndWrongContextAreRejectedClearly() {
        byte[] sealed = cipher.encrypt("AQX-secret-token".getBytes(StandardCharsets.UTF_8), "row-a");

        assertThatThrownBy(() -> TokenCipher.fromBase64Key(TokenStoreFixtures.OTHER_KEY).decrypt(sealed, "row-a"))
                .isInstanceOf(TokenStoreException.class).hasMessageContaining("LEADSYNC_TOKEN_KEY")
                .hasMessageContaining("not the one it was written with");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "row-b")).isInstanceOf(TokenStoreException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "row-a")).isInstanceOf(TokenStoreException.class)
                .hasMessageContaining("altered");
        assertThatThrownBy(() -> cipher.decrypt("plain text".getBytes(StandardCharsets.UTF_8), "row-a"))
                .isInstanceOf(TokenStoreException.class).hasMessageContaining("format");
    }

    @Test
    void passphraseKeysRoundTripAcrossInstancesAndRejectAnotherPassphrase() {
        TokenCipher writer = TokenCipher.fromKeyMaterial("correct horse battery staple");
        String sealed = writer.encryptToBase64("AQX-secret-token", "ctx");

        assertThat(TokenCipher.fromKeyMaterial("correct horse battery staple").decryptFromBase64(sealed, "ctx"))
                .isEqualTo("AQX-secret-token");
        assertThatThrownBy(() -> TokenCipher.fromPassphrase("another long passphrase").decryptFromBase64(sealed, "ctx"))
                .isInstanceOf(TokenStoreException.class);
        assertThatThrownBy(() -> cipher.decryptFromBase64(sealed, "ctx")).isInstanceOf(TokenStoreException.class)
                .hasMessageContaining("passphrase");
    }

    @Test
    void keyMaterialIsValidated() {
        assertThat(TokenCipher.fromKeyMaterial(TokenStoreFixtures.KEY).toString()).contains("base64 key")
                .doesNotContain(TokenStoreFixtures.KEY);
        assertThatThrownBy(() -> TokenCipher.fromKeyMaterial(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEADSYNC_TOKEN_KEY");
        assertThatThrownBy(() -> TokenCipher.fromKeyMaterial("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 12");
        assertThatThrownBy(() -> TokenCipher.fromBase64Key("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }
}
