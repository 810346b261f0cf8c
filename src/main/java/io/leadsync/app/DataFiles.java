package io.leadsync.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder holds members' personal data (the H2 database) and the encrypted grant: only the app's user may
 * read it. Files are created owner-only from the start ({@code CREATE_NEW} with POSIX attributes), never created
 * with the umask's permissions and restricted afterwards, which leaves a window in which anyone may open them.
 */
final class DataFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DataFiles.class);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DataFiles() {
    }

    /** {@code dir}, created 0700 if missing; an existing one and the files in it are narrowed to 0700 / 0600. */
    static Path privateDirectory(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            LOG.warn("The file system of {} has no POSIX permissions: restrict access to it by other means", dir);
            return dir;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        }
        Files.setPosixFilePermissions(dir, OWNER_DIR);
        // data folders written by earlier versions held the database 0644
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(entry, OWNER_FILE);
                } else if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(entry, OWNER_DIR);
                }
            }
        }
        return dir;
    }

    /**
     * The H2 database path {@code dir/name} (H2 appends {@code .mv.db}), with its file created empty and owner-only
     * when it does not exist yet: H2 then initialises that file instead of creating one with the umask's mode.
     */
    static Path privateDatabase(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".mv.db");
        if (posix(dir) && !Files.exists(file)) {
            try {
                Files.createFile(file, ownerOnly());
            } catch (FileAlreadyExistsException e) {
                // created in between: privateDirectory narrows it at the next start
            }
        }
        return dir.resolve(name);
    }

    /** Writes {@code content} to a new owner-only file, durably; fails if {@code file} exists. */
    static void writePrivate(Path file, byte[] content) throws IOException {
        FileAttribute<?>[] attributes = posix(file.getParent()) ? new FileAttribute<?>[] {ownerOnly()} : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_FILE);
    }

    private static boolean posix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
