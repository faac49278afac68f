package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code drover check} holds every task's module arguments to the module's schema (the protocol
 * module's {@code ModuleArgs}, which the agent's own test holds the modules to): an argument the
 * module does not take, a required one missing and a literal of the wrong type are reported with
 * file:line:column before any host. {@code run} is unchanged: such a task fails on its hosts, as
 * the agent reports it.
 */
class CheckModuleArgsTest extends LocalPlaybookRun {
    private static final String HEAD = "- hosts: web\n  gather_facts: false\n  tasks:\n";

    private CliRun check(String playbook) throws IOException {
        return CliRun.of("check", write("site.yml", playbook).toString());
    }

    @Test
    void aMisspeltArgumentIsReportedWithItsTaskAndTheNearestName() throws IOException {
        CliRun r = check(HEAD + "    - copy: {dset: OUT/x, content: a}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("site.yml:4:7: copy: unsupported argument 'dset' (did you mean 'dest'?); copy takes: dest,"),
                r.err());
        assertTrue(r.err().contains("site.yml:4:7: copy: missing required argument 'dest'"), r.err());
    }

    @Test
    void aMissingRequiredArgumentNamesItsAliases() throws IOException {
        CliRun r = check(HEAD + "    - name: touch it\n      file: state=touch\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("site.yml:4:7: file: missing required argument 'path' (or its alias dest, name)"), r.err());
    }

    @Test
    void aLiteralOfTheWrongTypeIsReportedATemplateWaitsForTheRun() throws IOException {
        CliRun r = check(HEAD + "    - file: {path: OUT/d, state: directory, recurse: maybe}\n"
                + "    - file: {path: OUT/d, state: directory, recurse: '{{ deep }}'}\n"
                + "    - group: {name: g, gid: ten}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("site.yml:4:7: file: argument 'recurse' must be a boolean (yes or no), got 'maybe'"),
                r.err());
        assertTrue(r.err().contains("site.yml:6:7: group: argument 'gid' must be a whole number, got 'ten'"), r.err());
        assertFalse(r.err().contains("site.yml:5:7"), r.err());
    }

    @Test
    void rolesHandlersAndStaticIncludeFilesAreChecked() throws IOException {
        write("roles/r/tasks/main.yml", "- stat: {path: /etc/hostname, get_checksum: no}\n- stat: {pth: /etc}\n");
        write("more.yml", "- lineinfile: {path: OUT/f, line: x, creat: yes}\n");
        CliRun r = check("- hosts: web\n  gather_facts: false\n  roles: [r]\n  tasks:\n"
                + "    - include_tasks: more.yml\n  handlers:\n    - name: h\n      service: {nme: x}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("main.yml:2:3: stat: unsupported argument 'pth' (did you mean 'path'?)"), r.err());
        assertTrue(r.err().contains("more.yml:1:3: lineinfile: unsupported argument 'creat' (did you mean 'create'?)"), r.err());
        assertTrue(r.err().contains("site.yml:7:7: service: unsupported argument 'nme' (did you mean 'name'?)"), r.err());
    }

    @Test
    void whatTheModulesAcceptPasses() throws IOException {
        // Aliases, free-form commands, k=v text, templates, controller-side copy and script, set_fact.
        write("files/f.txt", "x\n");
        write("s.sh", "echo hi\n");
        CliRun r = check(HEAD + "    - lineinfile: dest=OUT/f regex=^a value=b create=yes\n"
                + "    - command: echo hi\n      args: {chdir: /tmp}\n"
                + "    - shell: echo {{ x | default(1) }}\n"
                + "    - copy: {src: f.txt, dest: OUT/g, mode: '0644'}\n"
                + "    - script: s.sh --flag\n"
                + "    - systemd: {daemon-reload: true}\n"
                + "    - user: {user: u, createhome: no, uid: '{{ 1000 + 1 }}'}\n"
                + "    - set_fact: {anything: 1}\n"
                + "    - uri: {url: 'http://127.0.0.1:1/', timeout: 2.5, headers: {A: b}}\n");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    @Test
    void runStillLeavesTheArgumentToTheAgent() throws IOException {
        // check refuses it; run starts as before and the task fails on each host with the agent's message.
        CliRun r = run(HEAD + "    - file: {pth: OUT/x, state: touch}\n");
        assertEquals(ExitCodes.HOST_FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("unsupported argument 'pth' (did you mean 'path'?)"), r.out());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
