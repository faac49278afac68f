package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * Connects an SSH client to its target through a jump host: asks the jump host's sshd to open a
 * TCP connection to the target ({@code direct-tcpip}, what {@code ssh -W} and ProxyJump use) and
 * runs the SSH handshake over that channel.
 *
 * <p>Without a socket there is no read timeout: a watchdog closes the channel when the handshake
 * has not finished within {@code handshakeTimeout}, so a target that accepts and never answers
 * cannot hang the run.
 */
final class Tunnel {
    private Tunnel() {
    }

    static void connect(SSHClient client, SSHClient via, SshTarget target, KnownHostsVerifier verifier,
            Duration handshakeTimeout) throws TransportException {
        String jump = target.jump() == null ? "the jump host" : target.jump().label();
        DirectConnection channel;
        try {
            channel = via.newDirectConnection(target.host(), target.port());
        } catch (OpenFailException e) {
            throw new TransportException(Kind.CONNECT, target.inventoryName(), "cannot connect to " + target.label()
                    + ": " + jump + " could not open a connection to " + target.host() + ":" + target.port() + " ("
                    + e.getReason() + ": " + e.getMessage() + "); check the address and port as the jump host sees"
                    + " them, and that its sshd allows forwarding (AllowTcpForwarding, PermitOpen)", e);
        } catch (IOException e) {
            throw new TransportException(Kind.CONNECT, target.inventoryName(), "cannot connect to " + target.label()
                    + " through " + jump + ": " + e.getMessage(), e);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean expired = new AtomicBoolean();
        CompletableFuture.delayedExecutor(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!done.get()) {
                expired.set(true);
                closeQuietly(channel);
            }
        });
        try {
            client.connectVia(channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            TransportException refusal = verifier.refusal();
            if (refusal != null) {
                throw refusal;
            }
            String why = expired.get() ? "no SSH handshake within " + handshakeTimeout.toMillis() / 1000.0
                    + " s (is " + target.host() + ":" + target.port() + " an SSH server, as seen from " + jump + "?)"
                    : "the SSH handshake through " + jump + " failed: " + e.getMessage();
            throw new TransportException(Kind.CONNECT, target.inventoryName(), "cannot connect to " + target.label()
                    + ": " + why, e);
        } finally {
            done.set(true);
        }
    }

    private static void closeQuietly(DirectConnection channel) {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            // Closing a channel that failed: nothing more to do.
        }
    }
}
