package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.Block;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task naming one of Ansible's built-in modules that drover does not ship parses (as under
 * Ansible, a false {@code when:} never needs the module; the run fails the task on a host that
 * reaches it); a name that is no Ansible module is refused before the run, as before.
 */
class NotShippedModulesTest {
    @TempDir
    Path dir;

    private Playbook parse(String tasks) throws PlaybookException {
        Path site = Files.write(dir, "site.yml", "- hosts: all\n  tasks:\n" + tasks.indent(4));
        return new PlaybookParser(Files.MODULES).parse(site);
    }

    @Test
    void ansibleModulesDroverDoesNotShipParseInEveryForm() throws PlaybookException {
        Playbook pb = parse("""
                - name: Install the acl package on Ubuntu
                  apt:
                    name: acl
                  when: ansible_distribution in ('Ubuntu')
                - ansible.builtin.yum: name=dosfstools state=present
                - action: pip name=requests
                - block:
                    - dnf: {name: acl}
                """);
        List<String> modules = pb.plays().get(0).tasks().stream()
                .map(t -> t instanceof Block b ? b.block().get(0) : t)
                .map(t -> ((ModuleTask) t).module()).toList();
        assertEquals(List.of("apt", "yum", "pip", "dnf"), modules);
        ModuleTask apt = (ModuleTask) pb.plays().get(0).tasks().get(0);
        assertEquals("acl", apt.args().get("name"));
    }

    @Test
    void aNameThatIsNoAnsibleModuleIsStillRefused() {
        PlaybookException e = assertThrows(PlaybookException.class, () -> parse("""
                - aptt:
                    name: acl
                  when: false
                """));
        assertTrue(e.problem().startsWith("couldn't resolve module/action 'aptt'"), e.problem());
        assertEquals("3:7", e.pos().line() + ":" + e.pos().column());
        PlaybookException old = assertThrows(PlaybookException.class, () -> parse("""
                - action: yumm name=x
                """));
        assertEquals("3:15", old.pos().line() + ":" + old.pos().column());
        assertTrue(old.problem().startsWith("unknown module 'yumm'"), old.problem());
        PlaybookException collection = assertThrows(PlaybookException.class, () -> parse("""
                - community.general.apt: {name: acl}
                """));
        assertEquals("unknown module 'community.general.apt': drover has no Ansible collections", collection.problem());
    }
}
