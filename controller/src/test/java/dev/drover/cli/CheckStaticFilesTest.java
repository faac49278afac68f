package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover check} reads what a playbook names without a template, as the run would, and
 * refuses before any host what the run would fail on at once: include_tasks cycles, loops that
 * render to a non-list without any variable, broken include_tasks files and broken vars_files.
 */
class CheckStaticFilesTest {
    @TempDir
    Path dir;

    private CliRun check(String playbook) throws IOException {
        Files.writeString(dir.resolve("site.yml"), playbook);
        return CliRun.of("check", dir.resolve("site.yml").toString());
    }

    private static final String HEAD = "- hosts: all\n  gather_facts: false\n  tasks:\n";

    @Test
    void selfIncludingTaskFileIsRefusedNamingTheChain() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "- debug: {msg: a}\n- include_tasks: a.yml\n");
        CliRun r = check(HEAD + "    - include_tasks: a.yml\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("include_tasks cycle: a.yml:2:3 includes a.yml"), r.err());
    }

    @Test
    void cycleThroughTwoFilesIsRefusedWithEachLink() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "- include_tasks: b.yml\n");
        Files.writeString(dir.resolve("b.yml"), "- debug: {msg: b}\n- include_tasks: a.yml\n");
        CliRun r = check(HEAD + "    - include_tasks: a.yml\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("a.yml:1:3 includes b.yml -> b.yml:2:3 includes a.yml"), r.err());
    }

    @Test
    void recursionEndedByAWhenIsAllowed() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "- set_fact: {n: '{{ n | default(0) | int + 1 }}'}\n"
                + "- include_tasks: a.yml\n  when: n | int < 3\n");
        CliRun r = check(HEAD + "    - include_tasks: a.yml\n");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    @Test
    void loopRenderingToANumberOrStringOrMappingIsRefusedWithAnsiblesMessage() throws IOException {
        for (String loop : new String[] {"'{{ 5 }}'", "'{{ \"abc\" }}'", "'{{ {\"a\": 1} }}'", "'{{ 3 + 4 }}'"}) {
            CliRun r = check(HEAD + "    - debug: {msg: '{{ item }}'}\n      loop: " + loop + "\n");
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), loop + ": " + r.err());
            assertTrue(r.err().contains("site.yml:4:7: loop: Invalid data passed to 'loop', it requires a list, got this"
                    + " instead"), r.err());
        }
    }

    @Test
    void malformedLiteralSequenceIsRefused() throws IOException {
        CliRun r = check(HEAD + "    - debug: {msg: '{{ item }}'}\n      with_sequence: start=1 end=five\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("site.yml:4:7: with_sequence: "), r.err());
        r = check(HEAD + "    - debug: {msg: '{{ item }}'}\n      with_sequence: start=1 end=3\n"
                + "    - debug: {msg: '{{ item }}'}\n      with_sequence: 'count={{ n }}'\n"
                + "    - debug: {msg: '{{ item }}'}\n      with_together: [[1, 2], [3]]\n");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    @Test
    void loopThatNeedsAVariableOrRendersToAListPasses() throws IOException {
        CliRun r = check(HEAD + "    - debug: {msg: '{{ item }}'}\n      loop: '{{ hosts_to_add }}'\n"
                + "    - debug: {msg: '{{ item }}'}\n      loop: '{{ range(3) | list }}'\n"
                + "    - debug: {msg: '{{ item }}'}\n      loop: '{{ {\"a\": 1} | dict2items }}'\n");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    @Test
    void brokenIncludeFileIsFoundByCheck() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "- debug: {msg: '{{ x | no_such_filter }}'}\n- debug: {msg: hi}\n"
                + "  loop: '{{ 7 }}'\n");
        CliRun r = check(HEAD + "    - include_tasks: a.yml\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("a.yml:1:3") && r.err().contains("no_such_filter"), r.err());
        assertTrue(r.err().contains("a.yml:2:3: loop: Invalid data passed to 'loop'"), r.err());
        Files.writeString(dir.resolve("a.yml"), "- no_such_module: {x: 1}\n");
        r = check(HEAD + "    - include_tasks: a.yml\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("a.yml:1:3"), r.err());
    }

    @Test
    void includedFilesGetThePlaybooksPerTaskChecks() throws IOException {
        // What PlaybookChecker finds in the playbook, imported files and roles, it finds in include_tasks files too.
        Files.writeString(dir.resolve("a.yml"), "- command:\n  register: 'bad name'\n- debug: {msg: a}\n"
                + "  notify: restart nothing\n- include_tasks: missing.yml\n  when: x is defined\n");
        CliRun r = check(HEAD + "    - include_tasks: a.yml\n      when: y is defined\n  handlers:\n"
                + "    - name: restart something\n      debug: {msg: r}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("a.yml:1:3: register 'bad name' is not a valid variable name"), r.err());
        assertTrue(r.err().contains("a.yml:1:3: command: no command given"), r.err());
        assertTrue(r.err().contains("a.yml:3:3: notify 'restart nothing' matches no handler name or listen topic in this"
                + " play (did you mean 'restart something'?)"), r.err());
        assertTrue(r.err().contains("a.yml:5:3: include_tasks file 'missing.yml' not found"), r.err());
    }

    @Test
    void importedFilesRolesAndImportedPlaybooksGetThePerTaskChecks() throws IOException {
        Files.writeString(dir.resolve("imp.yml"), "- shell:\n");
        Files.createDirectories(dir.resolve("roles/r/tasks"));
        Files.writeString(dir.resolve("roles/r/tasks/main.yml"), "- debug: {msg: a}\n  register: 2bad\n");
        Files.writeString(dir.resolve("other.yml"), HEAD + "    - debug: {msg: a, var: b}\n");
        CliRun r = check(HEAD + "    - import_tasks: imp.yml\n    - import_role: {name: r}\n- import_playbook: other.yml\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("imp.yml:1:3: shell: no command given"), r.err());
        assertTrue(r.err().contains("main.yml:1:3: register '2bad' is not a valid variable name"), r.err());
        assertTrue(r.err().contains("other.yml:4:7: debug: 'msg' and 'var' are incompatible"), r.err());
    }

    @Test
    void brokenIncludeFileBehindAConditionStopsCheckButNotARunThatNeverIncludesIt() throws IOException {
        // As a file for another OS: Ansible never reads it when the condition is false.
        Files.writeString(dir.resolve("a.yml"), "- no_such_module: {x: 1}\n");
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local drover_agent_cache="
                + dir.resolve("cache") + "\n");
        CliRun r = check(HEAD + "    - include_tasks: a.yml\n      when: false\n    - debug: {msg: done}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("a.yml:1:3"), r.err());
        r = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i", dir.resolve("hosts.ini").toString(),
                dir.resolve("site.yml").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("done"), r.out());
        Files.writeString(dir.resolve("site.yml"), HEAD + "    - include_tasks: a.yml\n");
        r = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i", dir.resolve("hosts.ini").toString(),
                dir.resolve("site.yml").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.out() + r.err());
        assertFalse(Files.exists(dir.resolve("cache")), "refused before the host");
    }

    @Test
    void badVarsFilesAreFoundByCheckAsRunFindsThem() throws IOException {
        String pb = "- hosts: all\n  gather_facts: false\n  vars_files: [vars.yml]\n  tasks: [{debug: {msg: hi}}]\n";
        Files.write(dir.resolve("vars.yml"), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        CliRun r = check(pb);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("vars.yml"), r.err());
        Files.writeString(dir.resolve("vars.yml"), "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                + "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n");
        r = check(pb);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("vars.yml"), r.err());
        Files.writeString(dir.resolve("vars.yml"), "a: [\n");
        r = check(pb);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("vars.yml:"), r.err());
        Files.writeString(dir.resolve("vars.yml"), "a: 1\n");
        r = check(pb);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertFalse(r.err().contains("vars.yml"), r.err());
    }
}
