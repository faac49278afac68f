package dev.drover.testing;

import dev.drover.demo.NodeProcessCommand;
import dev.drover.demo.NodeSftpSubsystemFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;
import org.apache.sshd.server.session.ServerUserAuthServiceFactory;

/**
 * An in-process SSH server (Apache MINA SSHD) on 127.0.0.1 with an ephemeral port, for tests that
 * need a real SSH peer without an sshd binary or root.
 *
 * <p>What it does, as OpenSSH would for one login user:
 * <ul>
 *   <li>host key generated per server (ed25519 by default; RSA or ECDSA on request, or a given pair);
 *   <li>public-key auth against the given authorized keys; password and keyboard-interactive auth
 *       when a password is set; {@code ssh-rsa} (SHA-1) signatures refused, as OpenSSH 8.8+ does;
 *   <li>exec requests run {@code /bin/sh -c command} as real processes in the home directory with
 *       {@code HOME} set to it, with real stdin/stdout/stderr and exit codes;
 *   <li>SFTP on the real file system; relative paths resolve against the home directory.
 * </ul>
 *
 * <p>For failure tests: {@link #stopAbruptly()} drops every connection (the client sees EOF), and a
 * server built with {@link Builder#freezable()} can {@link #freeze()}: it then stays connected but
 * silent, like a host that lost power, which only keepalives detect. {@link #authAttempts()} and
 * {@link #userAuthRequested()} tell what a client tried.
 *
 * <pre>{@code
 * try (MinaSshServer server = MinaSshServer.builder(home).authorizedKey(key.publicKey()).start()) {
 *     Files.writeString(knownHosts, server.knownHostsLine() + "\n");
 *     ... connect to server.host():server.port() as server.user() ...
 * }
 * }</pre>
 */
public final class MinaSshServer implements AutoCloseable {
    static {
        MinaSecurity.init();
    }

    /** Host key algorithms the server can use. */
    public enum HostKeyType {
        ED25519(KeyPairProvider.SSH_ED25519, 256),
        ECDSA(KeyPairProvider.ECDSA_SHA2_NISTP256, 256),
        RSA(KeyPairProvider.SSH_RSA, 2048);

        private final String sshName;
        private final int bits;

        HostKeyType(String sshName, int bits) {
            this.sshName = sshName;
            this.bits = bits;
        }
    }

    /** One user-authentication request the server received. {@code accepted} is null for a public-key query. */
    public record AuthAttempt(String method, String user, String algorithm, Boolean accepted) {
    }

    private final SshServer sshd;
    private final ExecutorService processThreads;
    private final FreezableRelay relay;
    private final KeyPair hostKey;
    private final String user;
    private final List<AuthAttempt> attempts;
    private final AtomicInteger userAuthServiceRequests;

    private MinaSshServer(SshServer sshd, ExecutorService processThreads, FreezableRelay relay, KeyPair hostKey,
            String user, List<AuthAttempt> attempts, AtomicInteger userAuthServiceRequests) {
        this.sshd = sshd;
        this.processThreads = processThreads;
        this.relay = relay;
        this.hostKey = hostKey;
        this.user = user;
        this.attempts = attempts;
        this.userAuthServiceRequests = userAuthServiceRequests;
    }

