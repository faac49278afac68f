package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.PlaybookException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code action: "{{ expr }}"} as Ansible 2.14's ModuleArgsParser takes it: the template is kept as
 * the action's name (the runner renders it per host), k=v text after it and {@code args:} are its
 * arguments; free-form text is refused (Ansible: "this task '{{ m }}' has extra params"), and so is
 * a templated module key (Ansible: "couldn't resolve module/action").
 */
class TemplatedActionParseTest {
    @TempDir
    Path dir;

    private ModuleTask only(String tasks) throws PlaybookException {
        Path site = Files.write(dir, "site.yml", "- hosts: all\n  tasks:\n" + tasks.indent(4));
        return assertInstanceOf(ModuleTask.class, new PlaybookParser(Files.MODULES).parse(site).plays().get(0).tasks().get(0));
    }

    private PlaybookException failure(String tasks) {
        return assertThrows(PlaybookException.class, () -> only(tasks));
    }

    @Test
    void theTemplateIsKeptAsTheModuleWithItsArgs() throws PlaybookException {
        ModuleTask t = only("""
                - action: "{{ ansible_facts.pkg_mgr }}"
                  args:
                    name: libuser
                    state: present
                """);
        assertEquals("{{ ansible_facts.pkg_mgr }}", t.module());
        assertTrue(t.templatedAction());
        assertEquals(Map.of("name", "libuser", "state", "present"), t.args());
    }

    @Test
    void keyValueTextAfterTheTemplateIsArguments() throws PlaybookException {
        ModuleTask t = only("""
                - local_action: "{{ m }} msg={{ inventory_hostname }} verbosity=0"
                """);
        assertEquals("{{ m }}", t.module());
        assertEquals(Map.of("msg", "{{ inventory_hostname }}", "verbosity", "0"), t.args());
        assertEquals("localhost", t.options().delegateTo().orElseThrow());
    }

    @Test
    void mappingFormWithATemplatedModule() throws PlaybookException {
        ModuleTask t = only("""
                - action:
                    module: "{{ m }}"
                    msg: mapped
                """);
        assertEquals("{{ m }}", t.module());
        assertEquals(Map.of("msg", "mapped"), t.args());
    }

    @Test
    void aLiteralActionIsNotTemplated() throws PlaybookException {
        assertFalse(only("- action: ansible.builtin.ping\n").templatedAction());
    }

    @Test
    void freeFormTextIsRefused() {
        PlaybookException e = failure("""
                - name: run
                  action: "{{ cmd }} echo hi"
                """);
        assertEquals("4:15", e.pos().line() + ":" + e.pos().column());
        assertTrue(e.problem().startsWith("the templated action '{{ cmd }}' has free-form text ('echo hi'), which only"
                + " modules known before the run may take: "), e.problem());
    }

    @Test
    void aTemplatedModuleKeyIsRefused() {
        PlaybookException e = failure("""
                - "{{ m }}":
                    msg: hi
                """);
        assertEquals("3:7", e.pos().line() + ":" + e.pos().column());
        assertEquals("a module name given as a key cannot be templated ('{{ m }}')", e.problem());
        assertEquals("write it as 'action: \"{{ m }}\"' with the arguments under 'args:'", e.hint());
    }
}
