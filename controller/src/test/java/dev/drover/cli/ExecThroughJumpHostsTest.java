package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.EdgeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover exec} with an Ansible inventory that reaches its hosts through bastions, the way
 * Ansible users write it: {@code -J} in {@code ansible_ssh_common_args}, and drover's
 * {@code drover_jump_hosts}. The target is reachable only through the bastions (lab-edge.sh), so
 * an ignored jump fails the run.
 */
class ExecThroughJumpHostsTest {
    @TempDir
    Path dir;

    @Test
    void hostsBehindBastionsRunFromAnAnsibleInventory() throws Exception {
        EdgeLab.Edge edge = EdgeLab.get();
        edge.requireJumps();
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "[behind]\n"
                + "app1 ansible_host=" + edge.target() + " ansible_ssh_common_args='-o StrictHostKeyChecking=yes -J "
                + edge.hop(edge.jump1()) + "," + edge.hop(edge.jump2()) + "'\n"
                + "bastion2 ansible_host=" + edge.jump2() + " drover_jump_hosts=" + edge.hop(edge.jump1()) + "\n"
                + "[behind:vars]\nansible_port=" + edge.port() + "\nansible_user=" + edge.lab().user()
                + "\nansible_ssh_private_key_file=" + edge.lab().clientKey() + "\ndrover_known_hosts_file=" + edge.knownHosts()
                + "\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", edge.knownHosts().toString(), "behind",
                "--", "sh", "-c", "echo $SSH_CONNECTION");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("app1 | CHANGED | rc=0 >>\n127.0.0.1 "), run.toString());
        assertTrue(run.out().contains(" " + edge.target() + " " + edge.port()), run.toString());
        assertTrue(run.out().contains(" " + edge.jump2() + " " + edge.port()), run.toString());
    }

    @Test
    void aProxyCommandDroverCannotHonourStopsTheHostByName() throws Exception {
        EdgeLab.Edge edge = EdgeLab.get();
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "app1 ansible_host=" + edge.noSftp() + " ansible_port=" + edge.port()
                + " ansible_user=" + edge.lab().user() + " ansible_ssh_private_key_file=" + edge.lab().clientKey()
                + " ansible_ssh_common_args='-o ProxyCommand=\"nc -X 5 -x socks.example:1080 %h %p\"'\n");
        CliRun run = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", edge.knownHosts().toString(), "all",
                "--", "true");
        assertNotEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("cannot reach app1 as configured: ProxyCommand 'nc -X 5 -x socks.example:1080 %h %p'"
                + " (-o ProxyCommand in ansible_ssh_common_args/ansible_ssh_extra_args)"), run.toString());
    }
}
