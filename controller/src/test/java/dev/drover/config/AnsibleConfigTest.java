package dev.drover.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding ansible.cfg as Ansible does, reading the settings drover uses, naming the ones it ignores. */
class AnsibleConfigTest {
    @TempDir
    Path dir;

    @Test
    void ansibleConfigWinsThenTheWorkingDirectoryThenHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cwd = Files.createDirectories(dir.resolve("project"));
        Path named = Files.writeString(dir.resolve("named.cfg"), "[defaults]\n");
        Files.writeString(home.resolve(".ansible.cfg"), "[defaults]\n");
        assertEquals(Optional.of(home.resolve(".ansible.cfg")), AnsibleConfig.locate(Map.of(), cwd, home));
        Files.writeString(cwd.resolve("ansible.cfg"), "[defaults]\n");
        assertEquals(Optional.of(cwd.resolve("ansible.cfg")), AnsibleConfig.locate(Map.of(), cwd, home));
        assertEquals(Optional.of(named), AnsibleConfig.locate(Map.of("ANSIBLE_CONFIG", named.toString()), cwd, home));
    }

    @Test
    void supportedSettingsAreReadAndEveryOtherIsNamed() throws Exception {
        Path cfg = Files.writeString(dir.resolve("ansible.cfg"), """
                # a comment
                [defaults]
                inventory = hosts.ini
                roles_path = roles:~/shared/roles
                remote_user: deploy
                forks = 20  ; inline comment
                host_key_checking = False
                timeout = 30
                vault_password_file = ~/.vault-pass
                retry_files_enabled = False
                stdout_callback = yaml

                [privilege_escalation]
                become = True
                become_user = alfresco

                [ssh_connection]
                pipelining = True
                """);
        AnsibleConfig c = AnsibleConfig.read(cfg);
        Path home = Path.of("/home/op");
        assertEquals(List.of(dir.resolve("hosts.ini")), c.paths("defaults.inventory", Map.of(), home));
        assertEquals(List.of(dir.resolve("roles"), home.resolve("shared/roles")), c.paths("defaults.roles_path", Map.of(), home));
        assertEquals(Optional.of("deploy"), c.get("defaults.remote_user"));
        assertEquals(Optional.of("20"), c.get("defaults.forks"));
        assertEquals(Optional.of(home.resolve(".vault-pass")), c.path("defaults.vault_password_file", Map.of(), home));
        assertTrue(AnsibleConfig.bool(c.become("become").orElseThrow()));
        assertEquals(Optional.of("alfresco"), c.become("become_user"));
        assertEquals(List.of("[defaults] retry_files_enabled", "[defaults] stdout_callback", "[ssh_connection] pipelining"),
                c.ignored());
    }
}
