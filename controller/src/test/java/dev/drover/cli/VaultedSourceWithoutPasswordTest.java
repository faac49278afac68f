package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A vaulted source given to copy, template, script or unarchive in a run without a vault password:
 * each fails with Ansible's words ({@code DataLoader.get_real_file}), which Ansible's copy target
 * compares a registered {@code msg} with, and the console says what to pass. A directory copy
 * reports the file Ansible's walk reaches first.
 */
class VaultedSourceWithoutPasswordTest extends LocalPlaybookRun {

    @Test
    void eachActionFailsWithAnsiblesMessageAndTheConsoleSaysWhatToPass() throws Exception {
        Path pw = write("pw.txt", "pw-1\n");
        Path secret = write("files/secret.txt", "not for you\n");
        assertEquals(ExitCodes.OK, CliRun.of("vault", "encrypt", "--vault-password-file", pw.toString(), secret.toString()).exitCode());
        // A directory with a vaulted file at its top and one in a subfolder that sorts before it: Ansible's
        // walk (os.walk, top-down) reaches the top one first, and its copy reports the first failure.
        Path top = write("tree/zz-top", "top secret\n");
        Path nested = write("tree/a-folder/nested", "nested secret\n");
        for (Path f : new Path[] {top, nested}) {
            assertEquals(ExitCodes.OK, CliRun.of("vault", "encrypt", "--vault-password-file", pw.toString(), f.toString()).exitCode());
        }
        Files.createDirectories(dir.resolve("dest"));

        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - copy: {src: secret.txt, dest: OUT/dest/copied}
                      register: c
                      ignore_errors: true
                    - template: {src: files/secret.txt, dest: OUT/dest/templated}
                      register: t
                      ignore_errors: true
                    - script: secret.txt
                      register: s
                      ignore_errors: true
                    - unarchive: {src: secret.txt, dest: OUT/dest}
                      register: u
                      ignore_errors: true
                    - copy: {src: OUT/tree, dest: OUT/dest/}
                      register: d
                      ignore_errors: true
                    - assert:
                        that:
                          - c is failed and t is failed and s is failed and u is failed
                          - c.msg == expected
                          - t.msg == expected
                          - s.msg == expected
                          - u.msg == expected
                          - d.msg == 'A vault password or secret must be specified to decrypt OUT/tree/zz-top'
                      vars:
                        expected: A vault password or secret must be specified to decrypt OUT/files/secret.txt
                """);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("6 0 0 0 0 0 5", recap(run, "a"), run.toString());
        assertTrue(run.err().contains("[WARNING]: no vault password was given: pass --vault-password-file FILE"), run.toString());
    }
}
