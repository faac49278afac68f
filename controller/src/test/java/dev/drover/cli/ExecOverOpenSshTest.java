package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.remote.AgentJar;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.TestFork;
import dev.drover.transport.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover exec} against three real OpenSSH servers on 127.0.0.11-13, logging in as the lab's
 * plain user, with the real agent pushed over SFTP.
 */
// Alone (controller/pom.xml): it deletes the lab user's agent cache, which the other test JVMs' agents start from.
@Tag(TestFork.ALONE)
@ExtendWith(OpenSshLab.class)
class ExecOverOpenSshTest {
    @TempDir
    Path dir;

    @Test
    void runsOnAllThreeNodesAsThePlainUserAndCachesTheAgent(OpenSshLab.Lab lab) {
        String sha = AgentJar.embedded().sha256();
        for (OpenSshLab.Node node : lab.nodes()) {
            lab.ssh(node, "rm -rf ~/.cache/drover/agent"); // never the step spools beside it: other runs use them
        }
        CliRun first = CliRun.of("exec", "-i", lab.inventory().toString(), "nodes", "--", "id", "-un");
        assertEquals(ExitCodes.OK, first.exitCode(), first.toString());
        for (String name : lab.nodeNames()) {
            assertTrue(first.out().contains(name + " | CHANGED | rc=0 >>\n" + lab.user()), first.toString());
        }
        for (OpenSshLab.Node node : lab.nodes()) {
            // Other checkouts' runs share the lab user's cache and may put their own jars beside ours.
            ExecResult ls = lab.ssh(node, "ls ~/.cache/drover/agent/");
            assertTrue(ls.stdout().lines().anyMatch((sha + ".jar")::equals), "the verified jar on " + node.name() + ": " + ls);
            assertTrue(ls.stdout().lines().noneMatch(f -> f.startsWith(sha + ".jar.tmp")), "no temp files: " + ls);
        }

        // A second run finds the jar cached: the file is not rewritten.
        String before = lab.ssh(lab.nodes().get(0), "stat -c %Y.%i ~/.cache/drover/agent/" + sha + ".jar").stdout();
        CliRun second = CliRun.of("exec", "-i", lab.inventory().toString(), "nodes", "-m", "shell", "-a", "echo $((6*7))");
        assertEquals(ExitCodes.OK, second.exitCode(), second.toString());
        assertTrue(second.out().contains("rc=0 >>\n42"), second.toString());
        String after = lab.ssh(lab.nodes().get(0), "stat -c %Y.%i ~/.cache/drover/agent/" + sha + ".jar").stdout();
        assertEquals(before, after, "the cached jar must not be uploaded again");
    }

    @Test
    void becomeRunsTheCommandAsRootOrAsTheBecomeUser(OpenSshLab.Lab lab) {
        String target = lab.become().targetUser(); // the lab's login user may sudo without a password
        CliRun root = CliRun.of("exec", "-i", lab.inventory().toString(), "node1", "-b", "--", "id", "-un");
        assertEquals(ExitCodes.OK, root.exitCode(), root.toString());
        assertTrue(root.out().contains("node1 | CHANGED | rc=0 >>\nroot"), root.toString());

        CliRun user = CliRun.of("exec", "-i", lab.inventory().toString(), "node1", "-b", "--become-user", target,
                "--", "id", "-un");
        assertEquals(ExitCodes.OK, user.exitCode(), user.toString());
        assertTrue(user.out().contains("node1 | CHANGED | rc=0 >>\n" + target), user.toString());
    }

    @Test
    void argumentsAreRenderedWithEachHostsVariablesAndInventoryBecomeApplies(OpenSshLab.Lab lab) throws Exception {
        // As Ansible's ad hoc command: -a is a template over the host's variables, and ansible_become* in the
        // inventory become without -b. Before, drover sent '{{ greet }}' as it was and ran as the login user.
        String target = lab.become().targetUser();
        Path vars = dir.resolve("vars.ini");
        Files.writeString(vars, "[nodes]\nnode1 greet=hello ansible_become=true ansible_become_user=" + target
                + "\nnode2 greet=bonjour\n");
        CliRun r = CliRun.of("exec", "-i", lab.inventory().toString(), "-i", vars.toString(), "node1:node2", "-m", "shell",
                "-a", "echo {{ greet }} from {{ inventory_hostname }} as $(id -un)");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("node1 | CHANGED | rc=0 >>\nhello from node1 as " + target), r.toString());
        assertTrue(r.out().contains("node2 | CHANGED | rc=0 >>\nbonjour from node2 as " + lab.user()), r.toString());