    /** @param home the login user's home: exec working directory, {@code HOME}, SFTP default directory */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    public static KeyPair generateHostKey(HostKeyType type) {
        try {
            return KeyUtils.generateKeyPair(type.sshName, type.bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    /** A known_hosts line {@code hostPattern keytype base64}. */
    public static String knownHostsLine(String hostPattern, PublicKey key) {
        return hostPattern + " " + PublicKeyEntry.toString(key);
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The port clients connect to (the relay's when the server is freezable). */
    public int port() {
        return relay != null ? relay.port() : sshd.getPort();
    }

    /** The only user name the server accepts. */
    public String user() {
        return user;
    }

    public PublicKey hostPublicKey() {
        return hostKey.getPublic();
    }

    /** The host key's fingerprint as OpenSSH prints it: {@code SHA256:base64-without-padding}. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** The known_hosts line for this server: {@code [127.0.0.1]:port keytype base64}. */
    public String knownHostsLine() {
        return knownHostsLine("[" + host() + "]:" + port(), hostKey.getPublic());
    }

    /** Every user-authentication request received so far, in order. */
    public List<AuthAttempt> authAttempts() {
        return List.copyOf(attempts);
    }

    /** How many times a client asked for the ssh-userauth service (0: nobody got as far as authenticating). */
    public int userAuthRequested() {
        return userAuthServiceRequests.get();
    }

    /** Makes the server silent without closing anything (needs {@link Builder#freezable()}). */
    public void freeze() {
        if (relay == null) {
            throw new IllegalStateException("build the server with freezable() to freeze it");
        }
        relay.freeze();
    }

    /** Closes the listener and every session at once, as a crashed sshd would. */
    public void stopAbruptly() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        processThreads.shutdownNow();
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
        stopAbruptly();
    }

    /** Configures and starts a {@link MinaSshServer}. */
    public static final class Builder {
        private final Path home;
        private String user = "drover";
        private KeyPair hostKey;
        private HostKeyType hostKeyType = HostKeyType.ED25519;
        private final List<KeyPair> additionalHostKeys = new ArrayList<>();
        private final List<PublicKey> authorizedKeys = new ArrayList<>();
        private String password;
        private boolean passwordMethod = true;
        private boolean keyboardInteractiveMethod = true;
        private boolean allowSshRsa;
        private boolean freezable;
        private boolean sftp = true;
        private int port;

        private Builder(Path home) {
            this.home = home;
        }

        /** Listens on this port (default: a free one), e.g. to restart a host where it was. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The login user (default {@code drover}); any other user name is refused. */
        public Builder user(String name) {
            this.user = name;
            return this;
        }

        public Builder hostKeyType(HostKeyType type) {
            this.hostKeyType = type;
            return this;
        }

        /** Uses this host key instead of generating one (e.g. to simulate a reinstalled host). */
        public Builder hostKey(KeyPair pair) {
            this.hostKey = pair;
            return this;
        }

        /**
         * Serves this key too (a host with keys of several types); the client's algorithm proposal
         * decides which one the server presents. {@link MinaSshServer#hostPublicKey()} stays the main one.
         */
        public Builder additionalHostKey(KeyPair pair) {
            additionalHostKeys.add(pair);
            return this;
        }

        public Builder authorizedKey(PublicKey key) {
            authorizedKeys.add(key);
            return this;
        }

        /** Enables password and keyboard-interactive authentication with this password. */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /** Which password-based methods to offer when a password is set (both by default). */
        public Builder passwordMethods(boolean password, boolean keyboardInteractive) {
            this.passwordMethod = password;
            this.keyboardInteractiveMethod = keyboardInteractive;
            return this;
        }

        /** Accepts {@code ssh-rsa} (SHA-1) user signatures, as OpenSSH before 8.8 did. Off by default. */
        public Builder allowSshRsaSignatures(boolean allow) {
            this.allowSshRsa = allow;
            return this;
        }

        /** Puts a relay in front of the server so that {@link MinaSshServer#freeze()} works. */
        /** No SFTP subsystem, like an sshd_config without {@code Subsystem sftp}: the request is refused. */
        public Builder withoutSftp() {
            this.sftp = false;
            return this;
        }

        public Builder freezable() {
            this.freezable = true;
            return this;
        }

        public MinaSshServer start() throws IOException {
            Files.createDirectories(home);
            KeyPair key = hostKey != null ? hostKey : generateHostKey(hostKeyType);
            List<AuthAttempt> attempts = new CopyOnWriteArrayList<>();
            AtomicInteger userAuthRequests = new AtomicInteger();
            ExecutorService processThreads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-sshd-process");
                t.setDaemon(true);
                return t;
            });

            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(port);
            List<KeyPair> hostKeys = new ArrayList<>(List.of(key));
            hostKeys.addAll(additionalHostKeys);
            sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
            sshd.setUserAuthFactories(authFactories(sshd, attempts));
            sshd.setPublickeyAuthenticator((name, offered, session) -> user.equals(name)
                    && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, offered)));
            if (password != null) {
                sshd.setPasswordAuthenticator((name, given, session) -> {
                    boolean ok = user.equals(name) && password.equals(given);
                    attempts.add(new AuthAttempt("password", name, null, ok));
                    return ok;
                });
                sshd.setKeyboardInteractiveAuthenticator(new RecordingAuth.KeyboardInteractive(user, password, attempts));
            }
            sshd.setServiceFactories(List.of(new ServerUserAuthServiceFactory() {
                @Override
                public Service create(Session session) throws IOException {
                    userAuthRequests.incrementAndGet();
                    return super.create(session);
                }
            }, ServerConnectionServiceFactory.INSTANCE));
            sshd.setCommandFactory((channel, command) -> new NodeProcessCommand(command, home, user, Map.of(), processThreads));
            sshd.setSubsystemFactories(sftp ? List.of(new NodeSftpSubsystemFactory(home)) : List.of());
            sshd.start();

            FreezableRelay relay = freezable ? new FreezableRelay(sshd.getPort()) : null;
            return new MinaSshServer(sshd, processThreads, relay, key, user, attempts, userAuthRequests);
        }

        private List<UserAuthFactory> authFactories(SshServer sshd, List<AuthAttempt> attempts) {
            List<NamedFactory<Signature>> signatures = new ArrayList<>(sshd.getSignatureFactories());
            if (!allowSshRsa) {
                signatures.removeIf(f -> KeyPairProvider.SSH_RSA.equals(f.getName())
                        || KeyPairProvider.SSH_DSS.equals(f.getName()));
            }
            List<UserAuthFactory> factories = new ArrayList<>();
            factories.add(new RecordingAuth.PublicKeyFactory(signatures, attempts));
            if (password != null && keyboardInteractiveMethod) {
                factories.add(UserAuthKeyboardInteractiveFactory.INSTANCE);
            }
            if (password != null && passwordMethod) {
                factories.add(UserAuthPasswordFactory.INSTANCE);
            }
            return factories;
        }
    }
}
