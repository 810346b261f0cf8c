package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder holds personal data and the grant (issue 7 §4): owner-only from the moment each file exists. */
class DataFilesTest {

    @TempDir
    Path tmp;

    @Test
    void theDataFolderIsCreatedOwnerOnlyAndAnOldWorldReadableOneIsNarrowed() throws Exception {
        Path fresh = DataFiles.privateDirectory(tmp.resolve("fresh"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");

        Path old = Files.createDirectory(tmp.resolve("old"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path database = Files.createFile(old.resolve("leadsync.mv.db"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        DataFiles.privateDirectory(old);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    }

    @Test
    void theKeyFileIsWrittenOnceOwnerOnly() throws Exception {
        Path key = tmp.resolve("token.key");
        DataFiles.writePrivate(key, "c2VjcmV0".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).isEqualTo("c2VjcmV0");
        assertThatThrownBy(() -> DataFiles.writePrivate(key, "other".getBytes())).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(key)).as("never overwritten").isEqualTo("c2VjcmV0");
    }

    @Test
    void h2InitialisesThePreCreatedOwnerOnlyDatabaseFile() throws Exception {
        Path dir = DataFiles.privateDirectory(tmp.resolve("data"));
        Path base = DataFiles.privateDatabase(dir, "leadsync");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";WRITE_DELAY=0", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT)");
            s.execute("INSERT INTO t VALUES (1)");
        }
        Path file = dir.resolve("leadsync.mv.db");
        assertThat(Files.size(file)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
