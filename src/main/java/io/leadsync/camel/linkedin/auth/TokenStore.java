package io.leadsync.camel.linkedin.auth;

import java.util.Optional;

/**
 * Where the connector keeps the LinkedIn grant between restarts. Implementations are thread-safe and keep tokens
 * encrypted at rest when they persist them.
 */
public interface TokenStore {

    /**
     * The stored token, if any.
     *
     * @throws TokenStoreException when the stored data cannot be read or decrypted
     */
    Optional<OAuthToken> load();

    /**
     * Replaces the stored token.
     *
     * @throws TokenStoreException when the token cannot be written
     */
    void save(OAuthToken token);

    /**
     * Forgets the stored token (disconnect).
     *
     * @throws TokenStoreException when the token cannot be removed
     */
    void clear();
}
