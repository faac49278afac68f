package dev.drover.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ExecResult;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.ssh.SshEnvironment;
import dev.drover.transport.ssh.SshTransportFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox node's SSH server, reached with drover's own SSH client and the key and known_hosts the
 * sandbox writes: commands run in the node's own directory as HOME, relative uploads land there,
 * and only the sandbox key gets in.
 */
@Timeout(60)
class NodeSshServerTest {
    @TempDir
    Path tmp;

    @Test
    void commandsAndFilesLiveInTheNodesOwnDirectory() throws Exception {
        Path key = Files.createDirectories(tmp.resolve("ssh")).resolve("id_ed25519");
        PublicKey pub = SandboxFiles.writeClientKey(key);
        Path node1 = Files.createDirectories(tmp.resolve("nodes/node1"));
        Path node2 = Files.createDirectories(tmp.resolve("nodes/node2"));
        try (NodeSshServer s1 = NodeSshServer.start("node1", node1, "drover", pub, Map.of("DEMO_NODE", "one"));
                NodeSshServer s2 = NodeSshServer.start("node2", node2, "drover", pub, Map.of("DEMO_NODE", "two"))) {
            Path knownHosts = tmp.resolve("ssh/known_hosts");
            Files.write(knownHosts, List.of(s1.knownHostsLine(), s2.knownHostsLine()));
            try (Transport t1 = open(s1, key, knownHosts); Transport t2 = open(s2, key, knownHosts)) {
                ExecResult r1 = t1.run("echo \"$HOME|$(pwd)|$DEMO_NODE\"; exit 3", Duration.ofSeconds(20));
                assertEquals(3, r1.exitCode());
                assertEquals(node1 + "|" + node1 + "|one", r1.stdout().strip());
                assertEquals(node2 + "|" + node2 + "|two", t2.run("echo \"$HOME|$(pwd)|$DEMO_NODE\"", Duration.ofSeconds(20)).stdout().strip());

                byte[] content = "cached".getBytes(StandardCharsets.UTF_8);
                t2.upload(new ByteArrayInputStream(content), content.length, "cache.txt", 0644);
                assertEquals("cached", Files.readString(node2.resolve("cache.txt")));
                assertTrue(Files.notExists(node1.resolve("cache.txt")));
            }
        }
    }

    @Test
    void anotherKeyIsRefused() throws Exception {
        Path key = Files.createDirectories(tmp.resolve("ssh")).resolve("id_ed25519");
        SandboxFiles.writeClientKey(key);
        PublicKey other = NodeSshServer.generateEd25519().getPublic();
        try (NodeSshServer s = NodeSshServer.start("node1", tmp.resolve("n"), "drover", other, Map.of())) {
            Path knownHosts = tmp.resolve("ssh/known_hosts");
            Files.writeString(knownHosts, s.knownHostsLine() + "\n");
            TransportException e = assertThrows(TransportException.class, () -> open(s, key, knownHosts).close());
            assertEquals(TransportException.Kind.AUTH, e.kind(), e.getMessage());
        }
    }

    private Transport open(NodeSshServer s, Path key, Path knownHosts) throws TransportException {
        Path home = tmp.resolve("operator");
        SshEnvironment env = SshEnvironment.isolated(home, "operator", name -> null);
        return new SshTransportFactory(env).open(ConnectionSettings.ssh(s.name(), s.host(), s.port(), "drover")
                .withIdentityFiles(List.of(key)).withKnownHosts(null, List.of(knownHosts), false)
                .withConnectTimeout(Duration.ofSeconds(10)));
    }
}
