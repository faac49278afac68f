package dev.drover.remote;

import dev.drover.testing.MinaSshServer;
import dev.drover.testing.TestKeys;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import dev.drover.transport.local.LocalTransport;
import dev.drover.transport.ssh.SshEnvironment;
import dev.drover.transport.ssh.SshTransportFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One way of reaching a "host" whose home directory is a folder of this machine, so the contract
 * tests can look at the host's files directly. Each wiring runs the same suite (STYLE: one contract
 * suite over every wiring).
 */
interface HostWiring extends AutoCloseable {
    /** A fresh connection, as a new run would open. */
    Transport open() throws Exception;

    /** The host's login home on this machine's disk. */
    Path home();

    @Override
    void close();

    static HostWiring create(String kind, Path tmp) throws Exception {
        return switch (kind) {
            case "local" -> local(tmp);
            case "mina-ssh" -> mina(tmp, true);
            case "mina-ssh-no-sftp" -> mina(tmp, false);
            default -> throw new IllegalArgumentException("unknown wiring " + kind
                    + "; known: local, mina-ssh, mina-ssh-no-sftp");
        };
    }

    private static HostWiring local(Path tmp) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("host-home"));
        return new HostWiring() {
            @Override
            public Transport open() {
                return new LocalTransport("testhost", home);
            }

            @Override
            public Path home() {
                return home;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Apache MINA SSHD in-process: real SSH, SFTP and exec of real processes, on loopback; without
     * SFTP ({@code sftp} false) the agent jar must travel over the exec channel.
     */
    private static HostWiring mina(Path tmp, boolean sftp) throws Exception {
        Path local = Files.createDirectories(tmp.resolve("operator-home/.ssh")).getParent();
        Path home = Files.createDirectories(tmp.resolve("host-home"));
        TestKeys.KeyFile key = TestKeys.generate(local.resolve(".ssh/id_ed25519"), TestKeys.Type.ED25519);
        MinaSshServer.Builder builder = MinaSshServer.builder(home).authorizedKey(key.publicKey());
        MinaSshServer server = (sftp ? builder : builder.withoutSftp()).start();
        Files.writeString(local.resolve(".ssh/known_hosts"), server.knownHostsLine() + "\n");
        SshTransportFactory factory = new SshTransportFactory(SshEnvironment.isolated(local, "operator", Map.<String, String>of()::get));
        ConnectionSettings settings = ConnectionSettings.ssh("testhost", server.host(), server.port(), server.user())
                .withIdentityFiles(List.of(key.privateKey()))
                .withConnectTimeout(Duration.ofSeconds(5));
        return new HostWiring() {
            @Override
            public Transport open() throws Exception {
                return factory.open(settings);
            }

            @Override
            public Path home() {
                return home;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
