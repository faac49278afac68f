package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A role applied again in a play, decided per host at run time as Ansible 2.14 does
 * ({@code Role.has_run}): the application is skipped, silently, only on a host where an earlier
 * application with the same role cache key (role, params, vars, when, tags, tasks_from, import or
 * not) reached its end with at least one task not skipped (failed counts). Expected recaps are
 * ansible-playbook 2.14's for the same playbooks on the same two local hosts.
 */
class RoleRunsOnceRunTest extends LocalPlaybookRun {

    @BeforeEach
    void roles() throws IOException {
        // d runs on a only; on b its one task skips, so there it never counts as run.
        write("roles/d/tasks/main.yml", "- shell: echo d >> OUT/d-{{ inventory_hostname }}\n"
                + "  when: inventory_hostname == 'a'\n");
        write("roles/r/meta/main.yml", "dependencies: [d]\n");
        write("roles/r/tasks/main.yml", "- debug: msg=r-main\n");
        write("roles/r/tasks/other.yml", "- debug: msg=r-other\n");
        write("roles/s/meta/main.yml", "dependencies: [d]\n");
        write("roles/s/tasks/main.yml", "- debug: msg=s-main\n");
        // Fails (ignored) on b, skips on a: it has run on b only.
        write("roles/f/tasks/main.yml", "- command: /bin/false\n  ignore_errors: true\n  when: inventory_hostname == 'b'\n");
        write("roles/dup/meta/main.yml", "allow_duplicates: true\n");
        write("roles/dup/tasks/main.yml", "- debug: msg=dup\n  when: inventory_hostname == 'a'\n");
        write("roles/p/tasks/main.yml", "- debug: msg=\"p {{ x | default('none') }}\"\n  when: inventory_hostname == 'a'\n");
        write("roles/x/tasks/main.yml", "- debug: msg=x-first\n- fail: msg=boom\n  when: inventory_hostname == 'a'\n"
                + "- debug: msg=x-last\n");
    }

    @Test
    void aRoleRunsAgainOnAHostWhereItsTasksAllSkippedAndNotWhereOneRan() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  roles:
                    - r
                    - s
                    - d
                    - f
                    - f
                    - dup
                    - dup
                    - p
                    - {role: p, x: 1}
                    - p
                    - {role: p, x: 1}
                  tasks:
                    - import_role: {name: r, tasks_from: other}
                    - import_role: {name: r}
                    - include_role: {name: r}
                    - include_role: {name: d}
                    - import_role: {name: d}
                    - import_role: {name: d}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        // ansible-playbook 2.14: a ok=13 changed=4 skipped=2; b ok=6 changed=1 skipped=15 ignored=1.
        assertEquals("13 4 0 0 2 0 0", recap(run, "a"), run.toString());
        assertEquals("6 1 0 0 15 0 1", recap(run, "b"), run.toString());
        assertEquals(9, count(run.out(), "TASK [d : shell]"), "d's task is shown each time a host reaches it\n" + run);
        // On a: the dependency of r (then not of s, nor the roles: entry d, the same role object), and the
        // include and the two imports, which never count as repeats.
        assertEquals("d\nd\nd\nd\n", read("d-a"));
        assertEquals(2, count(run.out(), "TASK [f : command]"), run.toString());
        assertEquals(2, count(run.out(), "TASK [dup : debug]"), "allow_duplicates: true\n" + run);
        assertEquals(4, count(run.out(), "TASK [p : debug]"), "p without params, with x: 1, then each skipped on b only\n" + run);
    }

    @Test
    void importsWithAllowDuplicatesFalseAndDynamicIncludesShareHasRunAcrossSerialBatches() throws IOException {
        CliRun run = run("""
                - hosts: web
                  gather_facts: false
                  serial: 1
                  roles:
                    - r
                  tasks:
                    - include_role: {name: "{{ 'r' }}"}
                    - include_role: {name: "{{ 's' }}"}
                    - block:
                        - import_role: {name: x, allow_duplicates: false}
                      rescue:
                        - debug: msg=rescued
                    - import_role: {name: x, allow_duplicates: false}
                      ignore_errors: true
                    - import_role: {name: x, allow_duplicates: false}
                    - import_role: {name: d, allow_duplicates: false}
                    - import_role: {name: d, allow_duplicates: false}
                - hosts: web
                  gather_facts: false
                  roles: [d, d]
                """);
        // ansible-playbook 2.14: x is not complete on a after its rescued failure, runs again (its failure
        // ignored) and is then complete, so its third import does not run; a new play starts afresh.
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("11 3 0 0 0 1 1", recap(run, "a"), run.toString());
        assertEquals("5 0 0 0 8 0 0", recap(run, "b"), run.toString());
        assertEquals(3, count(run.out(), "x-first"), run.toString());
        // On a: r's d; not s's d (loaded at run time, the same role object); the first import of d, not the
        // second; the second play's first d.
        assertEquals("d\nd\nd\n", read("d-a"));
        assertEquals(9, count(run.out(), "TASK [d : shell]"), run.toString());
    }

    /**
     * {@code --resume} replays what the interrupted run completed, and the replayed results mark the
     * roles that ran just as the real ones did: the dependency that ran on a before the failure is not
     * run again there after it, while b, where it skipped, still runs it again.
     */
    @Test
    void aResumedRunKnowsWhichRolesRanBeforeTheInterruption() throws IOException {
        String playbook = """
                - hosts: web
                  gather_facts: false
                  roles: [r]
                  tasks:
                    - shell: test ! -e OUT/fault-{{ inventory_hostname }}
                    - import_role: {name: s}
                """;
        write("fault-a", "");
        CliRun failed = run(playbook, "--state-dir", dir.resolve("state").toString());
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        assertEquals("d\n", read("d-a"));
        Files.delete(dir.resolve("fault-a"));

        CliRun resumed = CliRun.of("run", "--resume", "last", "--state-dir", dir.resolve("state").toString());
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals("d\n", read("d-a"), "d ran on a before the interruption: s's dependency d is not run again\n" + resumed);
        assertTrue(resumed.out().contains("s-main"), resumed.toString());
        // ansible-playbook 2.14 in one uninterrupted run: a ok=4 changed=2; b ok=3 changed=1 skipped=2.
        assertEquals("4 2 0 0 0 0 0", recap(resumed, "a"), resumed.toString());
        assertEquals("3 1 0 0 2 0 0", recap(resumed, "b"), resumed.toString());
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
