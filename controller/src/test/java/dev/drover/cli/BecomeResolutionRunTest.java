package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * How a playbook's task decides who to become: the host's {@code ansible_become*} variables (from
 * anywhere, task vars included), then its keywords, then the command line, as in Ansible (the ad hoc side is {@code ExecOverOpenSshTest}'s). drover
 * becomes through sudo or su, so any other method a task ends up with shows in its refusal.
 */
class BecomeResolutionRunTest extends LocalPlaybookRun {
    static final String PLAY = """
            - hosts: a
              gather_facts: false
              tasks:
                - command: id -un
                  become: true
            """;

    @Test
    void aHostsTemplatedBecomeMethodIsRendered() throws Exception {
        CliRun run = run(PLAY, "-e", "m=doas", "-e", "ansible_become_method={{ m }}");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("become method 'doas' is not supported"), run.toString());
    }

    @Test
    void theHostsVariableWinsOverTheTasksKeyword() throws Exception {
        // ansible-playbook 2.14 with the same playbook and -e: "Invalid become method specified, could not
        // find matching plugin: 'doas'" (its PlayContext applies the variables after the task's keywords).
        CliRun run = run(PLAY.replace("become: true", "become: true\n      become_method: pbrun"),
                "-e", "ansible_become_method=doas");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("become method 'doas' is not supported"), run.toString());
    }

    @Test
    void aTaskVarsBecomeUserWinsOverTheKeywordAndAFalseAnsibleBecomeTurnsItOff() throws Exception {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - command: id -un
                      become: true
                      become_method: pbrun
                      vars:
                        ansible_become: false
                      register: r
                    - assert: {that: [r is success]}
                """);
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void anUnknownMethodFailsTheTaskNamingItAndWhereItIs() throws Exception {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - name: as root through doas
                      command: id -un
                      become: true
                      become_method: doas
                      ignore_errors: true
                    - debug: msg=after
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches("(?s).*fatal: \\[a\\]: FAILED! => .*task \\\\\"as root through doas\\\\\" \\(\\S+:4:7\\):"
                + " become method 'doas' is not supported: drover becomes another user through sudo or su.*"), run.toString());
        assertTrue(run.out().contains("\"msg\": \"after\""), "the run goes on: " + run);
    }
}
