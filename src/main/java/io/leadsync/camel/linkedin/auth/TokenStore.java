package io.leadsync.camel.linkedin.auth;

import java.util.Optional;
import java.util.function.UnaryOperator;

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
     * Replaces the stored token; the new token is not revoked.
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

    /**
     * The stored grant with its revocation. The default knows no revocation: {@link #load()}, not revoked.
     *
     * @throws TokenStoreException when the stored data cannot be read or decrypted
     */
    default StoredGrant loadGrant() {
        return StoredGrant.of(load().orElse(null));
    }

    /**
     * Runs {@code refresh} on the grant as stored now, holding this store's lock on the connection from the read to
     * the write, and stores the grant it returns; returning the argument itself leaves the store untouched. Every
     * process sharing the store takes the same lock, so a refresh that one of them made is what the next one reads:
     * it can use that token instead of asking LinkedIn again (LinkedIn may rotate the refresh token, and a rotated
     * refresh token makes the old one invalid).
     * <p>
     * The default locks this store object: enough for stores that one process owns (in memory, a file); it stores
     * the token of the result but not its revocation. A store shared by several processes overrides it.
     *
     * @param refresh called once with the stored grant, under the lock; its exceptions abandon the write and reach
     *                the caller unchanged
     * @return the grant stored when the lock was released
     * @throws TokenStoreException when the grant cannot be read, locked or written
     */
    default StoredGrant refreshUnderLock(UnaryOperator<StoredGrant> refresh) {
        synchronized (this) {
            StoredGrant before = loadGrant();
            StoredGrant after = refresh.apply(before);
            if (after != before) {
                if (after.present()) {
                    save(after.token());
                } else {
                    clear();
                }
            }
            return after;
        }
    }
}
