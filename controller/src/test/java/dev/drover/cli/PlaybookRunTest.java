package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover run} end to end on local hosts: asserts on the files the playbooks create and on the
 * recap counters, not only on text.
 */
class PlaybookRunTest {
    @TempDir
    Path dir;
    Path inventory;

    @BeforeEach
    void inventory() throws IOException {
        inventory = write("hosts.ini", """
                [web]
                a ansible_connection=local layer=host p1=host p2=host
                b ansible_connection=local layer=host p1=host p2=host
                [web:vars]
                p1=group
                p0=group
                """);
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text.replace("OUT", dir.toString()));
        return f;
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private CliRun run(String playbook, String... extra) throws IOException {
        Path pb = write("site.yml", playbook);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = "-i";
        args[2] = inventory.toString();
        args[3] = pb.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }

    /** ok, changed, unreachable, failed, skipped, rescued, ignored of a host from the recap. */
    static String recap(CliRun run, String host) {
        Matcher m = Pattern.compile("(?m)^" + host + " +: ok=(\\d+) +changed=(\\d+) +unreachable=(\\d+) +failed=(\\d+)"
                + " +skipped=(\\d+) +rescued=(\\d+) +ignored=(\\d+)").matcher(run.out());
        assertTrue(m.find(), "no recap line for " + host + "\n" + run);
        return String.join(" ", m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7));
    }

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
    void failedHostLeavesThePlayIgnoredErrorsDoNotAndExitIsTwo() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  tasks:
                    - command: "false"
                      ignore_errors: true
                    - command: "echo {{ inventory_hostname }}"
                      register: out
                      changed_when: false
                      failed_when: out.stdout == 'b'
                    - copy: {dest: "OUT/after-{{ inventory_hostname }}", content: done}
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue(Files.exists(dir.resolve("after-a")));
        assertFalse(Files.exists(dir.resolve("after-b")), "a failed host runs no further task");
        assertTrue(run.out().contains("...ignoring"), run.toString());
        assertTrue(run.out().contains("fatal: [b]: FAILED! => {"), run.toString());
        assertEquals("3 2 0 0 0 0 1", recap(run, "a"));
        assertEquals("1 1 0 1 0 0 1", recap(run, "b"));
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
    void checkModeChangesNothingAndDiffShowsTheChange() throws IOException {
        Files.writeString(dir.resolve("conf"), "port=1\n");
        String pb = """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy: {dest: OUT/conf, content: "port=2\\n"}
                    - copy: {dest: OUT/new, content: x}
                    - copy: {dest: OUT/forced, content: x}
                      check_mode: false
                    - debug: {msg: "check={{ ansible_check_mode }}"}
                """;
        CliRun run = run(pb, "--check", "--diff");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("port=1\n", read("conf"));
        assertFalse(Files.exists(dir.resolve("new")));
        assertTrue(Files.exists(dir.resolve("forced")), "check_mode: false runs for real");
        assertTrue(run.out().contains("-port=1") && run.out().contains("+port=2"), run.toString());
        assertTrue(run.out().contains("\"msg\": \"check=True\""), run.toString());
    }

    @Test
    void undefinedVariableFailsTheTaskWithNameAndPosition() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - name: use a typo
                      copy: {dest: OUT/x, content: "{{ acs_verison }}"}
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("task \\\"use a typo\\\" (" + dir.resolve("site.yml") + ":4:7): 'acs_verison' is undefined"),
                run.toString());
    }

    @Test
    void controllerActions() throws IOException {
        write("vars/extra.yml", "answer: 42\n");
        write("templates/app.conf.j2", "# {{ ansible_managed }}\nname={{ inventory_hostname }}\n{% for p in ports %}port={{ p }}\n{% endfor %}");
        write("files/blob.bin", "payload");
        Files.writeString(dir.resolve("remote-src"), "fetched");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  vars: {ports: [80, 443]}
                  tasks:
                    - include_vars: {file: extra.yml, name: loaded}
                    - set_fact: {doubled: "{{ loaded.answer * 2 }}", flag: "yes"}
                    - assert:
                        that: [doubled | int == 84, flag is sameas true]
                        success_msg: fine
                    - template: {src: app.conf.j2, dest: OUT/app.conf, mode: "0640"}
                    - copy: {src: blob.bin, dest: OUT/blob.copy}
                    - fetch: {src: OUT/remote-src, dest: OUT/fetched}
                    - debug: {var: doubled}
                    - assert: {that: "doubled | string == 'nope'", fail_msg: "doubled is {{ doubled }}"}
                      ignore_errors: true
                    - fail: {msg: stop here}
                    - copy: {dest: OUT/not-reached, content: x}
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals("# Ansible managed\nname=a\nport=80\nport=443\n", read("app.conf"));
        assertEquals("payload", read("blob.copy"));
        assertEquals("fetched", Files.readString(dir.resolve("fetched/a").resolve(dir.toString().substring(1)).resolve("remote-src")));
        assertTrue(run.out().contains("\"doubled\": 84"), run.toString());
        assertTrue(run.out().contains("\"msg\": \"doubled is 84\""), run.toString());
        assertTrue(run.out().contains("\"msg\": \"stop here\""), run.toString());
        assertFalse(Files.exists(dir.resolve("not-reached")));
        assertEquals("8 3 0 1 0 0 1", recap(run, "a"));
    }

    @Test
    void delegateToAndRunOnce() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  tasks:
                    - command: echo {{ inventory_hostname }}
                      register: who
                      run_once: true
                    - command: echo {{ inventory_hostname }}
                      delegate_to: b
                      register: delegated
                    - copy: {dest: "OUT/{{ inventory_hostname }}", content: "{{ who.stdout }} {{ delegated.stdout }}"}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("a a", read("a"));
        assertEquals("a b", read("b"));
        assertTrue(run.out().contains("changed: [a -> b]"), run.toString());
        assertEquals("2 2 0 0 0 0 0", recap(run, "b"));
    }

    @Test
    void noLogHidesTheResult() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - shell: echo s3cr3t-value; exit 1
                      no_log: true
                """, "-v");
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertFalse(run.out().contains("s3cr3t-value"), run.toString());
        assertTrue(run.out().contains(PlaybookPrinter.CENSORED), run.toString());
    }

    @Test
    void anyErrorsFatalStopsEveryHost() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  any_errors_fatal: true
                  tasks:
                    - fail: {msg: down}
                      when: inventory_hostname == 'a'
                    - copy: {dest: "OUT/{{ inventory_hostname }}", content: x}
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertFalse(Files.exists(dir.resolve("b")), "b stops too");
        assertTrue(run.out().contains("NO MORE HOSTS LEFT"), run.toString());
    }

    @Test
    void badInputExitsFour() throws IOException {
        Path bad = write("bad.yml", "a: 1\nb: [unclosed\n");
        CliRun run = run("- hosts: a\n  tasks: [{debug: {msg: hi}}]\n", "-e", "@" + bad);
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains(bad + ":"), run.toString());

        CliRun check = CliRun.of("check", write("c.yml", """
                - hosts: all
                  tasks:
                    - debug: {msg: x}
                      notify: restrat
                    - add_host: {name: extra}
                  handlers:
                    - {name: restart, debug: {msg: r}}
                """).toString());
        assertEquals(ExitCodes.BAD_INPUT, check.exitCode(), check.toString());
        assertTrue(check.err().contains("2 problems"), check.toString());
        assertTrue(check.err().contains("did you mean 'restart'?"), check.toString());
        assertTrue(check.err().contains("add_host is not supported by drover yet"), check.toString());

        CliRun good = CliRun.of("check", write("g.yml", "- hosts: all\n  tasks: [{debug: {msg: x}}]\n").toString());
        assertEquals(ExitCodes.OK, good.exitCode(), good.toString());
        assertTrue(good.out().contains("OK (1 play, 1 task)"), good.toString());
    }
}
