package dev.drover.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connection to one host. Opened once per host per run and reused for every step; {@link #close}
 * releases every thread and socket it started.
 *
 * <p>Remote paths that do not start with {@code /} are relative to the login user's home directory,
 * for every implementation.
 *
 * <p>Threading: {@link #exec} and the file operations may be called from different threads; an
 * implementation serialises what its underlying library requires.
 */
public interface Transport extends AutoCloseable {

    /** The host as the user named it (inventory name), for messages. */
    String hostName();

    /**
     * Starts {@code command} through the login user's shell (as {@code ssh host 'command'} does) and
     * returns at once with streaming stdio.
     */
    RemoteProcess exec(String command) throws TransportException;

    /** Runs a command to completion, collecting its output. */
    default ExecResult run(String command, Duration timeout) throws TransportException {
        try (RemoteProcess p = exec(command)) {
            p.stdin().close();
            return p.collect(timeout);
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.IO, hostName(), "running '" + command + "': " + e.getMessage(), e);
        }
    }

    /** Writes {@code length} bytes from {@code content} to {@code remotePath} with file mode {@code mode}. */
    void upload(InputStream content, long length, String remotePath, int mode) throws TransportException;

    default void upload(Path local, String remotePath, int mode) throws TransportException {
        try (InputStream in = java.nio.file.Files.newInputStream(local)) {
            upload(in, java.nio.file.Files.size(local), remotePath, mode);
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.IO, hostName(), "reading " + local + ": " + e.getMessage(), e);
        }
    }

    void download(String remotePath, Path local) throws TransportException;

    /** Idempotent; never throws. */
    @Override
    void close();
}
