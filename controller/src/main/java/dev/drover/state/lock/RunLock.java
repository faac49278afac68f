package dev.drover.state.lock;

import dev.drover.state.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A held overlap lock. The OS lock ({@link FileChannel#tryLock()}) is the truth: the kernel drops it
 * when the holder exits, however it exits (even {@code kill -9}), so a file whose lock can be taken
 * but still names a holder was left by a dead run, and is taken over ({@link #tookOverFrom()}).
 *
 * <p>The file is never deleted, only emptied on release: deleting it would let a waiting process
 * lock the old inode while a third locks a new file of the same name, and both would run.
 *
 * <p>Within one JVM (tests run several CLI invocations in one process) the OS cannot tell two
 * holders apart, and closing any channel on the file would drop the other's lock, so locks held
 * here are also kept in {@link #HELD} and a second acquisition is refused without touching the file.
 */
public final class RunLock implements AutoCloseable {
    private static final Map<Path, LockHolder> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final LockHolder previous;
    private final LockHolder me;

    private RunLock(Path file, FileChannel channel, FileLock lock, LockHolder previous, LockHolder me) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previous = previous;
        this.me = me;
    }

    /**
     * Takes the lock in {@code file} (created with its directories if missing) for {@code me}, or
     * fails at once: it never waits.
     *
     * @throws LockHeldException another live run holds it
     * @throws IOException       the file cannot be created, read or written
     */
    public static RunLock acquire(Path file, LockHolder me) throws LockHeldException, IOException {
        Path key = file.toAbsolutePath().normalize();
        LockHolder inThisJvm = HELD.putIfAbsent(key, me);
        if (inThisJvm != null) {
            throw new LockHeldException(key, inThisJvm);
        }
        try {
            return lock(key, me);
        } catch (LockHeldException | IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static RunLock lock(Path file, LockHolder me) throws LockHeldException, IOException {
        PrivateFiles.directory(file.getParent());
        FileChannel channel = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                // A holder writes its details right after locking; an empty read means it is starting.
                throw new LockHeldException(file, LockHolder.parse(read(channel)).orElse(null));
            }
            LockHolder previous = LockHolder.parse(read(channel)).orElse(null);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.serialize().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new RunLock(file, channel, lock, previous, me);
        } catch (LockHeldException | IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String read(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, 64 * 1024));
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // read until full or end of file
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** The dead run whose details were still in the file, if this run took over a stale lock. */
    public Optional<LockHolder> tookOverFrom() {
        return Optional.ofNullable(previous);
    }

    public Path file() {
        return file;
    }

    /**
     * Empties the file and releases the lock; a clean exit leaves no holder behind. Idempotent and
     * callable from any thread (a hard stop in a command worker releases it while the run unwinds):
     * a second close leaves alone a lock this JVM has given to another run since.
     */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.truncate(0);
                lock.release();
            }
        } finally {
            channel.close();
            HELD.remove(file, me);
        }
    }
}
