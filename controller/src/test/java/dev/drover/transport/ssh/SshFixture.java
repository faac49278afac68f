package dev.drover.transport.ssh;

import dev.drover.testing.MinaSshServer;
import dev.drover.testing.TestKeys;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One operator machine and one SSH host for a test: an isolated local home ({@code ~/.ssh} with a
 * client key and known_hosts), a remote home served by {@link MinaSshServer}, and an environment
 * map standing in for the process environment. Nothing touches the real {@code ~/.ssh}.
 */
final class SshFixture implements AutoCloseable {
    final Path localHome;
    final Path remoteHome;
    final Map<String, String> env = new HashMap<>();
    final TestKeys.KeyFile key;
    private final MinaSshServer server;

    private SshFixture(Path localHome, Path remoteHome, TestKeys.KeyFile key, MinaSshServer server) {
        this.localHome = localHome;
        this.remoteHome = remoteHome;
        this.key = key;
        this.server = server;
    }

    /** An ed25519 client key authorized on a server with default settings. */
    static SshFixture start(Path tmp) throws IOException {
        return start(tmp, TestKeys.Type.ED25519, b -> b);
    }

    static SshFixture start(Path tmp, TestKeys.Type keyType,
            java.util.function.UnaryOperator<MinaSshServer.Builder> customize) throws IOException {
        Path local = tmp.resolve("local-home");
        Path remote = tmp.resolve("remote-home");
        Files.createDirectories(local.resolve(".ssh"));
        TestKeys.KeyFile key = TestKeys.generate(local.resolve(".ssh").resolve("drover_test_key"), keyType);
        MinaSshServer server = customize.apply(MinaSshServer.builder(remote).authorizedKey(key.publicKey())).start();
        return new SshFixture(local, remote, key, server);
    }

    MinaSshServer server() {
        return server;
    }

    SshEnvironment environment() {
        return SshEnvironment.isolated(localHome, "operator", env::get);
    }

    SshTransportFactory factory() {
        return new SshTransportFactory(environment());
    }

    Path knownHostsFile() {
        return localHome.resolve(".ssh").resolve("known_hosts");
    }

    /** Settings for the server with the fixture's key and a short connect timeout. */
    ConnectionSettings settings() {
        return ConnectionSettings.ssh("web1", server.host(), server.port(), server.user())
                .withIdentityFiles(List.of(key.privateKey()))
                .withConnectTimeout(java.time.Duration.ofSeconds(5));
    }

    /** Records the server's key in the local known_hosts, as {@code ssh-keyscan >> known_hosts} would. */
    SshFixture trustServer() throws IOException {
        appendKnownHosts(server.knownHostsLine());
        return this;
    }

    void appendKnownHosts(String line) throws IOException {
        Files.writeString(knownHostsFile(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    Transport open() throws TransportException {
        return factory().open(settings());
    }

    @Override
    public void close() {
        server.close();
    }
}
