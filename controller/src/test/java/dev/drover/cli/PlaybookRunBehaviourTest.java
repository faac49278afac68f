package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.report.PlaybookPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * How a run behaves: failures and exit codes, check and diff, errors, controller-side actions, delegation, no_log.
 * Runs {@code drover run} end to end on local hosts and asserts on the files the playbooks create
 * and on the recap counters, not only on text.
 */
class PlaybookRunBehaviourTest extends LocalPlaybookRun {
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
    void aLoopThatCannotRenderIsSkippedWhenItsConditionIsFalseAndReportedOtherwise() throws IOException {
        // As in Ansible: the loop reads attributes a skipped task never produced; where the
        // condition is false the task is skipped, where it is true the failure names the loop.
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  tasks:
                    - stat: {path: OUT}
                      register: probe
                      when: inventory_hostname == 'a'
                    - copy: {dest: "OUT/looped-{{ inventory_hostname }}", content: "{{ item.stat.path }}"}
                      loop: "{{ [probe] | selectattr('stat.exists') | list }}"
                      when: inventory_hostname == 'a'
                    - debug: {msg: "{{ item }}"}
                      loop: "{{ probe.stat.nothing_here }}"
                      when: inventory_hostname == 'b'
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals(dir.toString(), read("looped-a"));
        assertEquals("2 1 0 0 1 0 0", recap(run, "a"), "a skips the last task: its condition is false");
        assertEquals("0 0 0 1 2 0 0", recap(run, "b"), "b skips the first two and fails on the last loop");
        assertTrue(run.out().contains("fatal: [b]: FAILED! =>"), "a loop failure is printed, not silent\n" + run);
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
        // Ansible's words, with the place in its own: file, line and column of the task, and the line itself.
        assertTrue(run.out().contains("The task includes an option with an undefined variable. The error was: 'acs_verison'"
                + " is undefined. 'acs_verison' is undefined\\n\\nThe error appears to be in '" + dir.resolve("site.yml") + "': line 4, column 7, but may"
                + "\\nbe elsewhere in the file depending on the exact syntax problem.\\n\\nThe offending line appears to be:"
                + "\\n\\n  tasks:\\n    - name: use a typo\\n      ^ here\\n"), run.toString());
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
                    - debug: {msg: y}
                      timeout: 5
                  handlers:
                    - {name: restart, debug: {msg: r}}
                """).toString());
        assertEquals(ExitCodes.BAD_INPUT, check.exitCode(), check.toString());
        assertTrue(check.err().contains("2 problems"), check.toString());
        assertTrue(check.err().contains("did you mean 'restart'?"), check.toString());
        assertTrue(check.err().contains("timeout is not supported by drover yet"), check.toString());

        CliRun good = CliRun.of("check", write("g.yml", "- hosts: all\n  tasks: [{debug: {msg: x}}]\n").toString());
        assertEquals(ExitCodes.OK, good.exitCode(), good.toString());
        assertTrue(good.out().contains("OK (1 play, 1 task)"), good.toString());
    }
}
