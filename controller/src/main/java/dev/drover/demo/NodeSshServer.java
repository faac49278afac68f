package dev.drover.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;

/**
 * One sandbox node's SSH server: Apache MINA SSHD on 127.0.0.1 with an ephemeral port, a fresh
 * ed25519 host key, public-key authentication for one user and one key, exec requests run as local
 * processes in the node's own directory ({@link NodeProcessCommand}), and SFTP on the real file system
 * with that directory as the default ({@link NodeSftpSubsystemFactory}).
 *
 * <p>Threading: MINA's own I/O threads serve the protocol; each exec request gets pump threads from a
 * per-server daemon pool. {@link #close()} stops the listener and every session and kills the
 * processes still attached to a channel (agents); processes that detached themselves (a node started
 * by {@code alfresco.sh start}) survive it, as they would an sshd restart.
 */
public final class NodeSshServer implements AutoCloseable {
    static {
        // Use BouncyCastle (already on the classpath for drover's client) without registering it as a
        // JCA provider: a registered provider would change the SSH client's behaviour in this JVM.
        System.setProperty("org.apache.sshd.security.provider.BC.useNamed", "false");
    }

    private final String name;
    private final SshServer sshd;
    private final ExecutorService processThreads;
    private final PublicKey hostKey;

    private NodeSshServer(String name, SshServer sshd, ExecutorService processThreads, PublicKey hostKey) {
        this.name = name;
        this.sshd = sshd;
        this.processThreads = processThreads;
        this.hostKey = hostKey;
    }

    /**
     * Starts a server for the node {@code name}.
     *
     * @param home the node's directory: working directory and {@code HOME} of every command, SFTP's default
     * @param user the only login name accepted
     * @param authorized the only key accepted
     * @param env variables every command gets on top of this JVM's environment
     */
    public static NodeSshServer start(String name, Path home, String user, PublicKey authorized, Map<String, String> env)
            throws IOException {
        KeyPair hostKey = generateEd25519();
        ExecutorService processThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "demo-sshd-" + name);
            t.setDaemon(true);
            return t;
        });
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        sshd.setPublickeyAuthenticator((login, offered, session) -> user.equals(login) && KeyUtils.compareKeys(authorized, offered));
        sshd.setCommandFactory((channel, command) -> new NodeProcessCommand(command, home, user, env, processThreads));
        sshd.setSubsystemFactories(List.of(new NodeSftpSubsystemFactory(home)));
        try {
            sshd.start();
        } catch (IOException e) {
            processThreads.shutdownNow();
            throw new IOException("cannot start the SSH server of sandbox node " + name + " on 127.0.0.1: " + e.getMessage(), e);
        }
        return new NodeSshServer(name, sshd, processThreads, hostKey.getPublic());
    }

    static KeyPair generateEd25519() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 key: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return sshd.getPort();
    }

    /** This server's known_hosts line, {@code [127.0.0.1]:port ssh-ed25519 AAAA...}, as OpenSSH records it. */
    public String knownHostsLine() {
        return "[" + host() + "]:" + port() + " " + PublicKeyEntry.toString(hostKey);
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the SSH server of sandbox node " + name, e);
        } finally {
            processThreads.shutdownNow();
        }
    }
}
