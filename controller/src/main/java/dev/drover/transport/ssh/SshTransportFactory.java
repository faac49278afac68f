package dev.drover.transport.ssh;

import dev.drover.secret.Secret;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportFactory;
import java.io.IOException;
import java.time.Duration;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.SSHClient;

/**
 * Opens {@link SshTransport}s: resolves the target (settings, {@code ~/.ssh/config}, defaults), loads
 * the private keys, connects, checks the host key against known_hosts, records it when accepting
 * new keys, and logs in.
 *
 * <p>Order of one {@link #open}: keys are read (and passphrases asked) before any network traffic;
 * TCP connect (bounded by the connect timeout); key exchange and host key check (nothing is sent
 * after a refused key: no authentication attempt at all); recording an accepted new key; login;
 * keepalive starts. Any failure closes what was opened, so no thread or socket leaks.
 *
 * <p>Behind jump hosts ({@link SshTarget}, {@link JumpSpec}), each hop is connected the same way,
 * first hop first, each through a {@code direct-tcpip} channel of the previous one ({@link Tunnel}),
 * its host key checked like the target's before anything is sent to it. Jump connections are shared
 * by the hosts behind them for as long as one of their transports is open ({@link JumpHosts}).
 *
 * <p>One factory serves a whole run: it caches the parsed ssh_config and the decrypted keys, so a
 * passphrase is asked once however many hosts use the key. Thread-safe: hosts may be opened in
 * parallel.
 *
 * <p>BouncyCastle is never registered as a JCA provider (it costs about half a second at start-up);
 * the constructor tells sshj so before any sshj class consults it.
 */
public final class SshTransportFactory implements TransportFactory {
    /** How long sshj waits for channel and SFTP replies on an established connection. */
    private static final int OPERATION_TIMEOUT_MS = 30_000;
    /** The handshake (key exchange, login) may take this long even with a shorter connect timeout. */
    private static final int MIN_HANDSHAKE_TIMEOUT_MS = 5_000;

    private final SshEnvironment env;
    private final ClientConfig sshjConfig;
    private final IdentityLoader identities;
    private final JumpHosts jumps = new JumpHosts();
    private SshConfig sshConfig;

    /** For the real machine: the operator's {@code ~/.ssh} and process environment. */
    public SshTransportFactory() {
        this(SshEnvironment.system());
    }

    /** @param env where ssh_config, known_hosts and default keys are, and the environment lookup */
    public SshTransportFactory(SshEnvironment env) {
        ClientConfig.prepareSecurity();
        this.env = env;
        this.sshjConfig = new ClientConfig();
        this.identities = new IdentityLoader(sshjConfig, env.env());
    }

    @Override
    public Transport open(ConnectionSettings settings) throws TransportException {
        SshTarget target;
        KnownHosts known;
        try {
            target = SshTarget.resolve(settings, sshConfig(), env);
            known = KnownHosts.load(target.knownHostsFiles());
        } catch (TransportException e) {
            // Errors in files shared by all hosts are reported for the host being opened.
            throw e.host() != null ? e : new TransportException(e.kind(), settings.hostName(), e.getMessage(), e.getCause());
        }
        IdentityLoader.Loaded keys = identities.load(target.identities(), settings.prompt(), settings.hostName());
        JumpHosts.Lease lease = null;
        boolean opened = false;
        try {
            if (target.jump() != null) {
                lease = jumps.acquire(target.jump(), "accept-new=" + settings.acceptNewHostKeys(), (hop, via) ->
                        connect(hop, settings, known, identities.load(hop.identities(), settings.prompt(),
                                settings.hostName()), null, via));
            }
            SSHClient client = connect(target, settings, known, keys, settings.password(),
                    lease == null ? null : lease.client());
            opened = true;
            return new SshTransport(settings.hostName(), target, client, lease);
        } finally {
            if (!opened && lease != null) {
                lease.close();
            }
        }
    }

