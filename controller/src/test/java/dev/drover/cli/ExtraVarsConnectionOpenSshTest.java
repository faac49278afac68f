package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -e ansible_host= ansible_port= ansible_user=} win over the inventory, as in Ansible, for
 * {@code run} and {@code exec}: the inventory names a closed port on another address and a user
 * that does not exist, so only the {@code -e} values can reach a real sshd, whose log then shows
 * the login.
 */
@ExtendWith(OpenSshLab.class)
class ExtraVarsConnectionOpenSshTest {
    @TempDir
    Path dir;

    private Path wrongInventory(OpenSshLab.Lab lab) throws IOException {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "target ansible_host=127.0.0.1 ansible_port=1 ansible_user=nosuchuser"
                + " ansible_ssh_private_key_file=" + lab.clientKey() + " drover_known_hosts_file=" + lab.knownHosts() + "\n");
        return inv;
    }

    private static String[] overrides(OpenSshLab.Lab lab, OpenSshLab.Node node) {
        return new String[] {"-e", "ansible_host=" + node.address(), "-e", "ansible_port=" + node.port(),
            "-e", "ansible_user=" + lab.user()};
    }

    private static long logins(OpenSshLab.Node node, String user) throws IOException {
        return Files.readAllLines(node.sshdLog()).stream().filter(l -> l.contains("Accepted publickey for " + user)).count();
    }

    @Test
    void execConnectsWhereTheExtraVarsSay(OpenSshLab.Lab lab) throws IOException {
        Path inv = wrongInventory(lab);
        CliRun without = CliRun.of("exec", "-i", inv.toString(), "all", "--", "id", "-un");
        assertEquals(ExitCodes.HOST_UNREACHABLE, without.exitCode(), "the inventory alone is wrong\n" + without);

        OpenSshLab.Node node2 = lab.node("node2");
        long before = logins(node2, lab.user());
        String[] e = overrides(lab, node2);
        CliRun with = CliRun.of("exec", "-i", inv.toString(), e[0], e[1], e[2], e[3], e[4], e[5], "all", "--", "id", "-un");
        assertEquals(ExitCodes.OK, with.exitCode(), with.toString());
        assertTrue(with.out().contains("target | CHANGED | rc=0 >>\n" + lab.user()), with.toString());
        assertTrue(logins(node2, lab.user()) > before, "node2's sshd saw the login");
    }

    @Test
    void runConnectsWhereTheExtraVarsSayOverTheInventoryAndThePlay(OpenSshLab.Lab lab) throws IOException {
        Path inv = wrongInventory(lab);
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, """
                - hosts: all
                  remote_user: nosuchuser2
                  gather_facts: false
                  tasks:
                    - command: id -un
                      register: who
                    - debug: {msg: "user={{ who.stdout }}"}
                """);
        OpenSshLab.Node node3 = lab.node("node3");
        long before = logins(node3, lab.user());
        String[] e = overrides(lab, node3);
        CliRun run = CliRun.of("run", "-i", inv.toString(), pb.toString(), e[0], e[1], e[2], e[3], e[4], e[5],
                "--extra-vars-safe", "ansible_host,ansible_port,ansible_user",
                "--state-dir", dir.resolve("state").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"msg\": \"user=" + lab.user() + "\""), run.toString());
        assertTrue(logins(node3, lab.user()) > before, "node3's sshd saw the login");
    }
}
