package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
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

    @Test
    void becomeExeAndBecomeFlagsAreKeywordsBelowTheirVariables() throws Exception {
        // ansible-playbook 2.14, same playbook on a local host as root: the first task fails running
        // /opt/nosuch/sudo, the second runs as nobody (the variable wins), recap ok=2 failed=0 ignored=1.
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && onPath("sudo"),
                "needs root and sudo (becomes nobody through sudo on the local host)");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  become_flags: -E
                  tasks:
                    - command: id -un
                      become: true
                      become_user: nobody
                      become_exe: /opt/nosuch/sudo
                      ignore_errors: true
                      register: bad
                    - command: id -un
                      become: true
                      become_user: nobody
                      become_exe: /opt/nosuch/sudo
                      vars: {ansible_become_exe: sudo}
                      register: good
                    - assert:
                        that:
                          - "'/opt/nosuch/sudo' in bad.msg"
                          - good.stdout == 'nobody'
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("3 1 0 0 0 0 1", recap(run, "a"));
    }

    @Test
    void becomingTheLoginUserIsSkippedAsInAnsible() throws Exception {
        // ansible-playbook 2.14, same playbook on a local host as root: "[none]" then "[root]" (sudo ran
        // only for nobody); with ANSIBLE_BECOME_ALLOW_SAME_USER=1 both are "[root]".
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && onPath("sudo"),
                "needs root and sudo (becomes nobody through sudo on the local host)");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - shell: echo "[${SUDO_USER:-none}]"
                      become: true
                      register: same
                    - shell: echo "[${SUDO_USER:-none}]"
                      become: true
                      become_user: nobody
                      register: other
                    - assert:
                        that:
                          - same.stdout == '[none]'
                          - other.stdout == '[root]'
                """);
        assertEquals(0, run.exitCode(), run.toString());
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, program)));
    }
}