    /**
     * Connects to one host or jump host, directly or through {@code via} (a {@code direct-tcpip}
     * channel of the previous hop's connection), checks its host key and logs in.
     */
    private SSHClient connect(SshTarget target, ConnectionSettings settings, KnownHosts known,
            IdentityLoader.Loaded keys, Secret password, SSHClient via) throws TransportException {
        HostKeyMessages messages = HostKeyMessages.of(target);
        KnownHostsVerifier verifier = new KnownHostsVerifier(known, messages, settings.acceptNewHostKeys());
        SSHClient client = new SSHClient(sshjConfig);
        boolean opened = false;
        try {
            client.addHostKeyVerifier(verifier);
            int connectMs = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
            int handshakeMs = Math.max(connectMs, MIN_HANDSHAKE_TIMEOUT_MS);
            client.setConnectTimeout(connectMs);
            // Bounds the wait for the server's banner, which sshj reads on this thread; its reader
            // thread ignores read timeouts afterwards, so the setting is harmless once connected.
            client.setTimeout(handshakeMs);
            client.getTransport().setTimeoutMs(handshakeMs);
            configureKeepAlive(client, settings.keepAliveInterval(), settings.keepAliveMaxCount());
            if (via == null) {
                try {
                    client.connect(target.host(), target.port());
                    // A step's request is a small write after a small write (a window adjust): with Nagle on,
                    // it waits for sshd's delayed ACK, about 40 ms a task on loopback.
                    client.getSocket().setTcpNoDelay(true);
                } catch (IOException | RuntimeException e) {
                    boolean tcpConnected = client.getSocket() != null && client.getSocket().isConnected();
                    throw ConnectErrors.explain(e, target, verifier, tcpConnected, settings.connectTimeout(),
                            Duration.ofMillis(handshakeMs));
                }
            } else {
                Tunnel.connect(client, via, target, verifier, Duration.ofMillis(handshakeMs));
            }
            if (verifier.newKey() != null) {
                String name = KnownHosts.lookupName(target.host(), target.port());
                if (KnownHostsAppender.record(target.userKnownHostsFile(), name, verifier.newKey(), messages)) {
                    settings.prompt().tell("recorded the " + HostKeyFormat.describe(verifier.newKey()) + " of "
                            + settings.hostName() + " (" + name + ") in " + target.userKnownHostsFile()
                            + " (accept-new): compare it with the host's own (ssh-keygen -lf"
                            + " /etc/ssh/ssh_host_*_key.pub there); a changed key will be refused from now on");
                }
            }
            SshAuthenticator.authenticate(client, target, keys, password, env);
            client.getTransport().setTimeoutMs(OPERATION_TIMEOUT_MS);
            opened = true;
            return client;
        } finally {
            if (!opened) {
                disconnect(client);
            }
        }
    }

    private synchronized SshConfig sshConfig() throws TransportException {
        if (sshConfig == null) {
            sshConfig = SshConfig.load(env.configFile(), env.userHome());
        }
        return sshConfig;
    }

    /**
     * sshj's keepalive sends {@code keepalive@openssh.com} every interval (whole seconds) and drops
     * the connection after {@code maxCount} unanswered ones, so a dead peer is noticed within about
     * {@code interval * (maxCount + 1)} even while nothing else is sent.
     */
    private static void configureKeepAlive(SSHClient client, Duration interval, int maxCount) {
        KeepAlive keepAlive = client.getConnection().getKeepAlive();
        long seconds = interval.isZero() || interval.isNegative() ? 0 : Math.max(1, (interval.toMillis() + 999) / 1000);
        keepAlive.setKeepAliveInterval((int) Math.min(Integer.MAX_VALUE, seconds));
        if (keepAlive instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(maxCount);
        }
    }

    /**
     * Closes a client whatever its state and waits (briefly) for its keepalive thread, so that no
     * sshj thread outlives the transport. Never throws.
     */
    static void disconnect(SSHClient client) {
        Thread keepAlive = client.getConnection().getKeepAlive();
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            // Already broken; the socket is closed either way.
        }
        keepAlive.interrupt();
        if (keepAlive.isAlive()) {
            try {
                keepAlive.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
