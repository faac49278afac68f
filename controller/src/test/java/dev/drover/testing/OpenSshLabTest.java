package dev.drover.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab.Lab;
import dev.drover.testing.OpenSshLab.Node;
import dev.drover.transport.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The lab against the stock OpenSSH client: what every real-OpenSSH test relies on. */
@ExtendWith(OpenSshLab.class)
class OpenSshLabTest {

    private static final Path SSH_KEYSCAN = Path.of("/usr/bin/ssh-keyscan");

    @Test
    void everyNodeLetsThePlainLoginUserInAfterCheckingItsHostKeyAndRunsJava(Lab lab) throws IOException {
        // As root the lab logs in as the plain user drover, never as root; otherwise as ourselves.
        boolean root = "root".equals(System.getProperty("user.name"));
        String expectedUser = root ? "drover" : System.getProperty("user.name");
        assertEquals(expectedUser, lab.user());
        assertEquals(List.of("node1", "node2", "node3"), lab.nodeNames());

        for (Node node : lab.nodes()) {
            ExecResult result = lab.ssh(node, "id -un; java -version");
            assertAll(node.name(),
                    () -> assertEquals(0, result.exitCode(), () -> "ssh failed: " + result.stderr()),
                    () -> assertEquals(expectedUser, result.stdout().strip()),
                    () -> assertNotEquals(root ? "root" : "", result.stdout().strip()),
                    () -> assertTrue(result.stderr().contains("version \""),
                            () -> "java -version printed: " + result.stderr()));
            assertTrue(Files.readString(node.sshdLog()).contains("Accepted publickey for " + expectedUser),
                    () -> node.name() + "'s log " + node.sshdLog() + " does not show our login");
        }
    }

    @Test
    void aNodeShowingAnotherNodesHostKeyIsRefused(Lab lab, @TempDir Path tmp) throws IOException {
        Map<String, String> keys = knownHostKeys(lab);
        Node node1 = lab.node("node1");
        Path wrong = tmp.resolve("known_hosts");
        Files.writeString(wrong, "[" + node1.address() + "]:" + lab.port() + " " + keys.get("node2") + "\n");
        Lab pinnedWrong = new Lab(lab.dir(), lab.user(), lab.port(), lab.clientKey(), wrong, lab.inventory(),
                lab.sshConfig(), lab.nodes());

        ExecResult result = pinnedWrong.ssh(node1, "true");

        assertEquals(255, result.exitCode());
        assertTrue(result.stderr().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), result.stderr());
    }

    @Test
    void everyNodePresentsItsOwnHostKeyAsListedInKnownHosts(Lab lab) throws IOException {
        Map<String, String> known = knownHostKeys(lab);
        for (Node node : lab.nodes()) {
            ExecResult scan = OpenSshLabProcesses.run(List.of(SSH_KEYSCAN.toString(), "-t", "ed25519",
                    "-p", Integer.toString(node.port()), node.address()), Duration.ofSeconds(20));
            String presented = scan.stdout().lines().filter(l -> !l.startsWith("#"))
                    .map(l -> l.substring(l.indexOf(' ') + 1)).findFirst().orElse("none: " + scan.stderr());
            assertEquals(known.get(node.name()), presented, node.name());
        }
        assertEquals(lab.nodes().size(), known.values().stream().distinct().count(), "distinct host keys");
    }

    @Test
    void rootCannotLogIn(Lab lab) {
        Lab asRoot = new Lab(lab.dir(), "root", lab.port(), lab.clientKey(), lab.knownHosts(), lab.inventory(),
                lab.sshConfig(), lab.nodes());

        ExecResult result = asRoot.ssh(lab.node("node1"), "true");

        assertEquals(255, result.exitCode());
        assertTrue(result.stderr().contains("Permission denied"), result.stderr());
    }

    @Test
    void theInventoryAndTheSshConfigNameEveryNode(Lab lab) throws IOException {
        String inventory = Files.readString(lab.inventory());
        for (Node node : lab.nodes()) {
            assertTrue(inventory.contains(node.name() + " ansible_host=" + node.address() + " ansible_port="
                    + node.port() + "\n"), inventory);
        }
        assertTrue(inventory.contains("\nansible_user=" + lab.user() + "\n"), inventory);
        assertTrue(inventory.contains("\nansible_ssh_private_key_file=" + lab.clientKey() + "\n"), inventory);
        assertTrue(Files.isReadable(lab.clientKey()));

        ExecResult viaConfig = OpenSshLabProcesses.run(List.of(OpenSshLab.SSH_CLIENT.toString(), "-F",
                lab.sshConfig().toString(), "-o", "BatchMode=yes", "node2", "echo reached"), Duration.ofSeconds(30));
        assertEquals("reached", viaConfig.stdout().strip(), viaConfig.stderr());
    }

    @Test
    void anUnknownNodeNameListsTheKnownOnes(Lab lab) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lab.node("node9"));
        assertEquals("no lab node 'node9'; the lab has node1, node2, node3", e.getMessage());
    }

    /** Node name to "ssh-ed25519 AAAA..." from the lab's known_hosts. */
    private static Map<String, String> knownHostKeys(Lab lab) throws IOException {
        Map<String, String> byAddress = Files.readAllLines(lab.knownHosts()).stream()
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), l -> l.substring(l.indexOf(' ') + 1)));
        return lab.nodes().stream().collect(Collectors.toMap(Node::name,
                n -> byAddress.get("[" + n.address() + "]:" + n.port())));
    }
}
