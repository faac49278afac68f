package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Playbook;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's {@code gather_facts} action as a task (Ansible's setup_test_user role gathers the
 * distribution facts so): it runs the fact module, {@code setup}, with the task's arguments.
 */
class GatherFactsActionTest {
    @TempDir
    Path dir;

    @Test
    void gatherFactsTaskRunsSetupWithItsArguments() throws Exception {
        Set<String> modules = new HashSet<>(Files.MODULES);
        modules.add("setup");
        Path site = Files.write(dir, "site.yml", """
                - hosts: all
                  tasks:
                    - name: gather distribution facts
                      gather_facts:
                        gather_subset: distribution
                        parallel: true
                      when: ansible_distribution is not defined
                    - ansible.builtin.gather_facts:
                    - action: gather_facts gather_subset=min
                """);
        Playbook playbook = new PlaybookParser(modules).parse(site);
        List<?> tasks = playbook.plays().get(0).tasks();
        ModuleTask first = assertInstanceOf(ModuleTask.class, tasks.get(0));
        assertEquals("setup", first.module());
        assertEquals(Map.of("gather_subset", "distribution"), first.args());
        assertEquals(List.of("ansible_distribution is not defined"), first.options().when());
        assertEquals("setup", assertInstanceOf(ModuleTask.class, tasks.get(1)).module());
        ModuleTask third = assertInstanceOf(ModuleTask.class, tasks.get(2));
        assertEquals("setup", third.module());
        assertEquals(Map.of("gather_subset", "min"), third.args());
    }
}
