package io.leadsync.camel.linkedin.auth;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the token in one file, encrypted with {@link TokenCipher} (AES-256-GCM; conventionally keyed by the
 * environment variable {@value TokenCipher#KEY_ENVIRONMENT_VARIABLE}). Every write goes to a temporary file in the
 * same directory that is then moved over the old one, so a crash never leaves half a token; on POSIX file systems the
 * file is readable and writable by its owner only ({@code rw-------}).
 */
public final class EncryptedFileTokenStore implements TokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptedFileTokenStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String CONTEXT = "leadsync-token-file-v1";

    private final Path file;
    private final TokenCipher cipher;

    /**
     * @param file   the token file (its directory is created when missing)
     * @param cipher the cipher, e.g. {@code TokenCipher.fromEnvironment()}
     */
    public EncryptedFileTokenStore(Path file, TokenCipher cipher) {
        this.file = Objects.requireNonNull(file, "file == null").toAbsolutePath();
        this.cipher = Objects.requireNonNull(cipher, "cipher == null");
    }

    /** The token file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<OAuthToken> load() {
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TokenStoreException("Cannot read the token file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        try {
            return Optional.of(OAuthTokenJson.read(cipher.decrypt(sealed, CONTEXT)));
        } catch (TokenStoreException e) {
            throw new TokenStoreException("Token file " + file + ": " + e.getMessage(), null);
        }
    }

    @Override
    public synchronized void save(OAuthToken token) {
        Objects.requireNonNull(token, "token == null");
        byte[] sealed = cipher.encrypt(OAuthTokenJson.write(token), CONTEXT);
        Path dir = file.getParent();
        Path temp = null;
        try {
            if (!Files.isDirectory(dir)) {
                // a directory created for the token is owner-only as well
                if (posix(dir.getParent() == null ? dir : dir.getParent())) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            temp = posix(dir) ? Files.createTempFile(dir, ".token-", ".tmp", ownerOnly())
                    : Files.createTempFile(dir, ".token-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(sealed);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp);
            temp = null;
            LOG.debug("Saved LinkedIn token sha256:{} to {}", token.accessTokenFingerprint(), file);
        } catch (IOException e) {
            throw new TokenStoreException("Cannot write the token file " + file + ": " + e.getClass().getSimpleName(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    LOG.debug("Could not delete temporary token file {}", temp);
                }
            }
        }
    }

    @Override
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TokenStoreException("Cannot delete the token file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "EncryptedFileTokenStore[" + file + "]";
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.debug("Atomic move not supported in {}, replacing the token file non-atomically", file.getParent());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
