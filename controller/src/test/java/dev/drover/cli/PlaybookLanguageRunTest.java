package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The playbook language with Ansible's meaning: precedence, conditions, loops, handlers, blocks, includes, tags.
 * Runs {@code drover run} end to end on local hosts and asserts on the files the playbooks create
 * and on the recap counters, not only on text.
 */
class PlaybookLanguageRunTest extends LocalPlaybookRun {
    @Test
    void variablePrecedenceFollowsAnsible() throws IOException {
        write("vars/layer4.yml", "p4: vars_files\np5: vars_files\np6: vars_files\np7: vars_files\np8: vars_files\np9: vars_files\n");
        write("vars/layer7.yml", "p7: include_vars\np8: include_vars\np9: include_vars\n");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  vars: {p2: play, p3: play, p4: play, p5: play, p6: play, p7: play, p8: play, p9: play}
                  vars_files: [vars/layer4.yml]
                  tasks:
                    - include_vars: layer7.yml
                    - set_fact: {p8: set_fact, p9: set_fact}
                    - block:
                        - copy:
                            dest: OUT/vars.txt
                            content: "{{ p0 }} {{ p1 }} {{ p2 }} {{ p3 }} {{ p4 }} {{ p5 }} {{ p6 }} {{ p7 }} {{ p8 }} {{ p9 }}"
                          vars: {p6: task, p7: task, p8: task, p9: task}
                      vars: {p5: block, p6: block, p7: block, p8: block, p9: block}
                """, "-e", "p9=extra");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("group host play play vars_files block task include_vars set_fact extra", read("vars.txt"));
        assertEquals("3 1 0 0 0 0 0", recap(run, "a"));
    }

    @Test
    void whenLoopRegisterAndUntil() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  tasks:
                    - name: one file per item, only some items
                      copy: {dest: "OUT/{{ inventory_hostname }}-{{ item.n }}", content: "{{ item.n }}:{{ ansible_loop.index }}"}
                      loop: [{n: x, on: true}, {n: y, on: false}, {n: z, on: true}]
                      when: item.on
                      register: made
                    - name: count to three
                      shell: echo . >> OUT/count-{{ inventory_hostname }}; wc -l < OUT/count-{{ inventory_hostname }}
                      register: counted
                      until: counted.stdout | int >= 3
                      retries: 5
                      delay: 0
                    - copy:
                        dest: OUT/summary-{{ inventory_hostname }}
                        content: "{{ made.results | map(attribute='changed') | list }} {{ counted.attempts }}"
                      when: inventory_hostname == 'a'
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("x:1", read("a-x"));
        assertEquals("z:3", read("b-z"));
        assertFalse(Files.exists(dir.resolve("a-y")));
        assertEquals("[True, False, True] 3", read("summary-a"));
        assertFalse(Files.exists(dir.resolve("summary-b")));
        assertTrue(run.out().contains("changed: [a] => (item={'n': 'x', 'on': True})"), run.toString());
        assertTrue(run.out().contains("skipping: [a] => (item={'n': 'y', 'on': False})"), run.toString());
        assertTrue(run.out().contains("FAILED - RETRYING: [a]: count to three (5 retries left)."), run.toString());
        assertEquals("3 3 0 0 0 0 0", recap(run, "a"));
        assertEquals("2 2 0 0 1 0 0", recap(run, "b"));
    }

    @Test
    void handlersRunOnceOnlyWhenChangedAndAtFlush() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy: {dest: OUT/conf1, content: "1"}
                      notify: restart
                    - copy: {dest: OUT/conf2, content: "2"}
                      notify: [restart, reload topic]
                    - command: "true"
                      changed_when: false
                      notify: never notified
                    - meta: flush_handlers
                    - shell: echo task-after-flush >> OUT/log
                  handlers:
                    - name: restart
                      shell: echo restart >> OUT/log
                    - name: never notified
                      shell: echo wrong >> OUT/log
                    - name: reload
                      shell: echo reload >> OUT/log
                      listen: reload topic
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("restart\nreload\ntask-after-flush\n", read("log"));
        assertTrue(run.out().contains("RUNNING HANDLER [restart]"), run.toString());
    }

    @Test
    void blockRescueAlwaysWithTheFailedTask() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - block:
                        - name: break it
                          command: "false"
                        - copy: {dest: OUT/not-reached, content: x}
                      rescue:
                        - copy: {dest: OUT/rescued, content: "{{ ansible_failed_task.name }} rc={{ ansible_failed_result.rc }}"}
                      always:
                        - copy: {dest: OUT/always, content: yes}
                    - block:
                        - fail: {msg: no rescue here}
                      always:
                        - copy: {dest: OUT/always2, content: yes}
                    - copy: {dest: OUT/after, content: x}
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals("break it rc=1", read("rescued"));
        assertTrue(Files.exists(dir.resolve("always")) && Files.exists(dir.resolve("always2")));
        assertFalse(Files.exists(dir.resolve("not-reached")) || Files.exists(dir.resolve("after")));
        assertEquals("3 3 0 1 0 1 0", recap(run, "a"));
    }

    @Test
    void includeAndImportTasksWithVarsAndLoops() throws IOException {
        write("tasks/one.yml", """
                - copy: {dest: "OUT/inc-{{ inventory_hostname }}-{{ item }}", content: "{{ greeting }}"}
                - import_tasks: two.yml
                """);
        write("tasks/two.yml", "- copy: {dest: \"OUT/imp-{{ item }}\", content: imported}\n");
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  tasks:
                    - include_tasks: tasks/one.yml
                      loop: [p, q]
                      vars: {greeting: hello}
                      when: inventory_hostname == 'a'
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("hello", read("inc-a-p"));
        assertEquals("hello", read("inc-a-q"));
        assertEquals("imported", read("imp-q"));
        assertFalse(Files.exists(dir.resolve("inc-b-p")));
        assertTrue(run.out().contains("included: " + dir.resolve("tasks/one.yml") + " for a"), run.toString());
        assertEquals("0 0 0 0 1 0 0", recap(run, "b"));
    }

    @Test
    void tagsSelectTasksLikeAnsible() throws IOException {
        String pb = """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - {copy: {dest: OUT/t-web, content: x}, tags: web}
                    - {copy: {dest: OUT/t-db, content: x}, tags: [db]}
                    - {copy: {dest: OUT/t-always, content: x}, tags: always}
                    - {copy: {dest: OUT/t-never, content: x}, tags: [never, debug]}
                    - copy: {dest: OUT/t-untagged, content: x}
                """;
        CliRun run = run(pb, "--tags", "web,debug");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        for (String f : new String[] {"t-web", "t-always", "t-never"}) {
            assertTrue(Files.exists(dir.resolve(f)), f + "\n" + run);
        }
        assertFalse(Files.exists(dir.resolve("t-db")) || Files.exists(dir.resolve("t-untagged")));

        CliRun skip = run(pb, "--skip-tags", "web");
        assertEquals(ExitCodes.OK, skip.exitCode(), skip.toString());
        assertTrue(Files.exists(dir.resolve("t-db")) && Files.exists(dir.resolve("t-untagged")));
    }

    @Test
    void loopControlExtendedIsAcceptedAndAnsibleLoopIsSet() throws IOException {
        // Playbooks written for Ansible set extended: true to get ansible_loop; drover always sets it.
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy:
                        dest: "OUT/loop-{{ item }}"
                        content: "{{ ansible_loop.index }}/{{ ansible_loop.length }} first={{ ansible_loop.first }}"
                      loop: [x, y]
                      loop_control:
                        extended: true
                        extended_allitems: false
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("1/2 first=True", read("loop-x"));
        assertEquals("2/2 first=False", read("loop-y"));

        CliRun bad = run("""
                - hosts: a
                  tasks:
                    - debug: {msg: x}
                      loop: [1]
                      loop_control: {extended: maybe}
                """);
        assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("site.yml:5:"), bad.toString());
    }
}
