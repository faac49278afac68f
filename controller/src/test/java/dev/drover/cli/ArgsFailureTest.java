package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A task whose arguments fail to render: the result a playbook registers carries Ansible 2.14's message
 * (expected values from ansible-playbook 2.14 on the same playbooks), which Ansible's own tests compare
 * with {@code ==} and {@code startswith}; the console still names task, file:line:column and template.
 */
class ArgsFailureTest extends LocalPlaybookRun {
    @Test
    void aFiltersErrorIsRegisteredInItsOwnWordsAndTheConsoleNamesThePlace() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - name: combine with a bad keyword
                      set_fact:
                        foo: "{{ [1] | combine(foo='bar') }}"
                      ignore_errors: yes
                      register: combine_fail
                    - assert:
                        that:
                          - combine_fail is failed
                          - "combine_fail.msg == \\"'recursive' and 'list_merge' are the only valid keyword arguments\\""
                          - combine_fail._drover_where is undefined
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("2 0 0 0 0 0 1", recap(run, "a"));
        assertTrue(run.out().contains("fatal: [a]: FAILED! => {\"msg\": \"'recursive' and 'list_merge' are the only valid"
                + " keyword arguments\"}\ntask \"combine with a bad keyword\" (" + dir.resolve("site.yml") + ":4:7): 'recursive'"
                + " and 'list_merge' are the only valid keyword arguments (in \"{{ [1] | combine(foo='bar') }}\")"), run.toString());
    }

    @Test
    void anUndefinedVariableInArgumentsIsAnsiblesOptionMessage() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - set_fact:
                        combined: "{{ {'key1': 1} | combine({'key2': {'nested': [undef_variable]}}) }}"
                      ignore_errors: yes
                      register: result
                    - assert:
                        that:
                          - "result.msg.startswith('The task includes an option with an undefined variable')"
                          - "'undef_variable' in result.msg"
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("2 0 0 0 0 0 1", recap(run, "a"));
    }

    @Test
    void aLoopItemWhoseArgumentsFailFailsThatItemOnly() throws IOException {
        // As Ansible: each item renders its arguments; the one that fails is a failed item, the others run.
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy: {dest: "OUT/item-{{ item }}", content: "{{ item | mandatory if item != 2 else undefined_here }}"}
                      loop: [1, 2, 3]
                      ignore_errors: yes
                      register: looped
                    - assert:
                        that:
                          - looped.results[1].msg.startswith('The task includes an option with an undefined variable')
                          - looped.results[0] is not failed
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("1", read("item-1"));
        assertEquals("3", read("item-3"));
    }
}
