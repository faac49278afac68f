package dev.drover.socket;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The listening side of a local server (the persist process, a command worker): a Unix socket
 * bound 0600 (its directory is the owner's to secure), and a close that takes effect once, whoever
 * asks first (an idle timer, a stop request, the JVM's end). Thread-safe.
 */
public final class UnixListener {
    private final PrintStream log;
    private final String who;
    private volatile boolean closing;
    private ServerSocketChannel server;
    private Path socket;

    /** @param who how the log names the owner, e.g. {@code drover persist} */
    public UnixListener(PrintStream log, String who) {
        this.log = log;
        this.who = who;
    }

    /** Binds {@code socket} and makes it readable and writable by its owner only. */
    public synchronized void bind(Path socket) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    }

    /** True once {@link #close} was called. */
    public boolean closing() {
        return closing;
    }

    /** The next client, or null when the listener was closed (an accept that failed otherwise is logged). */
    public SocketChannel accept() {
        try {
            return server.accept();
        } catch (IOException e) {
            if (!closing) {
                log.println(who + ": accept failed: " + e.getMessage());
            }
            return null;
        }
    }

    /**
     * Closes the socket, and with {@code removeFile} its file too.
     *
     * @return true for the first call only: the owner then releases what it holds, once
     */
    public boolean close(boolean removeFile) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            closing = true;
        }
        try {
            if (server != null) {
                server.close();
                if (removeFile) {
                    Files.deleteIfExists(socket);
                }
            }
        } catch (IOException e) {
            log.println(who + ": closing the socket: " + e.getMessage());
        }
        return true;
    }
}
