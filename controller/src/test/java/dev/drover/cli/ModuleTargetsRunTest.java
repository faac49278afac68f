package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Differences Ansible 2.14's integration targets for {@code script}, {@code fetch} and {@code user}
 * found (see {@code src/test/resources/ansible-targets/README.md}), each through {@code drover run}
 * and the real agent on a local host, with what ansible-playbook 2.14 gives for the same tasks.
 */
class ModuleTargetsRunTest extends LocalPlaybookRun {
    @Test
    void anActionRunOnTheControllerRefusesAsync() throws IOException {
        write("files/hello.sh", "#!/bin/sh\necho hi\n");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - script: hello.sh
                      async: 2
                      register: r
                      ignore_errors: true
                    - assert:
                        that: [r is failed, "r.msg == 'async is not supported for this task.'"]
                    - script: hello.sh
                      async: 0
                      register: z
                    - assert:
                        that: [z is changed, "z.stdout == 'hi\\\\n'"]
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("4 1 0 0 0 0 1", recap(run, "a"), run.toString());
    }

    @Test
    void aFetchedFileHasTheUmasksModeAndAnOverwrittenOneKeepsItsOwn() throws IOException {
        // ansible-playbook 2.14 under umask 022: the new file is 0644 (shutil.copyfile, sftp get), not
        // 0600; a file already there with 0640 keeps 0640 when fetch rewrites it.
        write("src/a", "one\n");
        write("src/b", "two\n");
        write("kept/a", "old\n");
        java.nio.file.Files.setPosixFilePermissions(dir.resolve("kept/a"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - fetch: {src: OUT/src/b, dest: OUT/new/, flat: true}
                    - fetch: {src: OUT/src/a, dest: OUT/kept/, flat: true}
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("2 2 0 0 0 0 0", recap(run, "a"), run.toString());
        // What this JVM's umask gives a new file: 0666 less the umask, as Python's open().
        java.nio.file.Path probe = java.nio.file.Files.createFile(dir.resolve("probe"));
        assertEquals(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(probe)),
                java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(dir.resolve("new/b"))));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(dir.resolve("kept/a"))));
        assertEquals("one\n", read("kept/a"));
    }

    @Test
    void fetchSkipsInCheckModeAndFailsInAnsiblesWords() throws IOException {
        write("src/orig", "test");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - fetch: {src: OUT/src/orig, dest: OUT/fetched}
                      check_mode: true
                      register: check
                    - fetch: {src: OUT/src/orig, dest: OUT/fetched}
                      register: first
                    - fetch: {src: OUT/src/orig, dest: OUT/fetched}
                      register: again
                    - fetch: {src: OUT/src/nothere, dest: OUT/fetched, fail_on_missing: false}
                      register: missing_ok
                    - fetch: {src: OUT/src/nothere, dest: OUT/fetched}
                      register: missing
                      ignore_errors: true
                    - fetch: {src: OUT/src, dest: OUT/somedir, fail_on_missing: false}
                      register: dir_ok
                    - fetch: {src: OUT/src, dest: OUT/somedir}
                      register: dir
                      ignore_errors: true
                    - fetch:
                      register: noargs
                      ignore_errors: true
                    - fetch: {src: [1, 2], dest: OUT/fetched}
                      register: list
                      ignore_errors: true
                    - fetch: {src: OUT/src/orig, dest: OUT/src, flat: true}
                      register: flat_dir
                      ignore_errors: true
                    - assert:
                        that:
                          - check is skipped
                          - "check.msg == 'check mode not (yet) supported for this module'"
                          - first is changed
                          - first.checksum == 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'
                          - first.remote_checksum == first.checksum
                          - first.md5sum == '098f6bcd4621d373cade4e832627b4f6'
                          - again is not changed
                          - again.checksum == first.checksum
                          - "again.file == 'OUT/src/orig'"
                          - missing_ok is not failed
                          - "missing_ok.msg == 'the remote file does not exist, not transferring, ignored'"
                          - missing is failed
                          - "missing.msg == 'the remote file does not exist, not transferring, ignored'"
                          - dir_ok is not failed
                          - "dir_ok.msg == 'remote file is a directory, fetch cannot work on directories, not transferring, ignored'"
                          - dir is failed
                          - "dir.msg == 'remote file is a directory, fetch cannot work on directories'"
                          - "noargs.msg == 'src and dest are required'"
                          - "list.msg == 'Invalid type supplied for source option, it must be a string'"
                          - "flat_dir.msg is search('dest is an existing directory, use a trailing slash')"
                """);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("10 1 0 0 1 0 5", recap(run, "a"), run.toString());
    }

    @Test
    void timezoneRunsUnderItsCollectionNameAndPlansInCheckMode() throws IOException {
        // Check mode only: the real change runs in AnsibleTargetsTest's user target, in a private /etc.
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - community.general.timezone: {name: America/Denver}
                      check_mode: true
                      register: planned
                    - timezone: {name: Nowhere/Special}
                      register: unknown
                      ignore_errors: true
                    - zypper: {name: x}
                      when: false
                    - assert:
                        that:
                          - "planned.diff.after == {'name': 'America/Denver'}"
                          - planned.diff.before.name is string
                          - planned is changed == (planned.diff.before.name != 'America/Denver')
                          - unknown.msg == 'Error message:\\ngiven timezone "Nowhere/Special" is not available'
                """);
        assertEquals(0, run.exitCode(), run.toString());
        // changed is 1 unless this host's zone is America/Denver already.
        assertEquals("3 0 0 1 0 1", recap(run, "a").replaceFirst(" [01] ", " "), run.toString());
    }

    @Test
    void aSumWithoutSpacesIsJinjasSum() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - assert:
                        that: ["range(1, 5+1) | list == [1, 2, 3, 4, 5]", "2+3 == 5", "'a+1' == 'a' + '+1'"]
                """);
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void getentFactsAreVariablesUnderTheirOwnName() throws IOException {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - getent: {database: passwd, key: root}
                    - assert:
                        that:
                          - getent_passwd['root'][4] == '/root'
                          - ansible_facts.getent_passwd['root'][1] == '0'
                          - ansible_getent_passwd is not defined
                """);
        assertEquals(0, run.exitCode(), run.toString());
    }
}
