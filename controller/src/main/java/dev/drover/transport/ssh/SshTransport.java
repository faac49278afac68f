package dev.drover.transport.ssh;

import dev.drover.transport.ExecResult;
import dev.drover.transport.FileTransferUnavailableException;
import dev.drover.transport.RemoteProcess;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

/**
 * An authenticated SSH connection to one host: one sshj {@link SSHClient} (one TCP connection) for
 * the whole run, a session channel per {@link #exec}, and one SFTP channel opened on first use for
 * every upload and download.
 *
 * <p>Lifecycle: opened by {@link SshTransportFactory#open}; {@link #close} closes the SFTP channel,
 * then the connection, and waits for sshj's keepalive thread to end (its reader thread ends as soon
 * as the socket is closed). A connection found dead (keepalive without answer, peer closed) makes
 * every later operation fail with {@link Kind#DISCONNECTED}; streams of running commands fail with an
 * {@link IOException} whose cause is such a {@link TransportException}.
 *
 * <p>Threading: exec may be called concurrently (sshj multiplexes channels). File transfers are
 * serialised on one lock around the single SFTP client.
 */
final class SshTransport implements Transport {
    private static final int SFTP_PIPELINE = 16;
    private static final long SETTLE_MS = 500;

    private final String hostName;
    private final SshTarget target;
    private final SSHClient client;
    private final AutoCloseable jumpLease;
    private final ReentrantLock sftpLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SFTPClient sftp;

    SshTransport(String hostName, SshTarget target, SSHClient client) {
        this(hostName, target, client, null);
    }

    /** @param jumpLease released after the connection is closed (the jump host connection it runs in), or null */
    SshTransport(String hostName, SshTarget target, SSHClient client, AutoCloseable jumpLease) {
        this.hostName = hostName;
        this.target = target;
        this.client = client;
        this.jumpLease = jumpLease;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public RemoteProcess exec(String command) throws TransportException {
        checkOpen();
        Session session = null;
        try {
            session = client.startSession();
            return new SshRemoteProcess(this, session, session.exec(command));
        } catch (IOException e) {
            closeQuietly(session);
            throw failure("starting '" + command + "'", e);
        }
    }

    /** As the default, but a lost connection is reported as {@link Kind#DISCONNECTED}, not as an I/O error. */
    @Override
    public ExecResult run(String command, Duration timeout) throws TransportException {
        try (RemoteProcess p = exec(command)) {
            p.stdin().close();
            return p.collect(timeout);
        } catch (IOException e) {
            throw failure("running '" + command + "'", e);
        }
    }

    @Override
    public void upload(InputStream content, long length, String remotePath, int mode) throws TransportException {
        checkOpen();
        sftpLock.lock();
        try {
            SFTPClient s = sftp(remotePath);
            int slash = remotePath.lastIndexOf('/');
            if (slash > 0) {
                mkdirs(s, remotePath.substring(0, slash));
            }
            FileAttributes attrs = new FileAttributes.Builder().withPermissions(mode).build();
            try (RemoteFile file = s.open(remotePath, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC), attrs);
                    OutputStream out = file.new RemoteFileOutputStream(0, SFTP_PIPELINE)) {
                long copied = copy(content, out, length);
                if (copied != length) {
                    throw new TransportException(Kind.IO, hostName, "uploading to " + remotePath + ": the content ended"
                            + " after " + copied + " of " + length + " bytes");
                }
            }
            // The mode given at creation is filtered by the server's umask and ignored for existing files.
            s.chmod(remotePath, mode);
        } catch (IOException e) {
            throw failure("uploading to " + remotePath, e);
        } finally {
            sftpLock.unlock();
        }
    }

