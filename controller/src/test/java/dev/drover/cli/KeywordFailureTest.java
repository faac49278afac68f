package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A task whose loop, {@code when}, {@code until}, {@code failed_when} or {@code changed_when} cannot be
 * evaluated: the result a playbook registers carries Ansible 2.14's {@code msg} (the expected texts are
 * ansible-playbook 2.14's on the same playbooks, local connection), and where that message names no
 * place the console still prints drover's task and file:line:column under the failure.
 */
class KeywordFailureTest extends LocalPlaybookRun {
    private static final String UNDEFINED = "'nope' is undefined. 'nope' is undefined";

    @Test
    void anUndefinedLoopAndALoopOverANonListAreAnsiblesMessages() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  vars:
                    s: abc
                    d: {a: 1}
                  tasks:
                    - name: undefined loop
                      debug: msg={{ item }}
                      loop: "{{ nope }}"
                      register: r1
                      ignore_errors: true
                    - name: a string
                      debug: msg={{ item }}
                      loop: "{{ s }}"
                      register: r2
                      ignore_errors: true
                    - name: a mapping
                      debug: msg={{ item }}
                      loop: "{{ d }}"
                      register: r3
                      ignore_errors: true
                    - assert:
                        that:
                          - "r1 == {'failed': true, 'msg': m1}"
                          - r2.msg == m2
                          - r3.msg.startswith(m3)
                          - r3 is not changed
                      vars:
                        m1: >-
                          %s
                        m2: >-
                          Invalid data passed to 'loop', it requires a list, got this instead: abc. Hint: If you passed
                          a list/dict of just one element, try adding wantlist=True to your lookup invocation or use
                          q/query instead of lookup.
                        m3: >-
                          Invalid data passed to 'loop', it requires a list, got this instead: {'a': 1}. Hint:
                """.formatted(UNDEFINED));
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("4 0 0 0 0 0 3", recap(run, "a"));
        assertTrue(run.out().contains("fatal: [a]: FAILED! => {\"msg\": \"" + UNDEFINED + "\"}\ntask \"undefined loop\" ("
                + dir.resolve("site.yml") + ":7:7): 'nope' is undefined (in \"{{ nope }}\")"), run.toString());
    }

    @Test
    void aWhenThatFailsIsTheConditionalCheckNamingTheTasksPlace() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - name: when undefined
                      debug:
                        msg: x
                      when: nope
                      register: r
                      ignore_errors: true
                    - assert:
                        that:
                          - r.msg == expected
                      vars:
                        expected: "The conditional check 'nope' failed. The error was: error while evaluating conditional (nope): %s\\n\\nThe error appears to be in '%s': line 4, column 7, but may\\nbe elsewhere in the file depending on the exact syntax problem.\\n\\nThe offending line appears to be:\\n\\n  tasks:\\n    - name: when undefined\\n      ^ here\\n"
                """.formatted(UNDEFINED, dir.resolve("site.yml").toAbsolutePath().normalize()));
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("2 0 0 0 0 0 1", recap(run, "a"));
    }

    @Test
    void untilFailedWhenAndChangedWhenThatFailAreTheConditionalCheck() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - command: "true"
                      failed_when: nope
                      register: f
                      ignore_errors: true
                    - command: "true"
                      changed_when: nope
                      register: c
                      ignore_errors: true
                    - command: "true"
                      until: nope
                      register: u
                      ignore_errors: true
                    - assert:
                        that:
                          - f.failed_when_result == m
                          - f.rc == 0
                          - c.changed_when_result == m
                          - c is failed
                          - "u == {'failed': true, 'msg': m}"
                      vars:
                        m: >-
                          The conditional check 'nope' failed. The error was: error while evaluating conditional (nope): %s
                """.formatted(UNDEFINED));
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("4 2 0 0 0 0 3", recap(run, "a"));
    }
}
