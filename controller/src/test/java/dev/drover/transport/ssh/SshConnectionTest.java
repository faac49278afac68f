package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.TestKeys;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.RemoteProcess;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connection lifecycle: failures to connect, dead peers, threads, and ~/.ssh/config in use. */
@Timeout(60)
class SshConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void refusedConnectionIsAConnectErrorNamingAddressAndCause() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SshEnvironment env = SshEnvironment.isolated(tmp, "operator", k -> null);
        ConnectionSettings settings = ConnectionSettings.ssh("db1", "127.0.0.1", port, "drover");
        TransportException e = assertThrows(TransportException.class, () -> new SshTransportFactory(env).open(settings));
        assertEquals(Kind.CONNECT, e.kind());
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("db1 (127.0.0.1:" + port + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void serverThatNeverSpeaksSshIsAConnectErrorNotAHang() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SshEnvironment env = SshEnvironment.isolated(tmp, "operator", k -> null);
            ConnectionSettings settings = ConnectionSettings.ssh("mute", "127.0.0.1", silent.getLocalPort(), "drover")
                    .withConnectTimeout(Duration.ofSeconds(1));
            TransportException e = assertThrows(TransportException.class,
                    () -> new SshTransportFactory(env).open(settings));
            assertEquals(Kind.CONNECT, e.kind());
            assertTrue(e.getMessage().contains("SSH handshake did not complete"), e.getMessage());
        }
    }

    @Test
    void unresolvableHostIsAConnectError() {
        SshEnvironment env = SshEnvironment.isolated(tmp, "operator", k -> null);
        ConnectionSettings settings = ConnectionSettings.ssh("ghost", "no-such-host.invalid", 22, "drover");
        TransportException e = assertThrows(TransportException.class, () -> new SshTransportFactory(env).open(settings));
        assertEquals(Kind.CONNECT, e.kind());
        assertTrue(e.getMessage().contains("cannot resolve the host name 'no-such-host.invalid'"), e.getMessage());
    }

    @Test
    void silentPeerIsNoticedByKeepaliveWhileACommandWaits() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.ED25519, b -> b.freezable()).trustServer();
                Transport t = fx.factory().open(withKeepAlive(fx.settings(), Duration.ofSeconds(1), 2))) {
            RemoteProcess p = t.exec("sleep 300");
            fx.server().freeze();
            // Without keepalive this wait would simply time out after 40 s with no exit code.
            IOException e = assertThrows(IOException.class, () -> p.waitFor(Duration.ofSeconds(40)));
            TransportException cause = assertInstanceOf(TransportException.class, e.getCause(), e.toString());
            assertEquals(Kind.DISCONNECTED, cause.kind());
            assertTrue(cause.getMessage().contains("web1 (127.0.0.1:" + fx.server().port() + ") lost"), cause.getMessage());

            TransportException next = assertThrows(TransportException.class, () -> t.exec("true"));
            assertEquals(Kind.DISCONNECTED, next.kind());
            p.close();
        }
    }

    @Test
    void connectionStaysUsableWhenIdleLongerThanTheHandshakeTimeout() throws Exception {
        // The handshake bound (5 s) is a socket read timeout; sshj's reader must keep ignoring it.
        try (SshFixture fx = SshFixture.start(tmp).trustServer(); Transport t = fx.open()) {
            RemoteProcess quiet = t.exec("sleep 6; echo done");
            assertEquals(java.util.OptionalInt.of(0), quiet.waitFor(Duration.ofSeconds(30)));
            assertEquals("done\n", new String(quiet.stdout().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            quiet.close();
            assertEquals("still open\n", t.run("echo still open", WAIT).stdout());
        }
    }

    @Test
    void serverStoppedAbruptlyIsReportedAsDisconnected() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer(); Transport t = fx.open()) {
            RemoteProcess waiting = t.exec("sleep 300");
            fx.server().stopAbruptly();
            IOException e = assertThrows(IOException.class, () -> waiting.waitFor(Duration.ofSeconds(40)));
            assertEquals(Kind.DISCONNECTED, ((TransportException) e.getCause()).kind());
            TransportException run = assertThrows(TransportException.class, () -> t.run("true", WAIT));
            assertEquals(Kind.DISCONNECTED, run.kind());
            TransportException upload = assertThrows(TransportException.class,
                    () -> t.upload(new java.io.ByteArrayInputStream(new byte[1]), 1, "f", 0644));
            assertEquals(Kind.DISCONNECTED, upload.kind());
        }
    }

    @Test
    void noSshjThreadOutlivesCloseOrAFailedConnect() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp)) {
            String port = ":" + fx.server().port() + "-";
            // A refused host key: the handshake started the reader thread.
            assertThrows(TransportException.class, fx::open);
            assertNoThreadsLeft(port);

            fx.trustServer();
            Transport t = fx.factory().open(withKeepAlive(fx.settings(), Duration.ofSeconds(1), 3));
            assertEquals(0, t.run("true", WAIT).exitCode());
            t.download(fx.key.privateKey().toString(), tmp.resolve("copy"));
            assertTrue(sshjThreads(port).stream().anyMatch(n -> n.startsWith("sshj-KeepAliveRunner")),
                    "keepalive runs while connected: " + sshjThreads(port));
            t.close();
            assertTrue(sshjThreads(port).stream().noneMatch(n -> n.startsWith("sshj-KeepAliveRunner")),
                    "close() waits for the keepalive thread");
            assertNoThreadsLeft(port);
        }
    }

    @Test
    void sshConfigSuppliesHostNameUserPortAndIdentityFile() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp, TestKeys.Type.ED25519, b -> b.user("deploy")).trustServer()) {
            Files.writeString(fx.localHome.resolve(".ssh/config"), """
                    # the operator's client configuration
                    Host web1 web2
                        HostName 127.0.0.1
                        Port %d
                        User deploy
                        IdentityFile ~/.ssh/drover_test_key
                    Host *
                        User someone-else
                        Port 1
                    """.formatted(fx.server().port()));
            ConnectionSettings s = ConnectionSettings.ssh("web1", null, null, null);
            try (Transport t = fx.factory().open(s)) {
                assertEquals("deploy\n", t.run("echo $USER", WAIT).stdout());
            }
        }
    }

    @Test
    void explicitSettingsOverrideSshConfig() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            Files.writeString(fx.localHome.resolve(".ssh/config"), "Host 127.0.0.1\n  Port 1\n  User nobody\n");
            try (Transport t = fx.open()) {
                assertEquals(0, t.run("true", WAIT).exitCode());
            }
        }
    }

    @Test
    void brokenSshConfigIsAConfigErrorWithFileAndLine() throws Exception {
        try (SshFixture fx = SshFixture.start(tmp).trustServer()) {
            Path config = fx.localHome.resolve(".ssh/config");
            Files.writeString(config, "Host web1\n  Port twenty-two\n");
            TransportException e = assertThrows(TransportException.class,
                    () -> fx.factory().open(ConnectionSettings.ssh("web1", null, null, "drover")));
            assertEquals(Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().contains(config + ":2"), e.getMessage());
        }
    }

    private static ConnectionSettings withKeepAlive(ConnectionSettings s, Duration interval, int count) {
        return new ConnectionSettings(s.hostName(), s.connection(), s.address(), s.port(), s.user(), s.identityFiles(),
                s.password(), s.knownHostsFiles(), s.userKnownHostsFile(), s.acceptNewHostKeys(), s.connectTimeout(),
                interval, count, s.prompt());
    }

    private static Set<String> sshjThreads(String portMarker) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("sshj-") && n.contains(portMarker))
                .collect(Collectors.toSet());
    }

    /** The reader thread ends on its own once its socket is closed; give it a moment. */
    private static void assertNoThreadsLeft(String portMarker) throws InterruptedException {
        for (int i = 0; i < 100 && !sshjThreads(portMarker).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertEquals(Set.of(), sshjThreads(portMarker));
    }
}
