package io.leadsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a sandbox world alive across restarts: an append-only journal of every change made after seeding,
 * one JSON object per line in {@code <dataDir>/sandbox-journal.jsonl}, replayed over the seeded world at start.
 * <p>
 * Why a journal and not a database: the seeded world is rebuilt from its seed anyway (a million seeded leads are
 * never written), so only the few changes need keeping, and each is already a small JSON value (a token, a lead, a
 * subscription, a form version). Appending one line per change, in the order the changes were made, needs no schema,
 * and replaying it calls the same store methods that made the change. Each line is written with one
 * {@code write} (so a {@code kill -9} loses nothing that was answered) and forced to disk before the change is
 * answered; a burst of changes made by one call (a submission of many leads) is forced once, at its end.
 * <p>
 * A crash in the middle of a write leaves a partial last line: it is dropped with a WARN and cut off the file, so
 * later lines start clean. A bad line anywhere else means the file was damaged by something else, and start fails.
 * The first line records the seed, the number of seeded leads and the instant of seeding, so a restart rebuilds the
 * very same seeded world; a restart with another seed or lead count is refused. The directory is locked while a
 * sandbox uses it.
 * <p>
 * The journal holds raw tokens: its file is made readable by its owner only where the file system allows.
 */
final class SandboxJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxJournal.class);
    static final String FILE_NAME = "sandbox-journal.jsonl";

    /** The journal of a sandbox without a data directory: appends go nowhere. */
    static final SandboxJournal NONE = new SandboxJournal();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<ObjectNode> records;
    private final ThreadLocal<int[]> batchDepth = ThreadLocal.withInitial(() -> new int[1]);
    private volatile boolean replaying;
    private boolean dirty;
    private boolean closed;

    private SandboxJournal() {
        this.file = null;
        this.channel = null;
        this.lock = null;
        this.records = List.of();
    }

    private SandboxJournal(Path file, FileChannel channel, FileLock lock, List<ObjectNode> records) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.records = records;
    }

    /**
     * Opens (or creates) the journal in {@code dir}, reads its records and drops a torn last line.
     *
     * @throws IllegalStateException when another sandbox holds the directory, or a line other than the last is bad
     */
    static SandboxJournal open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Sandbox data directory " + dir + " is in use by another sandbox");
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            List<ObjectNode> records = new ArrayList<>();
            long good = read(file, channel, records);
            if (good < channel.size()) {
                channel.truncate(good);
                channel.force(true);
            }
            channel.position(good);
            return new SandboxJournal(file, channel, lock, records);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the sandbox journal in " + dir, e);
        }
    }

    /**
     * Reads every complete record; answers the length of the file up to the end of the last good line (a complete
     * last record that lost only its newline is kept, and the newline is added back).
     */
    private static long read(Path file, FileChannel channel, List<ObjectNode> records) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long good = 0;
        int lineNo = 0;
        int from = 0;
        while (from < bytes.length) {
            int nl = from;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            boolean terminated = nl < bytes.length;
            boolean lastLine = !terminated || nl + 1 >= bytes.length;
            String line = new String(bytes, from, nl - from, StandardCharsets.UTF_8);
            lineNo++;
            if (line.isBlank() && terminated) {
                from = nl + 1;
                good = from;
                continue;
            }
            ObjectNode record = parse(line);
            if (record == null) {
                if (!lastLine) {
                    throw new IllegalStateException("Sandbox journal " + file + " is damaged at line " + lineNo
                            + " (only the last line may be incomplete); restore it or start on a fresh directory");
                }
                // the write of this line never finished: the sandbox stopped mid-write (kill -9, power loss)
                LOG.warn("Sandbox journal {}: dropped the incomplete last line {} ({} bytes), left by a sandbox "
                        + "that stopped mid-write", file, lineNo, nl - from);
                break;
            }
            records.add(record);
            if (!terminated) {
                // a whole JSON object that lost only its newline (an object's prefix never parses)
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), bytes.length);
                good = bytes.length + 1;
                break;
            }
            from = nl + 1;
            good = from;
        }
        return good;
    }

    private static ObjectNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            return node instanceof ObjectNode o && o.hasNonNull("type") ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    boolean durable() {
        return channel != null;
    }

    /** Whether the journal was empty when opened (a new data directory). */
    boolean isNew() {
        return records.isEmpty();
    }

    /** The first record (the world header), or {@code null} for a new journal. */
    ObjectNode header() {
        return records.isEmpty() ? null : records.get(0);
    }

    /** Hands every record after the header to {@code apply}; appends made meanwhile are not written again. */
    void replay(Consumer<ObjectNode> apply) {
        replaying = true;
        try {
            for (int i = 1; i < records.size(); i++) {
                apply.accept(records.get(i));
            }
        } finally {
            replaying = false;
            records.clear();
        }
    }

    /**
     * Appends one record. The line is written at once; it is forced to disk now, or at the end of the enclosing
     * {@link #batch(Runnable)}.
     */
    void append(ObjectNode record) {
        if (channel == null || replaying) {
            return;
        }
        byte[] line = Json.bytes(record);
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The sandbox journal is closed");
            }
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                dirty = true;
                if (batchDepth.get()[0] == 0) {
                    force();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the sandbox journal " + file, e);
            }
        }
    }

    /** Runs {@code work}, forcing what it appended to disk once at its end. */
    void batch(Runnable work) {
        int[] depth = batchDepth.get();
        depth[0]++;
        try {
            work.run();
        } finally {
            depth[0]--;
            if (depth[0] == 0 && channel != null) {
                synchronized (this) {
                    if (!closed) {
                        try {
                            force();
                        } catch (IOException e) {
                            throw new UncheckedIOException("Cannot write the sandbox journal " + file, e);
                        }
                    }
                }
            }
        }
    }

    private void force() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    /** A record of {@code type}. */
    static ObjectNode record(String type) {
        ObjectNode record = Json.object();
        record.put("type", type);
        return record;
    }

    @Override
    public synchronized void close() {
        if (channel == null || closed) {
            return;
        }
        closed = true;
        try {
            force();
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the sandbox journal {} failed: {}", file, e.toString());
        }
    }
}