        CliRun undefined = CliRun.of("exec", "-i", lab.inventory().toString(), "node3", "-m", "shell", "-a",
                "echo {{ greet }}");
        assertEquals(ExitCodes.HOST_FAILED, undefined.exitCode(), undefined.toString());
        assertTrue(undefined.out().contains("The task includes an option with an undefined variable. The error was:"
                + " 'greet' is undefined"), undefined.toString());
    }

    @Test
    void unknownHostKeyIsRefusedWithTheFingerprintThenAcceptedOnRequest(OpenSshLab.Lab lab) throws Exception {
        OpenSshLab.Node node = lab.nodes().get(0);
        Path knownHosts = dir.resolve("known_hosts");
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, node.name() + " ansible_host=" + node.address() + " ansible_port=" + node.port()
                + " ansible_user=" + lab.user() + " ansible_ssh_private_key_file=" + lab.clientKey() + "\n");

        CliRun refused = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(), "all", "--", "true");
        assertEquals(ExitCodes.HOST_UNREACHABLE, refused.exitCode(), refused.toString());
        assertTrue(refused.out().contains("SHA256:"), refused.toString());
        assertTrue(refused.out().contains("--accept-new-host-keys"), refused.toString());
        assertFalse(Files.exists(knownHosts) && Files.size(knownHosts) > 0, "nothing recorded without being asked");

        CliRun accepted = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                "--accept-new-host-keys", "all", "--", "true");
        assertEquals(ExitCodes.OK, accepted.exitCode(), accepted.toString());
        assertTrue(Files.readString(knownHosts).contains("[" + node.address() + "]:" + node.port()), Files.readString(knownHosts));

        CliRun again = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(), "all", "--", "true");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
    }

    @Test
    void changedHostKeyIsRefusedEvenWithAcceptNew(OpenSshLab.Lab lab) throws Exception {
        OpenSshLab.Node node1 = lab.nodes().get(0);
        OpenSshLab.Node node2 = lab.nodes().get(1);
        // Record node2's key under node1's address: node1 now presents a "changed" key.
        String node2Line = Files.readAllLines(lab.knownHosts()).stream()
                .filter(l -> l.startsWith("[" + node2.address() + "]")).findFirst().orElseThrow();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, node2Line.replace(node2.address(), node1.address()) + "\n");
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "n1 ansible_host=" + node1.address() + " ansible_port=" + node1.port()
                + " ansible_user=" + lab.user() + " ansible_ssh_private_key_file=" + lab.clientKey() + "\n");
        String logBefore = Files.readString(node1.sshdLog());

        CliRun run = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                "--accept-new-host-keys", "all", "--", "touch", "/tmp/should-not-exist");
        assertEquals(ExitCodes.HOST_UNREACHABLE, run.exitCode(), run.toString());
        assertTrue(run.out().contains("man-in-the-middle"), run.toString());
        String newLog = Files.readString(node1.sshdLog()).substring(logBefore.length());
        assertFalse(newLog.contains("Accepted publickey"), "must never authenticate to a changed key: " + newLog);
        assertEquals(1, Files.readAllLines(knownHosts).size(), "a changed key is never recorded");
    }

    @Test
    void wrongKeyIsUnreachableWithAnAuthenticationMessage(OpenSshLab.Lab lab) throws Exception {
        OpenSshLab.Node node = lab.nodes().get(0);
        Path otherKey = dir.resolve("other_key");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString())
                .inheritIO().start().waitFor();
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "n1 ansible_host=" + node.address() + " ansible_port=" + node.port()
                + " ansible_user=" + lab.user() + " ansible_ssh_private_key_file=" + otherKey
                + " drover_known_hosts_file=" + lab.knownHosts() + "\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "all", "--", "true");
        assertEquals(ExitCodes.HOST_UNREACHABLE, run.exitCode(), run.toString());
        assertTrue(run.out().toLowerCase().contains("auth"), run.toString());
    }

    @Test
    void nonAsciiFileNamesWorkOnAHostWithoutALocale(OpenSshLab.Lab lab) {
        // The lab's sshd forwards no LANG and uses no PAM, as many real hosts: the agent's session has
        // no locale of its own, and Java would treat file names as ASCII.
        OpenSshLab.Node node = lab.nodes().get(0);
        String dir = "/tmp/drover-locale-" + ProcessHandle.current().pid();
        lab.ssh(node, "rm -rf " + dir + " && mkdir -p " + dir);
        CliRun run = CliRun.of("exec", "-i", lab.inventory().toString(), node.name(), "-m", "file",
                "-a", "path=" + dir + "/grüße-€.txt state=touch");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("grüße-€.txt", lab.ssh(node, "ls " + dir).stdout().strip());
        lab.ssh(node, "rm -rf " + dir);
    }
}
