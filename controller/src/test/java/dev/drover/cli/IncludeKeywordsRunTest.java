package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which keywords reach the tasks of an {@code include_tasks}, and what the include's own keywords do,
 * as ansible-playbook 2.14 runs them (each expectation below is its output for the same playbook, on
 * local hosts): the included tasks inherit the blocks and imports around the include and its
 * {@code apply:}, never the include's own keywords, which apply to the include itself
 * ({@code ignore_errors}, {@code register}, {@code run_once}).
 */
class IncludeKeywordsRunTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        write("hosts.ini", "a ansible_connection=local\nb ansible_connection=local\n");
        write("env.yml", """
                - command: printenv FOO
                  register: c
                - debug: {msg: "FOO={{ c.stdout }}"}
                """);
        write("fails.yml", """
                - command: "false"
                - debug: {msg: after the failure}
                """);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private CliRun run(String playbook, String... extra) throws IOException {
        write("site.yml", playbook);
        String[] args = new String[5 + extra.length];
        args[0] = "run";
        args[1] = "-i";
        args[2] = dir.resolve("hosts.ini").toString();
        args[3] = "--limit=a";
        args[4] = dir.resolve("site.yml").toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CliRun.of(args);
    }

    @Test
    void theBlocksAroundAnIncludeGiveTheirKeywordsToTheIncludedTasks() throws IOException {
        CliRun run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - block:
                        - include_tasks: env.yml
                        - include_tasks: fails.yml
                      environment: {FOO: fromblock}
                      ignore_errors: true
                      tags: [t]
                """, "--tags", "t");
        // Before: the included tasks saw no FOO, their failure stopped the play, and --tags t
        // skipped them (only the include itself carried the block's tag).
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"msg\": \"FOO=fromblock\""), run.toString());
        assertTrue(run.out().contains("...ignoring"), run.toString());
        assertTrue(run.out().contains("\"msg\": \"after the failure\""), run.toString());
        assertEquals("ok=6 changed=2 unreachable=0 failed=0 skipped=0 rescued=0 ignored=1", run.recapLine("a"));
    }

    @Test
    void anImportGivesItsKeywordsToTheTasksOfAnIncludeItHolds() throws IOException {
        write("imported.yml", "- include_tasks: env.yml\n");
        CliRun run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - import_tasks: imported.yml
                      environment: {FOO: fromimport}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"msg\": \"FOO=fromimport\""), run.toString());
    }

    @Test
    void applyGivesKeywordsToTheIncludedTasks() throws IOException {
        CliRun run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - include_tasks:
                        file: env.yml
                        apply:
                          environment: {FOO: applied}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"msg\": \"FOO=applied\""), run.toString());
    }

    @Test
    void theIncludesOwnIgnoreErrorsCoversTheIncludeNotItsTasks() throws IOException {
        CliRun run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - include_tasks: "{{ nope }}.yml"
                      ignore_errors: true
                      register: r
                    - debug: {msg: "registered failed={{ r.failed }}"}
                    - include_tasks: fails.yml
                      ignore_errors: true
                    - debug: {msg: not reached}
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"msg\": \"registered failed=True\""), run.toString());
        assertFalse(run.out().contains("after the failure"), run.toString());
        assertFalse(run.out().contains("not reached"), run.toString());
        // ansible-playbook 2.14: ok=3 failed=1 ignored=1
        assertEquals("ok=3 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=1", run.recapLine("a"));
    }

    @Test
    void registerHoldsTheRenderedFileAndRunOnceIncludesForTheFirstHostOnly() throws IOException {
        write("hello.yml", "- debug: {msg: \"hello from {{ inventory_hostname }}\"}\n");
        write("site.yml", """
                - hosts: all
                  gather_facts: false
                  vars: {part: hello}
                  tasks:
                    - include_tasks: "{{ part }}.yml"
                      register: r
                      run_once: true
                    - debug: {msg: "include={{ r.include }} changed={{ r.changed }}"}
                """);
        CliRun run = CliRun.of("run", "-i", dir.resolve("hosts.ini").toString(), dir.resolve("site.yml").toString());
        // ansible-playbook 2.14: a alone includes and runs the file; both hosts registered its result.
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("included: " + dir.resolve("hello.yml") + " for a\n"), run.toString());
        assertFalse(run.out().contains("hello from b"), run.toString());
        assertTrue(run.out().contains("ok: [b] => {\n    \"msg\": \"include=hello.yml changed=False\""), run.toString());
        assertEquals("ok=3 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0", run.recapLine("a"));
        assertEquals("ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0", run.recapLine("b"));
    }
}
