package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Explains why a connection could not be established (TCP connect or SSH handshake), naming the
 * address and port, the cause in words, and what to check. A host key refusal recorded by the
 * verifier takes precedence: sshj reports it only as a generic handshake failure.
 */
final class ConnectErrors {
    private ConnectErrors() {
    }

    /**
     * @param tcpConnected whether the TCP connection was established (the failure is in the SSH handshake)
     * @param connectTimeout the bound on the TCP connect
     * @param handshakeTimeout the bound on each step of the SSH handshake
     */
    static TransportException explain(Exception e, SshTarget t, KnownHostsVerifier verifier, boolean tcpConnected,
            Duration connectTimeout, Duration handshakeTimeout) {
        TransportException refusal = verifier.refusal();
        if (refusal != null) {
            return refusal;
        }
        String who = t.label();
        Throwable root = rootCause(e);
        String why;
        if (root instanceof UnknownHostException) {
            why = "cannot resolve the host name '" + t.host() + "'; check ansible_host, the inventory name, "
                    + "HostName in ~/.ssh/config, or DNS";
        } else if (root instanceof ConnectException) {
            why = "connection refused: nothing listens on port " + t.port() + " (is sshd running? is the port right?)";
        } else if (root instanceof NoRouteToHostException) {
            why = "no route to host (the host is down or a firewall rejects the connection)";
        } else if (!tcpConnected && root instanceof SocketTimeoutException) {
            why = "no answer within " + connectTimeout.toMillis() / 1000.0 + " s (the host is down, a firewall drops "
                    + "the packets, or the address is wrong)";
        } else if (root instanceof SocketTimeoutException || root instanceof TimeoutException) {
            why = "the TCP connection was accepted but the SSH handshake did not complete within "
                    + handshakeTimeout.toMillis() / 1000.0 + " s (is port " + t.port() + " an SSH server? "
                    + "is the host overloaded?)";
        } else {
            why = "the SSH handshake failed: " + message(root) + (root != e ? " (" + message(e) + ")" : "");
        }
        return new TransportException(Kind.CONNECT, t.inventoryName(), "cannot connect to " + who + ": " + why, e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
