package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What drover decides about host keys on the operator's behalf is said, not silent:
 * {@code --accept-new-host-keys} names the key it recorded, for which host and in which file;
 * {@code StrictHostKeyChecking=no} in {@code ansible_ssh_common_args} is applied as accept-new with
 * a warning, and a changed key is still refused.
 */
@ExtendWith(OpenSshLab.class)
class HostKeyNoticesOpenSshTest {
    @TempDir
    Path dir;

    private Path inventory(OpenSshLab.Lab lab, OpenSshLab.Node node, String extra) throws Exception {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "n1 ansible_host=" + node.address() + " ansible_port=" + node.port()
                + " ansible_user=" + lab.user() + " ansible_ssh_private_key_file=" + lab.clientKey() + extra + "\n");
        return inv;
    }

    @Test
    void acceptNewSaysWhichKeyItRecordedForWhichHostAndWhere(OpenSshLab.Lab lab) throws Exception {
        OpenSshLab.Node node = lab.nodes().get(0);
        Path knownHosts = dir.resolve("known_hosts");
        Path inv = inventory(lab, node, "");
        CliRun accepted = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                "--accept-new-host-keys", "all", "--", "true");
        assertEquals(ExitCodes.OK, accepted.exitCode(), accepted.toString());
        String line = Files.readString(knownHosts).strip();
        String type = line.split(" ")[1];
        assertTrue(accepted.err().matches("(?s).*\\[WARNING]: recorded the " + type + " key SHA256:\\S+ of n1 \\(\\["
                + node.address().replace(".", "\\.") + "]:" + node.port() + "\\) in " + knownHosts + " \\(accept-new\\).*"),
                accepted.toString());

        CliRun again = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(),
                "--accept-new-host-keys", "all", "--", "true");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertFalse(again.err().contains("recorded the"), "a known key is not recorded again\n" + again);
    }

    @Test
    void strictHostKeyCheckingNoIsAcceptNewWithAWarningAndAChangedKeyIsStillRefused(OpenSshLab.Lab lab) throws Exception {
        OpenSshLab.Node node1 = lab.nodes().get(0);
        Path knownHosts = dir.resolve("known_hosts");
        Path inv = inventory(lab, node1, " ansible_ssh_common_args='-o StrictHostKeyChecking=no'");
        CliRun first = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(), "all", "--", "true");
        assertEquals(ExitCodes.OK, first.exitCode(), first.toString());
        assertTrue(first.err().contains("[WARNING]: host n1: StrictHostKeyChecking=no in ansible_ssh_*_args is applied as"
                + " accept-new"), first.toString());
        assertTrue(first.err().contains("recorded the "), first.toString());

        // node2's key under node1's address: a changed key, refused even though the inventory says "no".
        OpenSshLab.Node node2 = lab.nodes().get(1);
        String node2Line = Files.readAllLines(lab.knownHosts()).stream()
                .filter(l -> l.startsWith("[" + node2.address() + "]")).findFirst().orElseThrow();
        Files.writeString(knownHosts, node2Line.replace(node2.address(), node1.address()) + "\n");
        CliRun changed = CliRun.of("exec", "-i", inv.toString(), "--known-hosts", knownHosts.toString(), "all", "--", "true");
        assertEquals(ExitCodes.HOST_UNREACHABLE, changed.exitCode(), changed.toString());
        assertTrue(changed.out().contains("SHA256:"), changed.toString());
    }
}
