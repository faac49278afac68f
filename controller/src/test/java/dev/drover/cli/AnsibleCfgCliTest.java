package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ansible.cfg and vault passwords through the real command line, in a drover process with its own
 * working directory and environment: the file is found as Ansible finds it ({@code ANSIBLE_CONFIG},
 * then {@code ./ansible.cfg}, then {@code ~/.ansible.cfg}), each ignored setting gets a warning naming
 * it, and {@code drover exec} takes the inventory, vault password file, forks, remote_user,
 * private_key_file, host_key_checking and become from it as {@code drover run} does.
 */
@ExtendWith(OpenSshLab.class)
class AnsibleCfgCliTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text.replace("DIR", dir.toString()));
        return f;
    }

    /** Three local inventories, one per place ansible.cfg can be, each with a vaulted group_vars file. */
    private void inventories() throws IOException {
        write("pw.txt", "cfg-vault-pw\n");
        for (String where : new String[] {"cwd", "env", "home"}) {
            write("inv-" + where + "/hosts.ini", "[web]\n" + where + "host ansible_connection=local\n");
            Path vars = write("inv-" + where + "/group_vars/web.yml", "marker: " + where + "\n");
            CliRun enc = CliRun.of("vault", "encrypt", "--vault-password-file", dir.resolve("pw.txt").toString(),
                    vars.toString());
            assertEquals(ExitCodes.OK, enc.exitCode(), enc.toString());
        }
        write("ansible.cfg", """
                [defaults]
                inventory = DIR/inv-cwd/hosts.ini
                vault_password_file = DIR/pw.txt
                forks = 2
                gathering = smart
                [ssh_connection]
                pipelining = True
                """);
        write("other.cfg", "[defaults]\ninventory = DIR/inv-env/hosts.ini\nvault_password_file = DIR/pw.txt\n");
        write("home/.ansible.cfg", "[defaults]\ninventory = DIR/inv-home/hosts.ini\nvault_password_file = DIR/pw.txt\n");
        Files.createDirectories(dir.resolve("elsewhere"));
    }

    private DroverProcess exec(Path cwd, String name, Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + dir.resolve("home"));
        all.putIfAbsent("ANSIBLE_CONFIG", ""); // an empty ANSIBLE_CONFIG is no setting, as in Ansible
        return DroverProcess.start(cwd, name, all, "exec", "all", "-m", "shell", "-a", "echo ran");
    }

    @Test
    void theConfigIsFoundAsAnsibleFindsItAndItsInventoryAndVaultPasswordAreUsed() throws Exception {
        inventories();
        DroverProcess cwd = exec(dir, "cwd", Map.of("ANSIBLE_CONFIG", ""));
        assertEquals(ExitCodes.OK, cwd.exitCode(), cwd.toString());
        assertTrue(cwd.out().contains("cwdhost | CHANGED | rc=0 >>\nran"), cwd.toString());
        assertTrue(cwd.err().contains(dir.resolve("ansible.cfg") + ": ignoring [defaults] gathering (drover has no"
                + " equivalent)"), cwd.toString());
        assertTrue(cwd.err().contains("ignoring [ssh_connection] pipelining"), cwd.toString());
        assertFalse(cwd.err().contains("ignoring [defaults] forks"), "forks is applied\n" + cwd);

        DroverProcess env = exec(dir, "env", Map.of("ANSIBLE_CONFIG", dir.resolve("other.cfg").toString()));
        assertEquals(ExitCodes.OK, env.exitCode(), env.toString());
        assertTrue(env.out().contains("envhost | CHANGED"), "ANSIBLE_CONFIG wins over ./ansible.cfg\n" + env);
        assertFalse(env.err().contains("gathering"), env.toString());

        DroverProcess home = exec(dir.resolve("elsewhere"), "home", Map.of());
        assertEquals(ExitCodes.OK, home.exitCode(), home.toString());
        assertTrue(home.out().contains("homehost | CHANGED"), "~/.ansible.cfg when there is no ./ansible.cfg\n" + home);
    }

    @Test
    void execNeedsTheVaultPasswordForVaultedInventoryVariables() throws Exception {
        inventories();
        Files.delete(dir.resolve("ansible.cfg"));
        Files.delete(dir.resolve("home/.ansible.cfg"));
        Path inv = dir.resolve("inv-cwd/hosts.ini");
        CliRun without = CliRun.of("exec", "-i", inv.toString(), "all", "--", "true");
        assertEquals(ExitCodes.BAD_INPUT, without.exitCode(), without.toString());
        assertTrue(without.err().contains("vault"), without.toString());
        CliRun with = CliRun.of("exec", "-i", inv.toString(), "--vault-password-file", dir.resolve("pw.txt").toString(),
                "all", "--", "true");
        assertEquals(ExitCodes.OK, with.exitCode(), with.toString());
        CliRun wrong = CliRun.of("exec", "-i", inv.toString(), "--vault-id", "prod@" + write("bad.txt", "nope\n"),
                "all", "--", "true");
        assertEquals(ExitCodes.BAD_INPUT, wrong.exitCode(), wrong.toString());
    }

    @Test
    void execConnectsWithTheUserKeyHostKeyPolicyAndBecomeOfAnsibleCfg(OpenSshLab.Lab lab) throws Exception {
        OpenSshLab.Node node = lab.nodes().get(0);
        write("hosts.ini", "[nodes]\n" + node.name() + " ansible_host=" + node.address() + " ansible_port=" + node.port()
                + "\n");
        write("ansible.cfg", "[defaults]\ninventory = DIR/hosts.ini\nremote_user = " + lab.user()
                + "\nprivate_key_file = " + lab.clientKey() + "\nhost_key_checking = False\ntimeout = 20\n"
                + "[privilege_escalation]\nbecome = True\n");
        Path knownHosts = write("known_hosts", "");
        DroverProcess p = DroverProcess.start(dir, "ssh", Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + dir.resolve("home")),
                "exec", "--known-hosts", knownHosts.toString(), "all", "--", "id", "-un");
        assertEquals(ExitCodes.OK, p.exitCode(), p.toString());
        assertTrue(p.out().contains(node.name() + " | CHANGED | rc=0 >>\nroot"), "become from ansible.cfg\n" + p);
        assertTrue(p.err().contains("host_key_checking = False is applied as accept-new"), p.toString());
        assertFalse(Files.readString(knownHosts).isBlank(), "the new host key was recorded");
    }
}
