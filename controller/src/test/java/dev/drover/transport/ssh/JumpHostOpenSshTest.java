package dev.drover.transport.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.remote.AgentBootstrap;
import dev.drover.remote.AgentClient;
import dev.drover.remote.AgentJar;
import dev.drover.remote.AgentOptions;
import dev.drover.testing.EdgeLab;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ExecResult;
import dev.drover.transport.ProxySetting;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bastion hosts against real OpenSSH (testbed/lab/lab-edge.sh): the target listens only inside a
 * private network namespace that jump1 alone leads into, and each bastion's sshd may forward only to
 * the next hop (PermitOpen). So a connection that skips a hop, or goes direct, cannot succeed.
 */
class JumpHostOpenSshTest {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path home;
    private EdgeLab.Edge edge;
    private SshTransportFactory factory;

    @BeforeEach
    void lab() {
        edge = EdgeLab.get();
        edge.requireJumps();
        factory = new SshTransportFactory(SshEnvironment.isolated(home, edge.lab().user(), n -> null));
    }

    private ConnectionSettings target(ProxySetting proxy) {
        return edge.settings("app1", edge.target()).withProxy(proxy);
    }

    private ProxySetting twoHops() {
        return ProxySetting.jump(edge.hop(edge.jump1()) + "," + edge.hop(edge.jump2()), "test");
    }

    @Test
    void twoHopsReachTheTargetAndTheAgentRunsThere() throws Exception {
        try (Transport t = factory.open(target(twoHops()))) {
            ExecResult r = t.run("echo $SSH_CONNECTION", T);
            assertTrue(r.stdout().strip().endsWith(edge.target() + " " + edge.port()), r.stdout());
            AgentBootstrap.Started started = new AgentBootstrap(AgentJar.embedded()).start(t, AgentOptions.defaults());
            try (AgentClient agent = started.client()) {
                assertEquals("pong", agent.run("ping", Map.of(), false, false).get("ping"));
            }
        }
    }

    @Test
    void withoutTheJumpsTheTargetCannotBeReached() {
        TransportException direct = assertThrows(TransportException.class,
                () -> factory.open(target(ProxySetting.jump("none", "test"))).close());
        assertEquals(Kind.CONNECT, direct.kind(), direct.getMessage());
        TransportException skipped = assertThrows(TransportException.class,
                () -> factory.open(target(ProxySetting.jump(edge.hop(edge.jump1()), "test"))).close());
        assertEquals(Kind.CONNECT, skipped.kind(), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("jump host " + edge.jump1() + ":" + edge.port() + " of app1 could not open"
                + " a connection to " + edge.target()), skipped.getMessage());
    }

    @Test
    void hostsBehindOneBastionShareItsConnection() throws Exception {
        long before = logins(edge.jump1Log());
        try (Transport a = factory.open(target(twoHops()));
                Transport b = factory.open(edge.settings("bastion2", edge.jump2())
                        .withProxy(ProxySetting.jump(edge.hop(edge.jump1()), "test")))) {
            assertEquals(0, a.run("true", T).exitCode());
            assertEquals(0, b.run("true", T).exitCode());
        }
        assertEquals(1, logins(edge.jump1Log()) - before, "one login on jump1 for both hosts behind it");
    }

    @Test
    void aProxyCommandWithSshDashWIsAJump() throws Exception {
        ProxySetting command = ProxySetting.command("ssh -q -W %h:%p -p " + edge.port() + " " + edge.lab().user() + "@"
                + edge.jump1(), "test");
        try (Transport t = factory.open(edge.settings("bastion2", edge.jump2()).withProxy(command))) {
            assertTrue(t.run("echo $SSH_CONNECTION", T).stdout().strip().endsWith(edge.jump2() + " " + edge.port()));
        }
    }

    @Test
    void aJumpFromSshConfigIsHonoured() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), "Host app1\n  HostName " + edge.target() + "\n  ProxyJump bastion2\n"
                + "Host bastion2\n  HostName " + edge.jump2() + "\n  ProxyJump " + edge.hop(edge.jump1()) + "\n"
                + "Host *\n  Port " + edge.port() + "\n  User " + edge.lab().user() + "\n  IdentityFile "
                + edge.lab().clientKey() + "\n");
        ConnectionSettings s = ConnectionSettings.ssh("app1", null, null, null)
                .withKnownHosts(edge.knownHosts(), List.of(), false);
        try (Transport t = factory.open(s)) {
            assertTrue(t.run("echo $SSH_CONNECTION", T).stdout().strip().endsWith(edge.target() + " " + edge.port()));
        }
    }

    @Test
    void aJumpHostWithAnUnknownKeyIsRefusedByName() throws Exception {
        Path known = home.resolve("known_hosts");
        Files.write(known, Files.readAllLines(edge.knownHosts()).stream()
                .filter(l -> !l.startsWith("[" + edge.jump2() + "]")).toList());
        TransportException e = assertThrows(TransportException.class,
                () -> factory.open(target(twoHops()).withKnownHosts(known, List.of(), false)).close());
        assertEquals(Kind.HOST_KEY_UNKNOWN, e.kind(), e.getMessage());
        assertEquals("app1", e.host());
        assertTrue(e.getMessage().startsWith("host key of jump host " + edge.jump2() + ":" + edge.port() + " of app1 is not"
                + " known"), e.getMessage());
    }

    @Test
    void aJumpHostWithAChangedKeyIsRefusedByName() throws Exception {
        Path known = home.resolve("known_hosts");
        String targetKey = Files.readAllLines(edge.knownHosts()).stream()
                .filter(l -> l.startsWith("[" + edge.target() + "]")).findFirst().orElseThrow().split(" ", 2)[1];
        Files.write(known, Files.readAllLines(edge.knownHosts()).stream()
                .map(l -> l.startsWith("[" + edge.jump1() + "]") ? "[" + edge.jump1() + "]:" + edge.port() + " " + targetKey : l)
                .toList());
        TransportException e = assertThrows(TransportException.class,
                () -> factory.open(target(twoHops()).withKnownHosts(known, List.of(), true)).close());
        assertEquals(Kind.HOST_KEY_CHANGED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("HOST KEY CHANGED for jump host " + edge.jump1() + ":" + edge.port()
                + " of app1"), e.getMessage());
    }

    private static long logins(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.contains("Accepted publickey")).count();
    }
}