    /**
     * Like {@code SFTPClient.mkdirs}, but safe when another client creates the same directories at
     * the same moment (concurrent runs, or hosts sharing an NFS home): a failed mkdir is fine if the
     * directory exists afterwards.
     */
    private static void mkdirs(SFTPClient s, String dir) throws IOException {
        StringBuilder path = new StringBuilder(dir.startsWith("/") ? "/" : "");
        for (String part : dir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path.append(path.length() == 0 || path.charAt(path.length() - 1) == '/' ? "" : "/").append(part);
            String p = path.toString();
            if (isDirectory(s, p)) {
                continue;
            }
            try {
                s.mkdir(p);
            } catch (IOException e) {
                if (!isDirectory(s, p)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isDirectory(SFTPClient s, String path) throws IOException {
        FileAttributes a = s.statExistence(path);
        return a != null && a.getType() == net.schmizz.sshj.sftp.FileMode.Type.DIRECTORY;
    }

    @Override
    public void download(String remotePath, Path local) throws TransportException {
        checkOpen();
        Path dir = local.toAbsolutePath().getParent();
        Path partial = null;
        sftpLock.lock();
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "." + local.getFileName(), ".part");
            try (RemoteFile file = sftp(remotePath).open(remotePath, EnumSet.of(OpenMode.READ));
                    InputStream in = file.new ReadAheadRemoteFileInputStream(SFTP_PIPELINE);
                    OutputStream out = Files.newOutputStream(partial)) {
                in.transferTo(out);
            }
            Files.move(partial, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
        } catch (IOException e) {
            throw failure("downloading " + remotePath + " to " + local, e);
        } finally {
            sftpLock.unlock();
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // A leftover hidden .part file is harmless.
                }
            }
        }
    }

    /**
     * Called with {@link #sftpLock} held.
     *
     * @throws FileTransferUnavailableException when the server refuses the SFTP subsystem on a live
     *     connection (sshd without {@code Subsystem sftp}: OpenSSH answers the request with a failure)
     */
    private SFTPClient sftp(String remotePath) throws IOException, TransportException {
        if (sftp == null) {
            try {
                sftp = client.newSFTPClient();
            } catch (IOException e) {
                if (connectionLost(e)) {
                    throw e;
                }
                throw new FileTransferUnavailableException(hostName, "cannot transfer " + remotePath + " on " + hostName
                        + ": the SSH server offers no SFTP subsystem (" + describe(e) + "); sshd_config has no"
                        + " 'Subsystem sftp' line, or refuses it", e);
            }
        }
        return sftp;
    }

    private static long copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[32 * 1024];
        long done = 0;
        while (done < length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, length - done));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            done += n;
        }
        return done;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sftpLock.lock();
        try {
            closeQuietly(sftp);
            sftp = null;
        } finally {
            sftpLock.unlock();
        }
        SshTransportFactory.disconnect(client);
        closeQuietly(jumpLease);
    }

    boolean isConnected() {
        return !closed.get() && client.isConnected();
    }

    /** The exception for an operation that failed: the connection is gone, or just this operation failed. */
    TransportException failure(String what, IOException e) {
        if (e.getCause() instanceof TransportException te) {
            return te;
        }
        if (connectionLost(e)) {
            return lostException(e);
        }
        return new TransportException(Kind.IO, hostName, what + " on " + hostName + ": " + describe(e), e);
    }

    /** For stream users: the same exception, or one whose cause says the connection was lost. */
    IOException translate(IOException e) {
        return e.getCause() instanceof TransportException || !connectionLost(e) ? e : lost(e);
    }

    /**
     * Whether {@code e} means the connection is gone. sshj first hands the cause of death to every
     * channel and only then marks the transport closed, so a connection-level exception may arrive
     * while the transport still looks alive: for those, wait a moment for it to settle.
     */
    boolean connectionLost(IOException e) {
        if (!isConnected()) {
            return true;
        }
        if (!(e instanceof SSHException) || e instanceof SFTPException || e instanceof OpenFailException) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        while (System.nanoTime() < deadline) {
            if (!isConnected()) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !isConnected();
    }

    IOException lost(IOException e) {
        TransportException lost = lostException(e);
        return new IOException(lost.getMessage(), lost);
    }

    private TransportException lostException(Exception e) {
        String why = closed.get() ? "the transport was closed" : describe(e);
        return new TransportException(Kind.DISCONNECTED, hostName, "connection to " + hostName + " ("
                + target.host() + ":" + target.port() + ") lost: " + why, e);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private void checkOpen() throws TransportException {
        if (closed.get()) {
            throw new TransportException(Kind.IO, hostName, "the connection to " + hostName + " was already closed");
        }
        if (!client.isConnected()) {
            throw lostException(new IOException("the server closed the connection or stopped answering keepalives"));
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // Closing: nothing useful to do with a failure.
        }
    }
}
