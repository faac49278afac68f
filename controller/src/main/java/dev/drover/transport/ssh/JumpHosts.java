package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import java.util.HashMap;
import java.util.Map;
import net.schmizz.sshj.SSHClient;

/**
 * The jump host connections of one run, shared by every host behind them: ten nodes behind one
 * bastion make one connection to it, each node a channel ({@code direct-tcpip}) inside it.
 *
 * <p>A jump connection is opened on the first {@link #acquire} (its own jump first, recursively)
 * and closed when the last {@link Lease} is closed. One found dead (keepalive, peer closed) is
 * replaced on the next acquire. Connections are keyed by the whole chain up to them, the user, the
 * keys offered and the host key policy, so hosts that reach the same bastion differently never
 * share a connection.
 *
 * <p>Threading: acquire and release may be called from any thread. Opening one jump holds that
 * jump's lock (hosts behind it wait for it, hosts behind other jumps do not); locks are taken from
 * the hop nearest the target towards the first hop, along an acyclic chain, so they cannot deadlock.
 */
final class JumpHosts {
    /** Opens one hop's connection, through {@code via} when the hop has a jump of its own. */
    interface Connector {
        SSHClient connect(SshTarget hop, SSHClient via) throws TransportException;
    }

    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        SSHClient client;
        Lease parent;
        int users;
    }

    /** One user's hold on a jump connection; closing it twice is harmless. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private final SSHClient client;
        private boolean released;

        private Lease(Entry entry, SSHClient client) {
            this.entry = entry;
            this.client = client;
        }

        SSHClient client() {
            return client;
        }

        @Override
        public void close() {
            synchronized (entry) {
                if (released) {
                    return;
                }
                released = true;
                release(entry);
            }
        }
    }

    /** @param policy what else must match for two hosts to share the connection (host key policy) */
    Lease acquire(SshTarget hop, String policy, Connector connector) throws TransportException {
        Entry e;
        synchronized (entries) {
            e = entries.computeIfAbsent(key(hop, policy), k -> new Entry());
        }
        synchronized (e) {
            if (e.client != null && !e.client.isConnected()) {
                SshTransportFactory.disconnect(e.client);
                e.client = null;
                closeParent(e);
            }
            if (e.client == null) {
                Lease parent = hop.jump() == null ? null : acquire(hop.jump(), policy, connector);
                try {
                    e.client = connector.connect(hop, parent == null ? null : parent.client());
                    e.parent = parent;
                } catch (TransportException | RuntimeException x) {
                    if (parent != null) {
                        parent.close();
                    }
                    throw x;
                }
            }
            e.users++;
            return new Lease(e, e.client);
        }
    }

    /** Called with the entry's lock held. */
    private static void release(Entry e) {
        e.users--;
        if (e.users <= 0 && e.client != null) {
            e.users = 0;
            SshTransportFactory.disconnect(e.client);
            e.client = null;
            closeParent(e);
        }
    }

    private static void closeParent(Entry e) {
        if (e.parent != null) {
            e.parent.close();
            e.parent = null;
        }
    }

    private static String key(SshTarget hop, String policy) {
        StringBuilder k = new StringBuilder();
        for (SshTarget t = hop; t != null; t = t.jump()) {
            k.append(t.user()).append('@').append(t.host()).append(':').append(t.port()).append(t.identities())
                    .append(t.knownHostsFiles()).append(" < ");
        }
        return k.append(policy).toString();
    }
}
