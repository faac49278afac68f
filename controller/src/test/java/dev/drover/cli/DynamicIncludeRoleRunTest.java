package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code include_role} resolved at run time, as Ansible does: the role (and its tasks file) chosen
 * per host and per loop item by templates, its handlers joining the play's, {@code public} making
 * its variables the play's, a missing role failing only the hosts that name it. The comparison with
 * ansible-playbook is {@code playbooks/compat/18-include-role-dynamic.yml}.
 */
class DynamicIncludeRoleRunTest extends LocalPlaybookRun {

    @BeforeEach
    void roles() throws IOException {
        write("roles/web/defaults/main.yml", "web_port: 80\n");
        write("roles/web/tasks/main.yml", """
                - shell: echo "web {{ inventory_hostname }} {{ web_port }} {{ tag | default('-') }}" >> OUT/web.txt
                  notify: reload
                """);
        write("roles/web/tasks/extra.yml", "- shell: echo \"extra {{ inventory_hostname }}\" >> OUT/extra.txt\n");
        write("roles/web/handlers/main.yml", "- name: reload\n  shell: echo \"reload {{ inventory_hostname }}\" >> OUT/reload.txt\n");
        write("roles/db/tasks/main.yml", "- shell: echo \"db {{ inventory_hostname }} {{ tag | default('-') }}\" >> OUT/db.txt\n");
    }

    @Test
    void theRoleIsChosenPerHostAndItemAndItsHandlersRun() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  vars:
                    kinds: {a: web, b: db}
                  tasks:
                    - name: per host
                      include_role:
                        name: "{{ kinds[inventory_hostname] }}"
                    - name: per item
                      include_role:
                        name: "{{ item }}"
                        tasks_from: "{{ 'extra' if item == 'web' else 'main' }}"
                      loop: [web, db]
                      vars: {tag: looped}
                    - name: later tasks do not see a private role's defaults
                      shell: echo "{{ web_port | default('hidden') }}" >> OUT/before-{{ inventory_hostname }}.txt
                    - name: public
                      include_role:
                        name: "{{ 'web' }}"
                        public: true
                      when: inventory_hostname == 'a'
                    - shell: echo "{{ web_port | default('hidden') }}" >> OUT/after-{{ inventory_hostname }}.txt
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("web a 80 -\nweb a 80 -\n", read("web.txt"), "the per-host include, then the public one");
        assertEquals("extra a\nextra b\n", sorted(read("extra.txt")));
        assertEquals("db a looped\ndb b -\ndb b looped\n", sorted(read("db.txt")));
        assertEquals("reload a\nreload a\n", read("reload.txt"), "each include loaded its own handler, each notified once"
                + " (as Ansible 2.14, where the handler loaded last answers a notification)");
        assertEquals("hidden\n", read("before-b.txt"));
        assertEquals("80\n", read("after-a.txt"));
        assertEquals("80\n", read("after-b.txt"), "a public role's defaults are the play's, for every host");
    }

    @Test
    void aMissingRoleFailsOnlyTheHostsThatNameIt() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  tasks:
                    - include_role:
                        name: "{{ 'nosuch' if inventory_hostname == 'b' else 'db' }}"
                    - shell: echo "next {{ inventory_hostname }}" >> OUT/next.txt
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("fatal: [b]"), run.toString());
        assertTrue(run.out().contains("site.yml:5:15: the role 'nosuch' was not found in: "), run.toString());
        assertEquals("next a\n", read("next.txt"));
        assertFalse(Files.exists(dir.resolve("roles/nosuch")));
        assertEquals("0 0 0 1 0 0 0", recap(run, "b"), "Ansible does not count an include_role that ran as ok");
    }

    private static String sorted(String lines) {
        return String.join("\n", lines.lines().sorted().toList()) + "\n";
    }
}
