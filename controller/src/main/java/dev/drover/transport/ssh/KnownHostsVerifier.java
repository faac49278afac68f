package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * sshj's host key callback for one connection, deciding from {@link KnownHosts} like OpenSSH with
 * {@code StrictHostKeyChecking=yes}, or {@code accept-new} when {@code acceptNew} is set.
 *
 * <p>sshj calls {@link #verify} on its reader thread during key exchange, after it has checked the
 * server's signature with the presented key. A refusal makes sshj drop the connection before any
 * authentication; the reason is kept in {@link #refusal()} for the connecting thread to report,
 * because sshj's own exception only says "could not verify". An unknown key accepted under
 * accept-new is kept in {@link #newKey()}; the caller records it once the handshake has finished.
 * A later re-key must present the very same key.
 *
 * <p>Never accepts a changed or revoked key, and never a new key of one type while keys of other
 * types are recorded for the host (OpenSSH's accept-new would; a man-in-the-middle could otherwise
 * just offer a type the client has not seen).
 */
final class KnownHostsVerifier implements HostKeyVerifier {
    private final KnownHosts knownHosts;
    private final HostKeyMessages messages;
    private final boolean acceptNew;
    private volatile byte[] accepted;
    private volatile byte[] newKey;
    private volatile TransportException refusal;

    KnownHostsVerifier(KnownHosts knownHosts, HostKeyMessages messages, boolean acceptNew) {
        this.knownHosts = knownHosts;
        this.messages = messages;
        this.acceptNew = acceptNew;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        byte[] blob = HostKeyFormat.blob(key);
        byte[] previous = accepted;
        if (previous != null) {
            if (Arrays.equals(previous, blob)) {
                return true;
            }
            refusal = messages.changedDuringSession(previous, blob);
            return false;
        }
        KnownHosts.Check check = knownHosts.check(KnownHosts.lookupName(hostname, port), blob);
        if (check instanceof KnownHosts.Known) {
            accepted = blob;
            return true;
        }
        if (check instanceof KnownHosts.Revoked r) {
            refusal = messages.revoked(blob, r.entry());
        } else if (check instanceof KnownHosts.Changed c) {
            refusal = messages.changed(blob, c.recorded());
        } else if (check instanceof KnownHosts.Unknown u) {
            if (acceptNew && u.otherTypes().isEmpty()) {
                accepted = blob;
                newKey = blob;
                return true;
            }
            refusal = messages.unknown(blob, u.otherTypes(), acceptNew);
        }
        return false;
    }

    /**
     * Host key algorithms to prefer: those of the keys already recorded, so a server with several
     * host keys presents one that can be checked (as OpenSSH orders its proposal).
     */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        List<String> algorithms = new ArrayList<>();
        for (String type : knownHosts.keyTypesFor(KnownHosts.lookupName(hostname, port))) {
            if (type.equals("ssh-rsa")) {
                // An RSA host key is verified with a SHA-2 signature; ssh-rsa (SHA-1) only for old servers.
                algorithms.addAll(List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"));
            } else {
                algorithms.add(type);
            }
        }
        return algorithms;
    }

    /** Why the key was refused, or null if it was not. */
    TransportException refusal() {
        return refusal;
    }

    /** The blob of a key accepted as new (to be recorded), or null. */
    byte[] newKey() {
        return newKey;
    }
}
