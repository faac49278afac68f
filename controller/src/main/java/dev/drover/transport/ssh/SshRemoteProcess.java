package dev.drover.transport.ssh;

import dev.drover.transport.RemoteProcess;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One remote command on its own session channel (sshj sessions are one-shot).
 *
 * <p>When the connection is lost, every stream operation and {@link #waitFor} fails with an
 * {@link IOException} whose cause is a {@code TransportException} of kind {@code DISCONNECTED}, so a
 * caller can tell "the host went away" from "the command failed".
 *
 * <p>Threading: stdin, stdout and stderr may each be used by a different thread (sshj's channel
 * streams are independent); {@link #close} may be called from any thread, once or more.
 */
final class SshRemoteProcess implements RemoteProcess {
    private final SshTransport transport;
    private final Session session;
    private final Session.Command command;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final AtomicBoolean closed = new AtomicBoolean();

    SshRemoteProcess(SshTransport transport, Session session, Session.Command command) {
        this.transport = transport;
        this.session = session;
        this.command = command;
        this.stdin = new Out(command.getOutputStream());
        this.stdout = new In(command.getInputStream());
        this.stderr = new In(command.getErrorStream());
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws IOException {
        try {
            command.join(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ConnectionException e) {
            if (timedOut(e) && transport.isConnected()) {
                return OptionalInt.empty();
            }
            throw transport.translate(e);
        }
        Integer status = command.getExitStatus();
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends the command: if it still runs, asks the server to send it SIGTERM (OpenSSH 7.9+ honours
     * this for commands without a terminal) and closes the channel, which also makes the command's
     * next write fail with SIGPIPE on servers that ignore the signal.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (command.isOpen() && command.getExitStatus() == null && transport.isConnected()) {
            try {
                command.signal(Signal.TERM);
            } catch (IOException e) {
                // The channel is closing anyway.
            }
        }
        try {
            command.close();
        } catch (IOException e) {
            // Already closed by the server, or the connection is gone: nothing left to release.
        }
        try {
            session.close();
        } catch (IOException e) {
            // Same channel as the command; closing twice is harmless.
        }
    }

    /** Reports a lost connection as such; other I/O errors pass through unchanged. */
    private final class In extends FilterInputStream {
        In(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw transport.translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw transport.translate(e);
            }
        }
    }

    private final class Out extends FilterOutputStream {
        Out(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw transport.translate(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw transport.translate(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw transport.translate(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw transport.translate(e);
            }
        }
    }
}
